import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Records a SIGTERM (what `mpirun` sends every rank when one of them dies) so the coordinator can
/// stop waiting and report, instead of being killed silently.
enum TerminationSignal {
    private static let flag = Atomic<Bool>(false)

    /// Installs the handler (idempotent).
    static func install() {
        signal(SIGTERM) { _ in TerminationSignal.flag.store(true, ordering: .relaxed) }
    }

    /// Makes a worker outlive `mpirun`'s SIGTERM until its SIGKILL, so the coordinator, checking at
    /// SIGTERM, sees only the worker that really died as gone.
    static func ignore() { signal(SIGTERM, SIG_IGN) }

    /// Whether a SIGTERM arrived.
    static var received: Bool { flag.load(ordering: .relaxed) }
}
