/// One row of a run's history, produced after every iteration (initialization is iteration 1).
public struct HistoryRow: Sendable, Codable, Equatable {
    /// Iteration number, from 1.
    public var iteration: Int
    /// Evaluations spent so far.
    public var evaluations: Int
    /// Number of non-dominated solutions in the optimizer's reported front.
    public var frontSize: Int
    /// Hypervolume of that front w.r.t. the run's reference point, when one was given.
    public var hypervolume: Double?
    /// Wall time since the run started, in seconds (summed over resumed segments).
    public var elapsedSeconds: Double

    /// A history row.
    public init(iteration: Int, evaluations: Int, frontSize: Int, hypervolume: Double?, elapsedSeconds: Double) {
        self.iteration = iteration
        self.evaluations = evaluations
        self.frontSize = frontSize
        self.hypervolume = hypervolume
        self.elapsedSeconds = elapsedSeconds
    }

    /// CSV header matching `csvLine`.
    public static let csvHeader = "iteration,evaluations,front_size,hypervolume,elapsed_seconds"
    /// The row as CSV (hypervolume empty when not computed; full precision).
    public var csvLine: String {
        "\(iteration),\(evaluations),\(frontSize),\(hypervolume.map { "\($0)" } ?? ""),\(elapsedSeconds)"
    }
}

/// Receives a history row after every iteration of a run (progress lines, logging, live plots).
///
/// The front passed along is the optimizer's reported set filtered to its non-dominated rows.
/// Observers must not influence the run; they are called on the driver's thread.
public protocol OptimizationObserver {
    /// Called after iteration `row.iteration` with the current non-dominated front.
    func observe(_ row: HistoryRow, front: Population)
}

/// An observer from a closure.
public struct ClosureObserver: OptimizationObserver {
    private let body: (HistoryRow, Population) -> Void
    /// Calls `body` after every iteration.
    public init(_ body: @escaping (HistoryRow, Population) -> Void) { self.body = body }
    public func observe(_ row: HistoryRow, front: Population) { body(row, front) }
}
