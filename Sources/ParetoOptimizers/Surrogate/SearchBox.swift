/// The box a surrogate models, and the map from a decision vector to the unit cube.
///
/// Integer variables are rounded to the nearest integer (then clamped into the bounds) *before*
/// scaling, so the surrogate sees a function that is constant between integers, as in
/// Garrido-Merchán & Hernández-Lobato, "Dealing with categorical and integer-valued variables in
/// Bayesian optimization with Gaussian processes", Neurocomputing 380, 20–35, 2020,
/// doi:10.1016/j.neucom.2019.11.004. Their input derivative is 0.
public struct SearchBox: Sendable, Codable, Equatable {
    /// Lower bounds.
    public let lower: [Double]
    /// Upper bounds (≥ lower).
    public let upper: [Double]
    /// Which variables are integers (rounded inside the kernel).
    public let isInteger: [Bool]

    /// - Throws: `OptimizerError.unsupportedProblem` for mismatched, non-finite or inverted bounds.
    public init(lower: [Double], upper: [Double], isInteger: [Bool]? = nil) throws {
        let kinds = isInteger ?? [Bool](repeating: false, count: lower.count)
        guard !lower.isEmpty, lower.count == upper.count, kinds.count == lower.count else {
            throw OptimizerError.unsupportedProblem("surrogate box needs ≥ 1 variable and matching bounds (\(lower.count), \(upper.count), \(kinds.count))")
        }
        for j in lower.indices where !(lower[j].isFinite && upper[j].isFinite && lower[j] <= upper[j]) {
            throw OptimizerError.unsupportedProblem("variable \(j + 1) has bounds [\(lower[j]), \(upper[j])]")
        }
        self.lower = lower
        self.upper = upper
        self.isInteger = kinds
    }

    /// The box of `problem`, with its integer variables when it declares them.
    public init(problem: any Problem) throws {
        try self.init(lower: problem.lowerBounds, upper: problem.upperBounds,
                      isInteger: variableKinds(of: problem).map { $0 == .integer })
    }

    /// Number of variables.
    public var dimension: Int { lower.count }

    /// `x` rounded on its integer coordinates and clamped into the box.
    public func snapped(_ x: [Double]) -> [Double] {
        (0..<lower.count).map { j in
            let v = isInteger[j] ? x[j].rounded() : x[j]
            return min(upper[j], max(lower[j], v))
        }
    }

    /// `x` mapped to the unit cube (after rounding integer coordinates); a fixed variable maps to 0.
    public func unit(_ x: [Double]) -> [Double] {
        let s = snapped(x)
        return (0..<lower.count).map { j in
            let w = upper[j] - lower[j]
            return w > 0 ? (s[j] - lower[j]) / w : 0
        }
    }

    /// ∂u_j/∂x_j of the map to the unit cube: 1/(u − l) for continuous variables, 0 for integer
    /// and fixed ones.
    public var unitDerivative: [Double] {
        (0..<lower.count).map { j in
            let w = upper[j] - lower[j]
            return (isInteger[j] || w <= 0) ? 0 : 1 / w
        }
    }

    /// The point with unit-cube coordinates `u`, in the original units (integers rounded).
    public func point(unit u: [Double]) -> [Double] {
        snapped((0..<lower.count).map { j in lower[j] + (upper[j] - lower[j]) * u[j] })
    }
}
