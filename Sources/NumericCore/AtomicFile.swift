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

    private static func write(bytes: UnsafeRawBufferPointer, to path: String) throws {
        guard !path.isEmpty else { throw AtomicFileError(path: path, message: "empty path") }
        let slash = path.lastIndex(of: "/")
        let directory: String
        let name: String
        if let slash {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
            name = String(path[path.index(after: slash)...])
        } else {
            directory = "."
            name = path
        }
        guard !name.isEmpty else {
            throw AtomicFileError(path: path, message: "path names a directory, not a file")
        }
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
        var closed = false
        func fail(_ what: String) -> AtomicFileError {
            let reason = systemError()
            if !closed { close(fd) }
            unlink(temporaryPath)
            return AtomicFileError(path: path, message: "\(what): \(reason)")
        }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc_write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw fail("write failed")
            }
            offset += written
        }
        guard fsync(fd) == 0 else { throw fail("fsync failed") }
        closed = true
        guard close(fd) == 0 else { throw fail("close failed") }
        guard rename(temporaryPath, path) == 0 else { throw fail("cannot rename temporary file into place") }
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
