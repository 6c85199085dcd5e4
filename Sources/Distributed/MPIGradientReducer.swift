import Dispatch
import Recommender

/// Data-parallel training over the ranks of an MPI job: rank `r` of `K` trains on the `r`-th shard of
/// every batch, and the per-objective gradients, heads, touched embedding rows and losses are
/// all-gathered and summed in rank order on every rank (see `GradientReducer`), so all ranks apply
/// the same update and MGDA-style weightings see the full-batch Gram matrix.
public final class MPIGradientReducer: GradientReducer {
    /// The world communicator.
    public let communicator: Communicator
    /// Seconds spent in all-gathers so far (communication and waiting for the slowest rank).
    public private(set) var seconds = 0.0
    /// All-gathers performed so far.
    public private(set) var calls = 0

    /// A reducer over every rank of `communicator`.
    public init(communicator: Communicator) { self.communicator = communicator }

    public var shardCount: Int { communicator.size }
    public var shardIndex: Int { communicator.rank }

    public func allGather(_ values: [Float]) throws -> [[Float]] { try timed { try communicator.allGather(values) } }
    public func allGather(_ values: [Double]) throws -> [[Double]] { try timed { try communicator.allGather(values) } }
    public func allGather(_ values: [Int32]) throws -> [[Int32]] { try timed { try communicator.allGather(values) } }

    private func timed<T>(_ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            seconds += Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            calls += 1
        }
        return try body()
    }
}
