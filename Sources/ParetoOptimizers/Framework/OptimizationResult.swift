/// What a run returns: the final population, its non-dominated set, counts, timings and history.
public struct OptimizationResult: Sendable, Codable {
    /// Registry name of the algorithm.
    public var algorithm: String
    /// Name of the problem.
    public var problem: String
    /// Seed of the run.
    public var seed: UInt64
    /// The optimizer's final population (for archive-based algorithms, the final swarm/batch).
    public var population: Population
    /// Non-dominated rows of the optimizer's reported front (feasible ones when any are feasible).
    public var front: Population
    /// Evaluations spent.
    public var evaluations: Int
    /// Iterations run (initialization included).
    public var iterations: Int
    /// Total wall time in seconds (summed over resumed segments).
    public var elapsedSeconds: Double
    /// Seconds spent inside problem evaluations (this segment only when resumed).
    public var evaluationSeconds: Double
    /// One row per iteration.
    public var history: [HistoryRow]
    /// The criterion that stopped the run, or `nil` when the optimizer finished on its own (`isFinished`).
    public var stoppedBy: Termination.Criterion?
}
