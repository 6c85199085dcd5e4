/// What values a decision variable takes.
public enum VariableKind: String, Sendable, Codable, Equatable {
    /// Any real number in the bounds.
    case continuous
    /// Integers in the bounds (e.g. a hidden width); surrogates round it inside their kernel.
    case integer
}

/// A problem with integer-valued variables; the others are continuous.
///
/// Optional: a `Problem` that does not adopt it has only continuous variables. Surrogate-based
/// optimizers (`ParEGO`, `EHVI`) round the integer variables inside the kernel and propose integers.
public protocol MixedIntegerProblem: Problem {
    /// The kind of each variable, `variableCount` entries.
    var variableKinds: [VariableKind] { get }
}

/// The kinds of `problem`'s variables: its declaration if it adopts ``MixedIntegerProblem`` (and
/// declares one per variable), all ``VariableKind/continuous`` otherwise.
public func variableKinds(of problem: any Problem) -> [VariableKind] {
    if let mixed = problem as? any MixedIntegerProblem, mixed.variableKinds.count == problem.variableCount {
        return mixed.variableKinds
    }
    return [VariableKind](repeating: .continuous, count: problem.variableCount)
}
