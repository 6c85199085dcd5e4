#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and standard error written with `write(2)`, so a full device (`> /dev/full`),
/// a closed stream (`>&-`) or a broken file is an error the tool reports, never a trap.
///
/// A closed descriptor 1 or 2 is first reserved with `/dev/null` (so no file the tool opens later
/// can take its number and receive the output); writing to it is then reported as "closed".
/// The first failure is remembered, and ``ParetoRecCommand`` exits non-zero when any write failed.
enum StandardStreams {
    /// A failed write to standard output or standard error.
    struct WriteError: Error, CustomStringConvertible {
        let stream: String, reason: String
        var description: String { "cannot write to \(stream): \(reason)" }
    }

    nonisolated(unsafe) private static var closed: Set<Int32> = []
    nonisolated(unsafe) private(set) static var firstFailure: WriteError?
    private static let lock = StreamLock()

    /// Reserves closed descriptors 0, 1 and 2 with `/dev/null`; call once before anything else.
    static func reserveClosedDescriptors() {
        for fd: Int32 in [0, 1, 2] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if opened >= 0 && opened != fd { _ = dup2(opened, fd); _ = close(opened) }
            if fd != 0 { closed.insert(fd) }
        }
    }

    /// Writes `text` to standard output. - Throws: ``WriteError`` when it cannot be written.
    static func writeOutput(_ text: String) throws {
        if let error = write(text, to: 1) { throw error }
    }

    /// Writes `text` to standard error; a failure is remembered (the exit status reports it).
    static func writeError(_ text: String) {
        _ = write(text, to: 2)
    }

    private static func write(_ text: String, to fd: Int32) -> WriteError? {
        let name = fd == 1 ? "standard output" : "standard error"
        var failure: WriteError?
        if closed.contains(fd) {
            failure = WriteError(stream: name, reason: "it is closed")
        } else {
            var copy = text
            copy.withUTF8 { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = WriteError(stream: name, reason: String(cString: strerror(errno)))
                        return
                    }
                    offset += n
                }
            }
        }
        if let failure {
            lock.locked { if firstFailure == nil { firstFailure = failure } }
        }
        return failure
    }
}

/// A mutex for the failure slot (progress lines may come from worker threads).
private final class StreamLock: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    func locked<T>(_ body: () -> T) -> T { pthread_mutex_lock(&mutex); defer { pthread_mutex_unlock(&mutex) }; return body() }
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, pointer, count)
    #else
    return Darwin.write(fd, pointer, count)
    #endif
}
