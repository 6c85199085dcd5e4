/// The test-problem registry used by `paretorec optimize --problem`.
public enum TestProblems {
    /// Registered names: `zdt1`, `zdt2`, `zdt3`, `zdt4`, `zdt6`, `dtlz1` … `dtlz7`.
    public static let names: [String] = ZDT.Kind.allCases.map { "zdt\($0.rawValue)" } + DTLZ.Kind.allCases.map { "dtlz\($0.rawValue)" }

    /// Most decision variables a test problem accepts.
    public static let maximumVariables = 100_000
    /// Most objectives a DTLZ problem accepts.
    public static let maximumObjectives = 1_000

    /// The test problem `name` (case-insensitive) with optional objective and variable counts.
    /// - Parameters:
    ///   - objectives: M (DTLZ only; ZDT problems accept only `nil` or 2). Default 3 for DTLZ.
    ///   - variables: n; `nil` = the problem's default.
    /// - Throws: `OptimizerError.unknownName` for an unknown name, `.invalidConfiguration` for
    ///   M < 2, M ≠ 2 on a ZDT problem, too few variables, or sizes above
    ///   ``maximumVariables`` / ``maximumObjectives``.
    public static func make(name: String, objectives: Int? = nil, variables: Int? = nil) throws -> any KnownFrontProblem {
        let key = name.lowercased()
        if let variables, variables > maximumVariables {
            throw OptimizerError.invalidConfiguration("\(variables) variables is above the maximum of \(maximumVariables)")
        }
        if let objectives, objectives > maximumObjectives {
            throw OptimizerError.invalidConfiguration("\(objectives) objectives is above the maximum of \(maximumObjectives)")
        }
        if let objectives, objectives < 2 {
            throw OptimizerError.invalidConfiguration("a multi-objective problem needs at least 2 objectives, got \(objectives)")
        }
        if key.hasPrefix("zdt"), let number = Int(key.dropFirst(3)), let kind = ZDT.Kind(rawValue: number) {
            if let objectives, objectives != 2 {
                throw OptimizerError.invalidConfiguration("\(key) has exactly 2 objectives, got --objectives \(objectives)")
            }
            return try ZDT(kind, variables: variables)
        }
        if key.hasPrefix("dtlz"), let number = Int(key.dropFirst(4)), let kind = DTLZ.Kind(rawValue: number) {
            return try DTLZ(kind, objectives: objectives ?? 3, variables: variables)
        }
        throw OptimizerError.unknownName("problem '\(name)'; known: \(names.joined(separator: ", "))")
    }
}
