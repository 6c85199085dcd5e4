/// One fused model of an experiment: which fusion method built it, from how many members at what
/// training cost, its test metrics and those of its best member (natural units, larger is better).
public struct EnsembleRecord: Sendable, Equatable {
    /// The fusion method.
    public var method: FusionMethod
    /// Members fused (Pareto-set models, bootstrap models or boosting stages).
    public var members: Int
    /// Model trainings the fusion itself spent (0 for a Pareto set's fusion: its models were trained by the method).
    public var trainings: Int
    /// Test metrics of the fused model, one per objective.
    public var test: [Double]
    /// Per objective, the best test metric of a single member: the maximum over the members for
    /// averaging and bagging; for boosting the first stage, the only stage that is a model on its own
    /// (later stages predict increments).
    public var bestMember: [Double]

    public init(method: FusionMethod, members: Int, trainings: Int, test: [Double], bestMember: [Double]) {
        self.method = method
        self.members = members
        self.trainings = trainings
        self.test = test
        self.bestMember = bestMember
    }

    /// The per-objective best of several members' test metric rows (`-inf` for no rows).
    static func best(of rows: [[Double]], objectives: Int) -> [Double] {
        (0..<objectives).map { k in rows.map { $0[k] }.max() ?? -.infinity }
    }
}
