import ParetoCore
import Recommender

/// What a method hands back to the runner for one seed, before it is written to disk: its Pareto
/// set as a front (test metrics in natural units with their senses, and the decision values that
/// produced each point), the validation-hypervolume history and a training-loss curve.
struct MethodOutcome: Sendable {
    /// The Pareto set measured on the test split: natural units, senses, decision columns.
    var front: FrontTable
    /// (evaluations, validation hypervolume) after each iteration.
    var history: [(evaluations: Double, hypervolume: Double)]
    /// Mean training loss per epoch of a representative model.
    var lossCurve: [Double]
    /// Model trainings spent.
    var evaluations: Int
    /// The Pareto set's trained models, one per front row (empty when not kept), for model fusion.
    var models: [MultiObjectiveModel]
    /// Validation metrics of each Pareto-set member (natural units), one per front row, or empty.
    var validation: [[Double]]
    /// A set learner's preference sweep: each evaluation preference `λ` followed by the test metrics
    /// (natural units) of the model read at `λ`, in preference order, dominated points included.
    var sweep: [(preference: [Double], test: [Double])] = []

    init(front: FrontTable, history: [(evaluations: Double, hypervolume: Double)], lossCurve: [Double], evaluations: Int,
                models: [MultiObjectiveModel] = [], validation: [[Double]] = []) {
        self.front = front
        self.history = history
        self.lossCurve = lossCurve
        self.evaluations = evaluations
        self.models = models
        self.validation = validation
    }
}
