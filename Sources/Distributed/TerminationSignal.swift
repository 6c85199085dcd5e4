import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Records a SIGTERM (what `mpirun` sends every rank when one of them dies) while the coordinator
/// waits for workers, so it can stop waiting and report instead of being killed silently. Outside
/// such a wait a SIGTERM ends the process at once, as by default.
enum TerminationSignal {
    private static let flag = Atomic<Bool>(false)
    private static let waiting = Atomic<Bool>(false)

    /// Installs the handler (idempotent).
    static func install() {
        signal(SIGTERM) { _ in
            if TerminationSignal.waiting.load(ordering: .sequentiallyConsistent) {
                TerminationSignal.flag.store(true, ordering: .sequentiallyConsistent)
            } else {
                _exit(128 + SIGTERM)
            }
        }
    }

    /// Runs `body` with SIGTERM recorded rather than fatal.
    static func whileWaiting<T>(_ body: () throws -> T) rethrows -> T {
        waiting.store(true, ordering: .sequentiallyConsistent)
        defer { waiting.store(false, ordering: .sequentiallyConsistent) }
        return try body()
    }

    /// Makes a worker outlive `mpirun`'s SIGTERM until its SIGKILL, so the coordinator, checking at
    /// SIGTERM, sees only the worker that really died as gone.
    static func ignore() { signal(SIGTERM, SIG_IGN) }

    /// Whether a SIGTERM arrived while waiting.
    static var received: Bool { flag.load(ordering: .sequentiallyConsistent) }
}
