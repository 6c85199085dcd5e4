import CMPI

/// A thin Swift view of `MPI_COMM_WORLD`: start-up and shut-down, rank and size, point-to-point
/// messages of bytes, `Double`s and `Float`s, a barrier, a broadcast and a gather in rank order.
///
/// Only one communicator exists per process; create it with ``Communicator/initialize()`` when the
/// user asked for a distributed run (a plain run never calls `MPI_Init`, so it needs no `mpirun`).
/// Errors are returned, not fatal (`MPI_ERRORS_RETURN`), and surface as ``MPIError``. All calls
/// must come from the thread that initialized MPI (`MPI_THREAD_FUNNELED`).
public final class Communicator: @unchecked Sendable {
    /// This process's rank in `MPI_COMM_WORLD` (0 is the coordinator).
    public let rank: Int
    /// Number of processes in `MPI_COMM_WORLD`.
    public let size: Int
    private var finalized = false
    private let world = cmpi_comm_world()

    private init(rank: Int, size: Int) {
        self.rank = rank
        self.size = size
    }

    /// Initializes MPI (funneled threading) and returns the world communicator.
    /// - Throws: ``MPIError`` when MPI cannot start or was already initialized.
    public static func initialize() throws -> Communicator {
        var flag: Int32 = 0
        MPI_Initialized(&flag)
        guard flag == 0 else { throw MPIError(function: "MPI_Init_thread", code: nil, detail: "MPI is already initialized") }
        var provided: Int32 = 0
        try check(MPI_Init_thread(nil, nil, cmpi_thread_funneled(), &provided), "MPI_Init_thread")
        let world = cmpi_comm_world()
        try check(MPI_Comm_set_errhandler(world, cmpi_errors_return()), "MPI_Comm_set_errhandler")
        var rank: Int32 = 0, size: Int32 = 0
        try check(MPI_Comm_rank(world, &rank), "MPI_Comm_rank")
        try check(MPI_Comm_size(world, &size), "MPI_Comm_size")
        return Communicator(rank: Int(rank), size: Int(size))
    }

    /// Ends MPI for this process (idempotent). Call once every rank is done communicating.
    public func finalize() {
        guard !finalized else { return }
        finalized = true
        MPI_Finalize()
    }

    /// Ends every process of the job with `code` (for unrecoverable errors on one rank).
    public func abort(code: Int32) -> Never {
        MPI_Abort(world, code)
        fatalError("MPI_Abort returned")
    }

    /// Waits until every rank has called `barrier()`.
    public func barrier() throws { try Communicator.check(MPI_Barrier(world), "MPI_Barrier") }

    // MARK: - Point to point

    /// Sends `bytes` to `destination` with `tag` (blocking until the buffer may be reused).
    /// - Complexity: one message of `bytes.count` bytes.
    public func send(_ bytes: [UInt8], to destination: Int, tag: Int) throws {
        try bytes.withUnsafeBufferPointer { b in
            try Communicator.check(MPI_Send(b.baseAddress, Int32(b.count), cmpi_byte(), Int32(destination), Int32(tag), world),
                                   "MPI_Send to rank \(destination)")
        }
    }

    /// Sends `values` (raw IEEE-754 bits) to `destination` with `tag`.
    public func send(_ values: [Double], to destination: Int, tag: Int) throws {
        try values.withUnsafeBufferPointer { b in
            try Communicator.check(MPI_Send(b.baseAddress, Int32(b.count), cmpi_double(), Int32(destination), Int32(tag), world),
                                   "MPI_Send to rank \(destination)")
        }
    }

    /// Sends `values` (raw IEEE-754 bits) to `destination` with `tag`.
    public func send(_ values: [Float], to destination: Int, tag: Int) throws {
        try values.withUnsafeBufferPointer { b in
            try Communicator.check(MPI_Send(b.baseAddress, Int32(b.count), cmpi_float(), Int32(destination), Int32(tag), world),
                                   "MPI_Send to rank \(destination)")
        }
    }

    /// Receives the next byte message from `source` (any rank when nil) with `tag` (any when nil),
    /// whatever its length (probed first).
    public func receiveBytes(from source: Int? = nil, tag: Int? = nil) throws -> Message<UInt8> {
        try receive(from: source, tag: tag, datatype: cmpi_byte(), as: UInt8.self)
    }

    /// Receives the next message of `Double`s from `source` (any when nil) with `tag` (any when nil).
    public func receiveDoubles(from source: Int? = nil, tag: Int? = nil) throws -> Message<Double> {
        try receive(from: source, tag: tag, datatype: cmpi_double(), as: Double.self)
    }

    /// Receives the next message of `Float`s from `source` (any when nil) with `tag` (any when nil).
    public func receiveFloats(from source: Int? = nil, tag: Int? = nil) throws -> Message<Float> {
        try receive(from: source, tag: tag, datatype: cmpi_float(), as: Float.self)
    }

    private func receive<T: Numeric>(from source: Int?, tag: Int?, datatype: MPI_Datatype, as _: T.Type) throws -> Message<T> {
        var status = MPI_Status()
        let src = Int32(source ?? Int(cmpi_any_source())), tg = Int32(tag ?? Int(cmpi_any_tag()))
        try Communicator.check(MPI_Probe(src, tg, world, &status), "MPI_Probe")
        var count: Int32 = 0
        try Communicator.check(MPI_Get_count(&status, datatype, &count), "MPI_Get_count")
        let from = cmpi_status_source(&status), realTag = cmpi_status_tag(&status)
        var values = [T](repeating: 0, count: Int(count))
        try values.withUnsafeMutableBufferPointer { b in
            try Communicator.check(MPI_Recv(b.baseAddress, count, datatype, from, realTag, world, cmpi_status_ignore()),
                                   "MPI_Recv from rank \(from)")
        }
        return Message(source: Int(from), tag: Int(realTag), values: values)
    }

    /// Whether a message from `source` (any when nil) with `tag` (any when nil) is waiting (non-blocking).
    public func hasMessage(from source: Int? = nil, tag: Int? = nil) throws -> Bool {
        var flag: Int32 = 0
        let src = Int32(source ?? Int(cmpi_any_source())), tg = Int32(tag ?? Int(cmpi_any_tag()))
        try Communicator.check(MPI_Iprobe(src, tg, world, &flag, cmpi_status_ignore()), "MPI_Iprobe")
        return flag != 0
    }

    // MARK: - Collectives

    /// Replaces `values` on every rank by root's `values` (every rank must pass the same count).
    public func broadcast(_ values: inout [Float], root: Int = 0) throws {
        try values.withUnsafeMutableBufferPointer { b in
            try Communicator.check(MPI_Bcast(b.baseAddress, Int32(b.count), cmpi_float(), Int32(root), world), "MPI_Bcast")
        }
    }

    /// Replaces `values` on every rank by root's `values` (every rank must pass the same count).
    public func broadcast(_ values: inout [Double], root: Int = 0) throws {
        try values.withUnsafeMutableBufferPointer { b in
            try Communicator.check(MPI_Bcast(b.baseAddress, Int32(b.count), cmpi_double(), Int32(root), world), "MPI_Bcast")
        }
    }

    /// Gathers every rank's `values` on `root`, in rank order (rank 0's first); other ranks get nil.
    /// Counts may differ between ranks.
    /// - Complexity: one count gather plus one `MPI_Gatherv` of the total length.
    public func gather(_ values: [Float], root: Int = 0) throws -> [[Float]]? {
        var count = Int32(values.count)
        var counts = [Int32](repeating: 0, count: rank == root ? size : 1)
        try counts.withUnsafeMutableBufferPointer { c in
            try Communicator.check(MPI_Gather(&count, 1, cmpi_int(), c.baseAddress, 1, cmpi_int(), Int32(root), world), "MPI_Gather")
        }
        var displacements = [Int32](repeating: 0, count: counts.count)
        if rank == root { for r in 1..<max(size, 1) where r < counts.count { displacements[r] = displacements[r - 1] + counts[r - 1] } }
        let total = rank == root ? counts.reduce(0) { $0 + Int($1) } : 0
        var all = [Float](repeating: 0, count: max(total, 1))
        try values.withUnsafeBufferPointer { v in
            try all.withUnsafeMutableBufferPointer { a in
                try Communicator.check(MPI_Gatherv(v.baseAddress, count, cmpi_float(), a.baseAddress, counts, displacements,
                                                   cmpi_float(), Int32(root), world), "MPI_Gatherv")
            }
        }
        guard rank == root else { return nil }
        return (0..<size).map { r in Array(all[Int(displacements[r])..<Int(displacements[r] + counts[r])]) }
    }

    /// Every rank's `values`, in rank order, on every rank (counts may differ between ranks).
    /// - Complexity: one `MPI_Allgather` of the counts and one `MPI_Allgatherv` of the values.
    public func allGather(_ values: [Float]) throws -> [[Float]] { try allGather(values, datatype: cmpi_float()) }

    /// Every rank's `values`, in rank order, on every rank.
    public func allGather(_ values: [Double]) throws -> [[Double]] { try allGather(values, datatype: cmpi_double()) }

    /// Every rank's `values`, in rank order, on every rank.
    public func allGather(_ values: [Int32]) throws -> [[Int32]] { try allGather(values, datatype: cmpi_int()) }

    private func allGather<T: Numeric>(_ values: [T], datatype: MPI_Datatype) throws -> [[T]] {
        var count = Int32(values.count)
        var counts = [Int32](repeating: 0, count: size)
        try counts.withUnsafeMutableBufferPointer { c in
            try Communicator.check(MPI_Allgather(&count, 1, cmpi_int(), c.baseAddress, 1, cmpi_int(), world), "MPI_Allgather")
        }
        var displacements = [Int32](repeating: 0, count: size)
        for r in 1..<max(size, 1) { displacements[r] = displacements[r - 1] + counts[r - 1] }
        let total = counts.reduce(0) { $0 + Int($1) }
        var all = [T](repeating: 0, count: max(total, 1))
        try values.withUnsafeBufferPointer { v in
            try all.withUnsafeMutableBufferPointer { a in
                try Communicator.check(MPI_Allgatherv(v.baseAddress, count, datatype, a.baseAddress, counts, displacements,
                                                      datatype, world), "MPI_Allgatherv")
            }
        }
        return (0..<size).map { r in Array(all[Int(displacements[r])..<Int(displacements[r] + counts[r])]) }
    }

    static func check(_ code: Int32, _ function: String) throws {
        guard code != cmpi_success() else { return }
        throw MPIError(function: function, code: code, detail: MPIError.describe(code))
    }
}

/// A received message: who sent it, its tag and its values.
public struct Message<Value: Sendable>: Sendable {
    /// Rank of the sender.
    public let source: Int
    /// Tag of the message.
    public let tag: Int
    /// The payload.
    public let values: [Value]
}
