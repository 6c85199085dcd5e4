import ParetoCore

/// What one run of one method with one seed produced: the front of test metrics (natural units with
/// their senses, and the decision columns), the hypervolume history and the training loss curve.
public struct RunArtifacts: Sendable, Equatable {
    /// Scenario name (`ecommerce`, `video`, `music`).
    public var scenario: String
    /// Method name.
    public var method: String
    /// The run's seed.
    public var seed: UInt64
    /// The Pareto set's test metrics with their senses, one row per solution.
    public var front: FrontTable
    /// (evaluations, hypervolume) after each iteration.
    public var history: [(evaluations: Double, hypervolume: Double)]
    /// Mean training loss per epoch (of the last or representative model), if recorded.
    public var lossCurve: [Double]
    /// Hypervolume of `front` with the experiment's reference point.
    public var hypervolume: Double
    /// Model trainings (black box) or preference runs (in-training methods) spent.
    public var evaluations: Int
    /// Wall time in seconds.
    public var seconds: Double
    /// Test metrics of the fused Pareto-set models (`ParetoSetFusion`), one row per preference of
    /// `ParetoSetFusion.standardPreferences`; empty when the run kept no models.
    public var fusion: [[Double]]
    /// A set learner's test metrics at each of its evaluation preferences, in preference order
    /// (the preference sweep, dominated points included); empty for other methods.
    public var sweep: [[Double]]

    public init(
        scenario: String, method: String, seed: UInt64, front: FrontTable,
        history: [(evaluations: Double, hypervolume: Double)], lossCurve: [Double],
        hypervolume: Double, evaluations: Int, seconds: Double, fusion: [[Double]] = [], sweep: [[Double]] = []
    ) {
        self.scenario = scenario; self.method = method; self.seed = seed; self.front = front
        self.history = history; self.lossCurve = lossCurve; self.hypervolume = hypervolume
        self.evaluations = evaluations; self.seconds = seconds; self.fusion = fusion; self.sweep = sweep
    }

    /// Objective names, e.g. `["click_auc", "purchase_auc"]`.
    public var objectiveNames: [String] { front.objectiveNames }
    /// Whether each objective is maximized.
    public var maximize: [Bool] { front.senses.map { $0 == .maximize } }
    /// The front's objective rows in natural units.
    public var frontRows: [[Double]] { front.objectives.rowArrays }

    public static func == (a: RunArtifacts, b: RunArtifacts) -> Bool {
        a.scenario == b.scenario && a.method == b.method && a.seed == b.seed && a.front == b.front
            && a.lossCurve == b.lossCurve
            && a.hypervolume == b.hypervolume && a.fusion == b.fusion && a.sweep == b.sweep && a.evaluations == b.evaluations && a.seconds == b.seconds
            && a.history.map(\.evaluations) == b.history.map(\.evaluations)
            && a.history.map(\.hypervolume) == b.history.map(\.hypervolume)
    }
}
