#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Failure of an atomic write; the message names the path and the system's reason.
public struct AtomicFileError: Error, Equatable, CustomStringConvertible {
    /// The destination path the caller asked to write.
    public let path: String
    /// What went wrong, e.g. `cannot create temporary file in '/x': Permission denied`.
    public let message: String

    /// An error for `path` with an explanation.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`, one line.
    public var description: String { "\(path): \(message)" }
}

/// Writes files atomically: readers see either the old file or the complete new one, never a
/// partial write.
///
/// A destination that is a symbolic link is written through: the file the link points to is
/// replaced and the link stays. A destination that exists but is not a regular file (a device
/// such as `/dev/null`, a FIFO, a socket, a directory) is refused, since replacing it by rename
/// would remove it and writing into it is not atomic.
///
/// The data goes to a uniquely named temporary file in the destination's own directory (so the
/// final `rename(2)` stays within one file system and is atomic), is flushed to disk with
/// `fsync(2)`, and is then renamed over the destination. On any failure the temporary file is
/// removed and an ``AtomicFileError`` naming the destination path is thrown.
public enum AtomicFile {
    /// Writes `data` to `url` atomically. - Complexity: O(n) in the size of `data`.
    /// - Throws: ``AtomicFileError`` when the directory is missing or unwritable, or a write fails.
    public static func write(_ data: Data, to url: URL) throws {
        try data.withUnsafeBytes { raw in
            try write(bytes: UnsafeRawBufferPointer(raw), to: url.path)
        }
    }

    /// Writes `string` as UTF-8 to `path` atomically. - Complexity: O(n).
    /// - Throws: ``AtomicFileError`` when the directory is missing or unwritable, or a write fails.
    public static func write(_ string: String, to path: String) throws {
        var copy = string
        try copy.withUTF8 { buffer in
            try write(bytes: UnsafeRawBufferPointer(buffer), to: path)
        }
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }

    /// Checks, before a long computation, that `path` can be written: its directory exists and
    /// accepts a new file (a temporary file is created and removed), and it is not a device or
    /// other non-regular file. - Throws: ``AtomicFileError`` as ``write(_:to:)-(String,_)`` would.
    public static func checkWritable(_ path: String) throws {
        let (directory, name) = try destination(path)
        let temporary = try createTemporary(in: directory, name: name, for: path)
        close(temporary.fd)
        unlink(temporary.path)
    }

    /// The directory and file name a write to `path` replaces: symbolic links are followed (the
    /// file they point to is replaced, the link stays), and an existing destination that is not a
    /// regular file (a device, FIFO, socket or directory) is refused.
    private static func destination(_ path: String) throws -> (directory: String, name: String) {
        guard !path.isEmpty else { throw AtomicFileError(path: path, message: "empty path") }
        var target = path
        var info = stat()
        var hops = 0
        while lstat(target, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
            hops += 1
            guard hops <= 40 else { throw AtomicFileError(path: path, message: "too many levels of symbolic links") }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(target, &buffer, buffer.count - 1)
            guard length >= 0 else { throw AtomicFileError(path: path, message: "cannot read symbolic link '\(target)': \(systemError())") }
            let link = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if link.hasPrefix("/") {
                target = link
            } else if let slash = target.lastIndex(of: "/") {
                target = String(target[...slash]) + link
            } else {
                target = link
            }
        }
        if lstat(target, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            if kind != S_IFREG {
                let what = kind == S_IFDIR ? "a directory" : kind == S_IFCHR || kind == S_IFBLK ? "a device"
                    : kind == S_IFIFO ? "a FIFO" : kind == S_IFSOCK ? "a socket" : "not a regular file"
                throw AtomicFileError(path: path, message: "is \(what); refusing to replace it (write to a regular file)")
            }
        }
        let slash = target.lastIndex(of: "/")
        let directory: String
        let name: String
        if let slash {
            directory = slash == target.startIndex ? "/" : String(target[..<slash])
            name = String(target[target.index(after: slash)...])
        } else {
            directory = "."
            name = target
        }
        guard !name.isEmpty else {
            throw AtomicFileError(path: path, message: "path names a directory, not a file")
        }
        return (directory, name)
    }

    /// Creates a new, uniquely named temporary file beside the destination.
    private static func createTemporary(in directory: String, name: String, for path: String) throws -> (fd: Int32, path: String) {
        let prefix = directory == "/" ? "/" : directory + "/"
        // open(O_CREAT | O_EXCL, 0666) rather than mkstemp: the file gets the usual umask-governed
        // permissions without touching the process-wide umask (which would race other threads).
        var fd: Int32 = -1
        var temporaryPath = ""
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<16 {
            let suffix = String(generator.next() & 0xFFFF_FFFF_FFFF, radix: 16)
            temporaryPath = prefix + "." + name + ".tmp." + String(getpid()) + "." + suffix
            fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else {
            throw AtomicFileError(
                path: path, message: "cannot create temporary file in '\(directory)': \(systemError())")
        }
        return (fd, temporaryPath)
    }

    private static func write(bytes: UnsafeRawBufferPointer, to path: String) throws {
        try stream(to: path) { emit in try emit(bytes) }
    }

    /// Writes what `body` passes to its `emit` argument, in order, to `path` atomically, streamed
    /// (the content is never held in memory as one piece). An error thrown by `body` removes the
    /// temporary file and is rethrown; the destination is then untouched.
    ///
    /// With `durable` (the default) the data and the rename are flushed to the disk before returning,
    /// so that the file survives a power loss. Without it the rename is still atomic for every other
    /// process and for a killed run, but a power loss may leave a damaged file: for caches whose
    /// reader validates a checksum and rebuilds, where flushing gigabytes would cost more than the
    /// write itself.
    /// - Throws: ``AtomicFileError`` as ``write(_:to:)-(String,_)`` would, or what `body` throws.
    /// - Complexity: O(n) in the bytes emitted.
    public static func stream(to path: String, durable: Bool = true,
                              _ body: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let (directory, name) = try destination(path)
        let (fd, temporaryPath) = try createTemporary(in: directory, name: name, for: path)
        var isOpen = true
        func fail(_ what: String) -> AtomicFileError {
            let reason = systemError()
            if isOpen { close(fd); isOpen = false }
            unlink(temporaryPath)
            return AtomicFileError(path: path, message: "\(what): \(reason)")
        }
        do {
            try body { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Glibc_write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw fail("write failed")
                    }
                    offset += written
                }
            }
        } catch {
            if isOpen { close(fd); isOpen = false }
            unlink(temporaryPath)
            throw error
        }
        guard !durable || fsync(fd) == 0 else { throw fail("fsync failed") }
        isOpen = false
        guard close(fd) == 0 else { throw fail("close failed") }
        guard rename(temporaryPath, (directory == "/" ? "" : directory) + "/" + name) == 0 else { throw fail("cannot rename temporary file into place") }
        guard durable else { return }
        // Make the rename durable too (best effort: some file systems refuse fsync on directories).
        let directoryFD = open(directory, O_RDONLY)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }
}

@inline(__always)
private func Glibc_write(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, pointer, count)
    #elseif canImport(Musl)
    return Musl.write(fd, pointer, count)
    #else
    return Darwin.write(fd, pointer, count)
    #endif
}
