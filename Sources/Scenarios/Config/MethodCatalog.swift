import ParetoOptimizers

/// How an experiment method uses the recommender.
public enum MethodKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// A registered optimizer run on the recommender as a black-box problem (settings in, validation
    /// metrics out; one model training per evaluation).
    case blackBox = "black-box"
    /// A registered gradient weighting applied inside training (one model per training).
    case inTraining = "in-training"
    /// A registered Pareto-set learner: one training of a preference-conditioned model per seed.
    case setLearning = "set-learning"
}

/// An experiment method name resolved against the two registries.
public enum ResolvedMethod: Sendable {
    /// An optimizer of ``OptimizerRegistry`` that can run on a black-box problem.
    case blackBox(RegisteredAlgorithm)
    /// A weighting of ``WeightingRegistry``.
    case inTraining(RegisteredWeighting)
    /// A learner of ``SetLearningRegistry``.
    case setLearning(RegisteredSetLearner)

    /// The method's kind.
    public var kind: MethodKind {
        switch self {
        case .blackBox: return .blackBox
        case .inTraining: return .inTraining
        case .setLearning: return .setLearning
        }
    }

    /// The registry name (aliases resolved).
    public var registryName: String {
        switch self {
        case .blackBox(let a): return a.name
        case .inTraining(let w): return w.name
        case .setLearning(let l): return l.name
        }
    }

    /// Budget keys the method must be given.
    public var requiredBudget: Set<BudgetKey> {
        switch self {
        case .blackBox(let a): return a.requiredBudget
        case .inTraining(let w): return w.requiredBudget
        case .setLearning(let l): return l.requiredBudget
        }
    }

    /// Budget keys the method may be given.
    public var acceptedBudget: Set<BudgetKey> {
        switch self {
        case .blackBox(let a): return a.acceptedBudget
        case .inTraining(let w): return w.acceptedBudget
        case .setLearning(let l): return l.acceptedBudget
        }
    }
}

/// A method name the registries cannot resolve for an experiment; the message says why.
public struct MethodResolutionError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, in one sentence.
    public var message: String
    public var description: String { message }
}

/// One registered method as `paretorec methods` lists it.
public struct MethodDescription: Sendable, Equatable, Codable {
    public var name: String
    public var aliases: [String]
    /// `optimizer` (``OptimizerRegistry``), `weighting` (``WeightingRegistry``) or `set-learner`
    /// (``SetLearningRegistry``).
    public var registry: String
    /// How an experiment runs it: `black-box` or `in-training`; `nil` for an optimizer that needs a
    /// differentiable problem (it runs in `paretorec optimize` only).
    public var kind: MethodKind?
    public var summary: String
    public var paper: String
    /// What it needs: `black-box problem` / `differentiable problem` for optimizers, `losses` /
    /// `gram` / `gradients` for weightings.
    public var needs: String
    /// Budget keys an experiment must give.
    public var requiredBudget: [String]
    /// Budget keys an experiment may give.
    public var acceptedBudget: [String]
    /// Where a weighting takes its gradients unless the experiment says otherwise (`parameters` or
    /// `representation`); `nil` for optimizers.
    public var defaultTarget: String?
}

/// Resolves experiment method names against ``OptimizerRegistry`` and ``WeightingRegistry``; the
/// harness, the YAML validation and `paretorec methods` know methods only through it.
///
/// The rule, for a name without an explicit `kind`:
/// 1. an optimizer (name or alias) that runs on a black-box problem → black box;
/// 2. otherwise a weighting (name or alias) → in training;
/// 3. otherwise a Pareto-set learner of ``SetLearningRegistry`` → set learning;
/// 4. otherwise an error: an optimizer that needs gradients cannot run on the recommender, any other
///    name is unknown (with the nearest known name).
/// So `mgda`, which names both the multi-start MGDA optimizer (needs a differentiable problem) and
/// the MGDA weighting, resolves to the weighting. With `kind:` given, only that registry is asked.
public enum MethodCatalog {
    /// The method `name` resolves to (see the rule above).
    /// - Throws: ``MethodResolutionError`` naming the problem.
    public static func resolve(_ name: String, kind: MethodKind? = nil) throws -> ResolvedMethod {
        let optimizer = kind == nil || kind == .blackBox ? OptimizerRegistry.lookup(name) : nil
        let weighting = kind == nil || kind == .inTraining ? WeightingRegistry.lookup(name) : nil
        let learner = kind == nil || kind == .setLearning ? SetLearningRegistry.lookup(name) : nil
        if let optimizer, optimizer.problemRequirement == .blackBox { return .blackBox(optimizer) }
        if let weighting { return .inTraining(weighting) }
        if let learner { return .setLearning(learner) }
        if let optimizer {
            throw MethodResolutionError(message: "method '\(name)' is an optimizer that needs a \(optimizer.problemRequirement.rawValue) problem; "
                + "the recommender is a black-box problem" + (kind == nil ? " and no in-training weighting has that name" : ""))
        }
        let candidates = names(kind: kind)
        var message = "unknown \(kind.map { $0.rawValue + " " } ?? "")method '\(name)'"
        if let suggestion = nearestName(to: name, in: candidates) { message += "; did you mean '\(suggestion)'?" }
        else { message += "; run `paretorec methods` for the list" }
        throw MethodResolutionError(message: message)
    }

    /// Names and aliases an experiment accepts (of one kind, or both).
    public static func names(kind: MethodKind? = nil) -> [String] {
        var out: [String] = []
        if kind == nil || kind == .blackBox {
            for a in OptimizerRegistry.algorithms where a.problemRequirement == .blackBox { out += [a.name] + a.aliases }
        }
        if kind == nil || kind == .inTraining {
            for w in WeightingRegistry.methods { out += [w.name] + w.aliases }
        }
        if kind == nil || kind == .setLearning {
            for l in SetLearningRegistry.methods { out += [l.name] + l.aliases }
        }
        return out
    }

    /// Every registered method of both registries, optimizers first, in registry order.
    public static var all: [MethodDescription] {
        let optimizers = OptimizerRegistry.algorithms.map { a in
            MethodDescription(
                name: a.name, aliases: a.aliases, registry: "optimizer", kind: a.problemRequirement == .blackBox ? .blackBox : nil, summary: a.summary, paper: a.paper,
                needs: a.problemRequirement == .blackBox ? "black-box problem" : "differentiable problem",
                requiredBudget: a.requiredBudget.sorted().map(\.rawValue), acceptedBudget: a.acceptedBudget.sorted().map(\.rawValue),
                defaultTarget: nil)
        }
        let weightings = WeightingRegistry.methods.map { w in
            MethodDescription(
                name: w.name, aliases: w.aliases, registry: "weighting", kind: .inTraining, summary: w.summary, paper: w.paper,
                needs: w.requirement.rawValue, requiredBudget: w.requiredBudget.sorted().map(\.rawValue),
                acceptedBudget: w.acceptedBudget.sorted().map(\.rawValue), defaultTarget: w.defaultTarget.rawValue)
        }
        let learners = SetLearningRegistry.methods.map { l in
            MethodDescription(
                name: l.name, aliases: l.aliases, registry: "set-learner", kind: .setLearning, summary: l.summary, paper: l.paper,
                needs: "a preference-conditioned model (one training per seed)", requiredBudget: l.requiredBudget.sorted().map(\.rawValue),
                acceptedBudget: l.acceptedBudget.sorted().map(\.rawValue), defaultTarget: nil)
        }
        return optimizers + weightings + learners
    }
}
