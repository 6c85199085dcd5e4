import Foundation

/// The arithmetic the test problems are written in, so one formula yields both fast `Double`
/// values and exact forward-mode derivatives (``DualNumber``) for their Jacobians.
public protocol ProblemScalar {
    /// A constant.
    init(_ constant: Double)
    /// The value (for `Double`, itself).
    var value: Double { get }
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static prefix func - (operand: Self) -> Self
    /// Square root.
    func squareRoot() -> Self
    /// Sine.
    func sine() -> Self
    /// Cosine.
    func cosine() -> Self
    /// Natural exponential.
    func exponential() -> Self
    /// `self` raised to a constant power.
    func power(_ exponent: Double) -> Self
}

extension Double: ProblemScalar {
    public var value: Double { self }
    @inline(__always) public func sine() -> Double { sin(self) }
    @inline(__always) public func cosine() -> Double { cos(self) }
    @inline(__always) public func exponential() -> Double { exp(self) }
    @inline(__always) public func power(_ exponent: Double) -> Double { pow(self, exponent) }
}

/// A value with its gradient w.r.t. the decision vector (forward-mode automatic differentiation).
/// - Complexity: every operation O(n) in the gradient length.
public struct DualNumber: ProblemScalar {
    public var value: Double
    /// ∂value/∂x_j for each decision variable (empty = constant).
    public var gradient: [Double]

    public init(_ constant: Double) { value = constant; gradient = [] }
    /// The variable `x_index` of an `n`-dimensional decision vector, with value `value`.
    public init(variable value: Double, index: Int, count: Int) {
        self.value = value
        gradient = [Double](repeating: 0, count: count)
        gradient[index] = 1
    }
    init(value: Double, gradient: [Double]) { self.value = value; self.gradient = gradient }

    /// `a·∇x + b·∇y` handling constant (empty) gradients.
    private static func combine(_ a: Double, _ x: [Double], _ b: Double, _ y: [Double]) -> [Double] {
        if x.isEmpty { return y.isEmpty ? [] : y.map { b * $0 } }
        if y.isEmpty { return x.map { a * $0 } }
        var out = x
        for j in 0..<out.count { out[j] = a * x[j] + b * y[j] }
        return out
    }
    private func chain(_ newValue: Double, _ derivative: Double) -> DualNumber {
        DualNumber(value: newValue, gradient: gradient.map { derivative * $0 })
    }

    public static func + (l: DualNumber, r: DualNumber) -> DualNumber { DualNumber(value: l.value + r.value, gradient: combine(1, l.gradient, 1, r.gradient)) }
    public static func - (l: DualNumber, r: DualNumber) -> DualNumber { DualNumber(value: l.value - r.value, gradient: combine(1, l.gradient, -1, r.gradient)) }
    public static func * (l: DualNumber, r: DualNumber) -> DualNumber {
        DualNumber(value: l.value * r.value, gradient: combine(r.value, l.gradient, l.value, r.gradient))
    }
    public static func / (l: DualNumber, r: DualNumber) -> DualNumber {
        DualNumber(value: l.value / r.value, gradient: combine(1 / r.value, l.gradient, -l.value / (r.value * r.value), r.gradient))
    }
    public static prefix func - (x: DualNumber) -> DualNumber { x.chain(-x.value, -1) }
    public func squareRoot() -> DualNumber { let s = value.squareRoot(); return chain(s, 0.5 / s) }
    public func sine() -> DualNumber { chain(sin(value), cos(value)) }
    public func cosine() -> DualNumber { chain(cos(value), -sin(value)) }
    public func exponential() -> DualNumber { let e = exp(value); return chain(e, e) }
    public func power(_ p: Double) -> DualNumber {
        chain(pow(value, p), p == 0 ? 0 : p * pow(value, p - 1))
    }
}

/// A problem whose objectives are one generic formula; gets `evaluate` and (as
/// `DifferentiableProblem`) exact Jacobians by forward-mode differentiation.
public protocol FormulaProblem: DifferentiableProblem {
    /// The objective vector of `x`, in any ``ProblemScalar``.
    func objectives<T: ProblemScalar>(_ x: [T]) -> [T]
}

/// A test problem with a known Pareto front.
public protocol KnownFrontProblem: Problem {
    /// About `points` points on the true Pareto front (`k × M`), for IGD / IGD+ references.
    /// - Throws: `OptimizerError.invalidConfiguration` for `points < 1`.
    func paretoFront(points: Int) throws -> Matrix<Double>
}

// MARK: - Default implementations

import NumericCore

extension FormulaProblem {
    public func evaluate(_ x: [Double]) throws -> [Double] {
        guard x.count == variableCount else {
            throw OptimizerError.invalidEvaluation("\(name) expects \(variableCount) variables, got \(x.count)")
        }
        return objectives(x)
    }

    public func evaluateWithJacobian(_ x: [Double]) throws -> (objectives: [Double], jacobian: Matrix<Double>) {
        guard x.count == variableCount else {
            throw OptimizerError.invalidEvaluation("\(name) expects \(variableCount) variables, got \(x.count)")
        }
        let n = x.count
        let duals = (0..<n).map { DualNumber(variable: x[$0], index: $0, count: n) }
        let f = objectives(duals)
        var jacobian = Matrix<Double>(rows: f.count, columns: n)
        for (k, fk) in f.enumerated() where !fk.gradient.isEmpty {
            for j in 0..<n { jacobian[k, j] = fk.gradient[j] }
        }
        return (f.map(\.value), jacobian)
    }
}
