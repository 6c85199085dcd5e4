import ParetoOptimizers

/// One method that learns a whole Pareto set in one training (a preference-conditioned model read
/// at many preferences), as the harness runs it.
public struct RegisteredSetLearner: Sendable {
    /// Name used in experiment configs.
    public let name: String
    /// Other accepted names.
    public let aliases: [String]
    /// One line for help texts.
    public let summary: String
    /// The papers.
    public let paper: String
    /// Runs the method for one seed (`preferences` = the number of preferences the front is read at).
    let run: @Sendable (MethodConfig, UInt64, ScenarioTrainer, [Double], ExperimentEventLog?) throws -> MethodOutcome

    init(name: String, aliases: [String] = [], summary: String, paper: String,
         run: @escaping @Sendable (MethodConfig, UInt64, ScenarioTrainer, [Double], ExperimentEventLog?) throws -> MethodOutcome) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.paper = paper
        self.run = run
    }

    /// A set learner trains once per seed; `preferences` sets how many points the front is read at.
    public var requiredBudget: Set<BudgetKey> { [] }
    /// Budget keys an experiment may give.
    public var acceptedBudget: Set<BudgetKey> { [.preferences] }
}

/// The Pareto-set learners available by name (the third registry beside ``OptimizerRegistry`` and
/// ``WeightingRegistry``). Adding one = a file with its `registration` plus one line here.
public enum SetLearningRegistry {
    /// The registered set learners.
    public static let methods: [RegisteredSetLearner] = [
        ParetoSetMethod.registration,
        ParetoSetMethod.filmRegistration,
    ]

    /// The entry for `name` or one of its aliases (case-insensitive), or `nil`.
    public static func lookup(_ name: String) -> RegisteredSetLearner? {
        let key = name.lowercased()
        return methods.first { $0.name == key || $0.aliases.contains(key) }
    }
}
