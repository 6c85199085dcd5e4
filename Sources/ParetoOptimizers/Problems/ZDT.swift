import Foundation
import NumericCore
import ParetoCore

/// The ZDT bi-objective test problems ZDT1, ZDT2, ZDT3, ZDT4 and ZDT6.
///
/// Zitzler, Deb & Thiele, "Comparison of multiobjective evolutionary algorithms: empirical
/// results", Evolutionary Computation 8(2), 173–195, 2000, doi:10.1162/106365600568202.
/// All share `f1(x1)`, `g(x2…xn)` and `f2 = g·h(f1, g)`; the Pareto-optimal set is `g = 1`
/// (all tail variables 0). Formulas and defaults as in the paper and pymoo:
///
/// | kind | n (default) | bounds | front |
/// | --- | --- | --- | --- |
/// | ZDT1 | 30 | [0,1] | f2 = 1 − √f1, convex |
/// | ZDT2 | 30 | [0,1] | f2 = 1 − f1², concave |
/// | ZDT3 | 30 | [0,1] | five disconnected pieces of 1 − √f1 − f1·sin(10πf1) |
/// | ZDT4 | 10 | x1 ∈ [0,1], others [−5,5] | as ZDT1; 21⁹ local fronts (Rastrigin g) |
/// | ZDT6 | 10 | [0,1] | f2 = 1 − f1², f1 ≥ 0.2807753191; non-uniform density |
///
/// Jacobians are exact (forward mode) wherever the formula is smooth: not at `x1 = 0` (√f1) for
/// ZDT1/3/4, nor at an all-zero tail for ZDT6 (the ¼ power). - Complexity: O(n) per evaluation.
public struct ZDT: FormulaProblem, KnownFrontProblem {
    /// Which ZDT problem.
    public enum Kind: Int, Sendable, CaseIterable { case zdt1 = 1, zdt2 = 2, zdt3 = 3, zdt4 = 4, zdt6 = 6 }

    /// The problem variant.
    public let kind: Kind
    public let lowerBounds: [Double]
    public let upperBounds: [Double]
    public var name: String { "zdt\(kind.rawValue)" }
    public var objectiveCount: Int { 2 }

    /// ZDT `kind` with `variables` decision variables (default 30 for ZDT1–3, 10 for ZDT4/6).
    /// - Throws: `OptimizerError.invalidConfiguration` for fewer than 2 variables.
    public init(_ kind: Kind, variables: Int? = nil) throws {
        let n = variables ?? (kind == .zdt4 || kind == .zdt6 ? 10 : 30)
        guard n >= 2 else { throw OptimizerError.invalidConfiguration("\("zdt\(kind.rawValue)") needs at least 2 variables, got \(n)") }
        self.kind = kind
        if kind == .zdt4 {
            lowerBounds = [0] + [Double](repeating: -5, count: n - 1)
            upperBounds = [1] + [Double](repeating: 5, count: n - 1)
        } else {
            lowerBounds = [Double](repeating: 0, count: n)
            upperBounds = [Double](repeating: 1, count: n)
        }
    }

    public func objectives<T: ProblemScalar>(_ x: [T]) -> [T] {
        let n = x.count, tail = Double(n - 1)
        switch kind {
        case .zdt1, .zdt2, .zdt3:
            let f1 = x[0]
            var s = T(0)
            for i in 1..<n { s = s + x[i] }
            let g = T(1) + T(9 / tail) * s
            let r = f1 / g
            let h: T
            switch kind {
            case .zdt1: h = T(1) - r.squareRoot()
            case .zdt2: h = T(1) - r * r
            default: h = T(1) - r.squareRoot() - r * (T(10 * Double.pi) * f1).sine()
            }
            return [f1, g * h]
        case .zdt4:
            let f1 = x[0]
            var s = T(0)
            for i in 1..<n { s = s + x[i] * x[i] - T(10) * (T(4 * Double.pi) * x[i]).cosine() }
            let g = T(1 + 10 * tail) + s
            return [f1, g * (T(1) - (f1 / g).squareRoot())]
        case .zdt6:
            let f1 = T(1) - (T(-4) * x[0]).exponential() * (T(6 * Double.pi) * x[0]).sine().power(6)
            var s = T(0)
            for i in 1..<n { s = s + x[i] }
            let g = T(1) + T(9) * (s / T(tail)).power(0.25)
            let r = f1 / g
            return [f1, g * (T(1) - r * r)]
        }
    }

    /// Objectives of every row, computed straight from the matrix storage (no per-row arrays);
    /// the same arithmetic in the same order as ``objectives(_:)``, so the same bits.
    /// - Throws: `OptimizerError.invalidEvaluation` when the column count is not `n`.
    /// - Complexity: O(N·n).
    public func evaluate(batch decisions: Matrix<Double>) throws -> Matrix<Double> {
        let n = variableCount
        guard decisions.columns == n else {
            throw OptimizerError.invalidEvaluation("\(name) expects \(n) variables, got \(decisions.columns)")
        }
        var out = Matrix<Double>(rows: decisions.rows, columns: 2)
        decisions.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { f in
                for i in 0..<decisions.rows {
                    let (f1, f2) = values(UnsafeBufferPointer(rebasing: x[(i * n)..<((i + 1) * n)]))
                    f[2 * i] = f1
                    f[2 * i + 1] = f2
                }
            }
        }
        return out
    }

    /// ``objectives(_:)`` for `Double`, over a buffer.
    @inline(__always)
    private func values(_ x: UnsafeBufferPointer<Double>) -> (Double, Double) {
        let n = x.count, tail = Double(n - 1)
        switch kind {
        case .zdt1, .zdt2, .zdt3:
            let f1 = x[0]
            var s = 0.0
            for i in 1..<n { s = s + x[i] }
            let g = 1.0 + (9 / tail) * s
            let r = f1 / g
            let h: Double
            switch kind {
            case .zdt1: h = 1.0 - r.squareRoot()
            case .zdt2: h = 1.0 - r * r
            default: h = 1.0 - r.squareRoot() - r * (10 * Double.pi * f1).sine()
            }
            return (f1, g * h)
        case .zdt4:
            let f1 = x[0]
            var s = 0.0
            for i in 1..<n { s = s + x[i] * x[i] - 10.0 * (4 * Double.pi * x[i]).cosine() }
            let g = (1 + 10 * tail) + s
            return (f1, g * (1.0 - (f1 / g).squareRoot()))
        case .zdt6:
            let f1 = 1.0 - (-4.0 * x[0]).exponential() * (6 * Double.pi * x[0]).sine().power(6)
            var s = 0.0
            for i in 1..<n { s = s + x[i] }
            let g = 1.0 + 9.0 * (s / tail).power(0.25)
            let r = f1 / g
            return (f1, g * (1.0 - r * r))
        }
    }

    /// `points` points of the true front (fewer for ZDT3, whose dominated stretches are dropped).
    public func paretoFront(points: Int) throws -> Matrix<Double> {
        guard points >= 1 else { throw OptimizerError.invalidConfiguration("a Pareto front sample needs ≥ 1 point") }
        let low = kind == .zdt6 ? 0.2807753191 : 0.0
        var front = Matrix<Double>(rows: 0, columns: 2)
        for k in 0..<points {
            let f1 = points == 1 ? low : low + (1 - low) * Double(k) / Double(points - 1)
            let f2: Double
            switch kind {
            case .zdt1, .zdt4: f2 = 1 - f1.squareRoot()
            case .zdt2, .zdt6: f2 = 1 - f1 * f1
            case .zdt3: f2 = 1 - f1.squareRoot() - f1 * sin(10 * Double.pi * f1)
            }
            front.appendRow([f1, f2])
        }
        return kind == .zdt3 ? front.selectingRows(nondominatedIndices(of: front)) : front
    }
}
