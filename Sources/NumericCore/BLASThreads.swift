import CNumerics

/// Control of OpenBLAS's thread pool.
public enum BLASThreads {
    /// The number of threads OpenBLAS uses for level-3 calls.
    public static var count: Int { Int(openblas_get_num_threads()) }
    /// Sets the number of OpenBLAS threads (e.g. 1 inside parallel evaluations).
    public static func set(_ n: Int) { openblas_set_num_threads(Int32(max(1, n))) }
}
