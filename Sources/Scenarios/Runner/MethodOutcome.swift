import Recommender

/// What a method hands back to the runner for one seed, before it is written to disk: its Pareto
/// set's test metrics in natural units, the decision values that produced each point, the
/// validation-hypervolume history and a training-loss curve.
public struct MethodOutcome: Sendable {
    /// Test metrics of each Pareto-set member, one row per solution, natural units.
    public var front: [[Double]]
    /// Decision variable names (without the `x.` prefix), e.g. `["weight_click", "log10_lr"]`.
    public var decisionNames: [String]
    /// Decision values, one row per front row.
    public var decisions: [[Double]]
    /// (evaluations, validation hypervolume) after each iteration.
    public var history: [(evaluations: Double, hypervolume: Double)]
    /// Mean training loss per epoch of a representative model.
    public var lossCurve: [Double]
    /// Model trainings (or preference runs) spent.
    public var evaluations: Int
    /// The Pareto set's trained models, one per front row (empty when not kept), for model fusion.
    public var models: [MultiObjectiveModel]
    /// Validation metrics of each Pareto-set member (natural units), one per front row, or empty.
    public var validation: [[Double]]

    public init(front: [[Double]], decisionNames: [String], decisions: [[Double]],
                history: [(evaluations: Double, hypervolume: Double)], lossCurve: [Double], evaluations: Int,
                models: [MultiObjectiveModel] = [], validation: [[Double]] = []) {
        self.front = front
        self.decisionNames = decisionNames
        self.decisions = decisions
        self.history = history
        self.lossCurve = lossCurve
        self.evaluations = evaluations
        self.models = models
        self.validation = validation
    }
}
