/// Settings the command line (or any generic caller) can give every algorithm; each algorithm
/// maps them onto its own typed configuration and ignores what does not apply.
public struct AlgorithmSettings: Sendable {
    /// Population / swarm / batch size, or number of weight vectors or start points; `nil` = the
    /// algorithm's default.
    public var populationSize: Int?
    /// Budget hint in evaluations when known (grid enumeration uses it to refuse huge grids).
    public var evaluationBudget: Int?

    /// Settings; all optional.
    public init(populationSize: Int? = nil, evaluationBudget: Int? = nil) {
        self.populationSize = populationSize
        self.evaluationBudget = evaluationBudget
    }

    /// Largest population (swarm, batch, start points) accepted.
    public static let maximumPopulation = 1_000_000
    /// Largest population × (variables + objectives) accepted: 2²⁷ doubles, 1 GiB per copy.
    public static let maximumPopulationEntries = 1 << 27

    /// Refuses sizes that could only end in an allocation failure: a population above
    /// ``maximumPopulation`` or one whose matrices for `problem` exceed ``maximumPopulationEntries``.
    /// - Throws: `OptimizerError.invalidConfiguration` naming the limit.
    public func check(for problem: any Problem) throws {
        guard let size = populationSize else { return }
        guard size <= Self.maximumPopulation else {
            throw OptimizerError.invalidConfiguration("population \(size) is above the maximum of \(Self.maximumPopulation)")
        }
        let width = problem.variableCount + problem.objectiveCount
        let (entries, overflow) = size.multipliedReportingOverflow(by: width)
        guard !overflow, entries <= Self.maximumPopulationEntries else {
            throw OptimizerError.invalidConfiguration("population \(size) × \(width) values per member is above the maximum of \(Self.maximumPopulationEntries) values")
        }
    }
}

/// A type-erased optimizer: runs any ``Optimizer`` through the generic driver.
public struct AnyOptimizer: Sendable {
    /// Registry name of the wrapped algorithm.
    public let name: String
    /// What the wrapped algorithm needs of a problem.
    public let problemRequirement: ProblemRequirement
    private let run: @Sendable (any Problem, Termination, UInt64, [any OptimizationObserver], RunOptions) throws -> OptimizationResult

    /// Wraps `optimizer`.
    public init<O: Optimizer>(_ optimizer: O) {
        name = O.name
        problemRequirement = O.problemRequirement
        run = { problem, termination, seed, observers, options in
            try ParetoOptimizers.minimize(problem: problem, optimizer: optimizer, termination: termination,
                                          seed: seed, observers: observers, options: options)
        }
    }

    /// Runs the wrapped optimizer; see ``minimize(problem:optimizer:termination:seed:observers:options:)``.
    public func minimize(problem: any Problem, termination: Termination, seed: UInt64,
                         observers: [any OptimizationObserver] = [], options: RunOptions = RunOptions()) throws -> OptimizationResult {
        try run(problem, termination, seed, observers, options)
    }
}

/// A budget setting an experiment can give a method (the YAML keys of a method entry).
public enum BudgetKey: String, Sendable, Codable, CaseIterable, Comparable {
    /// Number of problem evaluations (model trainings for the recommender).
    case evaluations
    /// Population, swarm or batch size, or number of weight vectors / start points.
    case population
    /// Number of preference vectors (in-training methods: one training each).
    case preferences

    public static func < (a: BudgetKey, b: BudgetKey) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The largest value a configuration may give: 10⁹ evaluations, the population limit of
    /// ``AlgorithmSettings/maximumPopulation``, 10,000 preferences (each one training or one point).
    public var maximum: Int {
        switch self {
        case .evaluations: return 1_000_000_000
        case .population: return AlgorithmSettings.maximumPopulation
        case .preferences: return 10_000
        }
    }
}

/// One registry entry: a name (plus aliases), a one-line summary, the paper, what the algorithm
/// needs (problem kind, budget keys) and a factory.
///
/// The declarations have defaults (a black-box algorithm that needs an evaluation budget and accepts
/// a population size), so an entry only states what differs.
public struct RegisteredAlgorithm: Sendable {
    /// Name used by `paretorec optimize --algorithm`.
    public let name: String
    /// Other accepted names (e.g. `mopso` for SMPSO).
    public let aliases: [String]
    /// One line for help texts.
    public let summary: String
    /// The paper: authors, venue and year, DOI or arXiv id (empty for a plain baseline).
    public let paper: String
    /// What the algorithm needs of a problem; must equal the built optimizer's `problemRequirement`.
    public let problemRequirement: ProblemRequirement
    /// Budget keys an experiment must give.
    public let requiredBudget: Set<BudgetKey>
    /// Budget keys an experiment may give (a superset of `requiredBudget`).
    public let acceptedBudget: Set<BudgetKey>
    /// Builds the optimizer for a problem from generic settings.
    public let make: @Sendable (AlgorithmSettings, any Problem) throws -> AnyOptimizer

    /// A registry entry.
    public init(name: String, aliases: [String] = [], summary: String, paper: String = "",
                problemRequirement: ProblemRequirement = .blackBox,
                requiredBudget: Set<BudgetKey> = [.evaluations], acceptedBudget: Set<BudgetKey> = [.evaluations, .population],
                make: @escaping @Sendable (AlgorithmSettings, any Problem) throws -> AnyOptimizer) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.paper = paper
        self.problemRequirement = problemRequirement
        self.requiredBudget = requiredBudget
        self.acceptedBudget = acceptedBudget.union(requiredBudget)
        self.make = make
    }
}

/// All algorithms available by name. Adding an algorithm = one new file defining the optimizer
/// and its `static let registration`, plus one line in `algorithms` below.
public enum OptimizerRegistry {
    /// The registered algorithms, in help-text order.
    public static let algorithms: [RegisteredAlgorithm] = [
        NSGA2.registration,
        SMPSO.registration,
        RandomSearch.registration,
        WeightedSum.registration,
        WeightedSum.tchebycheffRegistration,
        WeightedSum.achievementRegistration,
        GridSearch.registration,
        MGDA.registration,
        ParEGO.registration,
        EHVI.registration,
        NEHVI.registration,
        NSGA3.registration,
        MOEAD.registration,
        MOEAD.pbiRegistration,
    ]

    /// Names (without aliases) of all registered algorithms.
    public static var names: [String] { algorithms.map(\.name) }

    /// The entry for `name` or one of its aliases (case-insensitive), or `nil`.
    public static func lookup(_ name: String) -> RegisteredAlgorithm? {
        let key = name.lowercased()
        return algorithms.first { $0.name == key || $0.aliases.contains(key) }
    }

    /// The entry for `name` or one of its aliases (case-insensitive).
    /// - Throws: `OptimizerError.unknownName` listing the known names.
    public static func entry(named name: String) throws -> RegisteredAlgorithm {
        guard let entry = lookup(name) else {
            throw OptimizerError.unknownName("algorithm '\(name)'; known: \(names.joined(separator: ", "))")
        }
        return entry
    }

    /// Builds the algorithm `name` for `problem` from `settings`.
    /// - Throws: `OptimizerError.unknownName`, the algorithm's configuration errors, or
    ///   `.invalidConfiguration` when ``AlgorithmSettings/check(for:)`` refuses the sizes.
    public static func make(name: String, settings: AlgorithmSettings = AlgorithmSettings(), problem: any Problem) throws -> AnyOptimizer {
        let entry = try entry(named: name)
        try settings.check(for: problem)
        return try entry.make(settings, problem)
    }
}
