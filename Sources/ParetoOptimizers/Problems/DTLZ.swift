import Foundation
import NumericCore
import ParetoCore

/// The scalable DTLZ test problems DTLZ1–DTLZ7 for any number of objectives M ≥ 2.
///
/// Deb, Thiele, Laumanns & Zitzler, "Scalable test problems for evolutionary multiobjective
/// optimization", in Evolutionary Multiobjective Optimization, Springer 2005, 105–145,
/// doi:10.1007/1-84628-137-7_6 (TIK report 112, 2001; CEC 2002 doi:10.1109/CEC.2002.1007032).
/// Decision vector `x = (x_1…x_{M−1}, x_M…x_n)`, `k = n − M + 1` distance variables, all in
/// [0, 1]. Default `k` as in the paper: 5 (DTLZ1), 10 (DTLZ2–6), 20 (DTLZ7).
///
/// | kind | front |
/// | --- | --- |
/// | DTLZ1 | linear simplex Σf = ½; 11ᵏ−1 local fronts |
/// | DTLZ2 | unit sphere octant |
/// | DTLZ3 | as DTLZ2; 3ᵏ−1 local fronts |
/// | DTLZ4 | as DTLZ2, biased density (α = 100) |
/// | DTLZ5 | degenerate curve (θ_i = π/4 for i ≥ 2) |
/// | DTLZ6 | as DTLZ5 with g = Σ x^0.1 |
/// | DTLZ7 | 2^{M−1} disconnected regions |
///
/// Jacobians are exact (forward mode) where smooth (not where some x_i = 0 in DTLZ6's g).
/// - Complexity: O(n + M²) per evaluation.
public struct DTLZ: FormulaProblem, KnownFrontProblem {
    /// Which DTLZ problem.
    public enum Kind: Int, Sendable, CaseIterable { case dtlz1 = 1, dtlz2, dtlz3, dtlz4, dtlz5, dtlz6, dtlz7 }

    /// The problem variant.
    public let kind: Kind
    public let objectiveCount: Int
    public let lowerBounds: [Double]
    public let upperBounds: [Double]
    public var name: String { "dtlz\(kind.rawValue)" }

    /// DTLZ `kind` with `objectives` objectives and `variables` variables (default `M − 1 + k`).
    /// - Throws: `OptimizerError.invalidConfiguration` for M < 2 or n < M.
    public init(_ kind: Kind, objectives: Int = 3, variables: Int? = nil) throws {
        guard objectives >= 2 else { throw OptimizerError.invalidConfiguration("dtlz\(kind.rawValue) needs M ≥ 2 objectives, got \(objectives)") }
        let k = kind == .dtlz1 ? 5 : (kind == .dtlz7 ? 20 : 10)
        let n = variables ?? objectives - 1 + k
        guard n >= objectives else {
            throw OptimizerError.invalidConfiguration("dtlz\(kind.rawValue) with \(objectives) objectives needs ≥ \(objectives) variables, got \(n)")
        }
        self.kind = kind
        objectiveCount = objectives
        lowerBounds = [Double](repeating: 0, count: n)
        upperBounds = [Double](repeating: 1, count: n)
    }

    public func objectives<T: ProblemScalar>(_ x: [T]) -> [T] {
        let m = objectiveCount, n = x.count
        let tail = (m - 1)..<n, k = Double(n - m + 1)
        switch kind {
        case .dtlz1, .dtlz3:
            var s = T(0)
            for i in tail { let d = x[i] - T(0.5); s = s + d * d - (T(20 * Double.pi) * d).cosine() }
            let g = T(100) * (T(k) + s)
            if kind == .dtlz3 { return sphere(angles: Array(x[0..<(m - 1)]), g: g) }
            var f = [T]()
            for i in 0..<m {
                var v = T(0.5) * (T(1) + g)
                for j in 0..<(m - 1 - i) { v = v * x[j] }
                if i > 0 { v = v * (T(1) - x[m - 1 - i]) }
                f.append(v)
            }
            return f
        case .dtlz2, .dtlz4:
            var g = T(0)
            for i in tail { let d = x[i] - T(0.5); g = g + d * d }
            let angles = kind == .dtlz2 ? Array(x[0..<(m - 1)]) : x[0..<(m - 1)].map { $0.power(100) }
            return sphere(angles: angles, g: g)
        case .dtlz5, .dtlz6:
            var g = T(0)
            if kind == .dtlz5 {
                for i in tail { let d = x[i] - T(0.5); g = g + d * d }
            } else {
                for i in tail { g = g + x[i].power(0.1) }
            }
            var angles = [x[0]]
            for i in 1..<(m - 1) { angles.append((T(1) + T(2) * g * x[i]) / (T(2) * (T(1) + g))) }
            return sphere(angles: angles, g: g)
        case .dtlz7:
            var s = T(0)
            for i in tail { s = s + x[i] }
            let g = T(1) + T(9 / k) * s
            var h = T(Double(m))
            for i in 0..<(m - 1) { h = h - x[i] / (T(1) + g) * (T(1) + (T(3 * Double.pi) * x[i]).sine()) }
            return Array(x[0..<(m - 1)]) + [(T(1) + g) * h]
        }
    }

    /// The spherical shape of DTLZ2–6: angles in units of π/2.
    private func sphere<T: ProblemScalar>(angles: [T], g: T) -> [T] {
        let m = objectiveCount
        var f = [T]()
        for i in 0..<m {
            var v = T(1) + g
            for j in 0..<(m - 1 - i) { v = v * (T(Double.pi / 2) * angles[j]).cosine() }
            if i > 0 { v = v * (T(Double.pi / 2) * angles[m - 1 - i]).sine() }
            f.append(v)
        }
        return f
    }

    /// About `points` points of the true front: Das–Dennis lattice on the simplex (DTLZ1) or
    /// projected on the sphere (DTLZ2–4), a uniform curve (DTLZ5/6), or the non-dominated part of
    /// a lattice over x_1…x_{M−1} with g = 1 (DTLZ7).
    public func paretoFront(points: Int) throws -> Matrix<Double> {
        guard points >= 1 else { throw OptimizerError.invalidConfiguration("a Pareto front sample needs ≥ 1 point") }
        let m = objectiveCount
        switch kind {
        case .dtlz1, .dtlz2, .dtlz3, .dtlz4:
            let directions = try simplexLattice(points: points)
            var out = Matrix<Double>(rows: 0, columns: m)
            for w in directions.rowArrays {
                if kind == .dtlz1 { out.appendRow(w.map { 0.5 * $0 }); continue }
                let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
                out.appendRow(w.map { $0 / norm })
            }
            return out
        case .dtlz5, .dtlz6:
            var out = Matrix<Double>(rows: 0, columns: m)
            for p in 0..<points {
                let t = points == 1 ? 0 : Double(p) / Double(points - 1)
                var x = [t] + [Double](repeating: 0.5, count: max(0, m - 2))
                x += [Double](repeating: kind == .dtlz5 ? 0.5 : 0, count: variableCount - (m - 1))
                out.appendRow(objectives(x))
            }
            return out
        case .dtlz7:
            // A regular grid over the first M−1 variables with g = 1, filtered to its non-dominated set.
            let perAxis = max(2, Int(pow(Double(points) * 4, 1 / Double(m - 1)).rounded(.up)))
            var out = Matrix<Double>(rows: 0, columns: m)
            var index = [Int](repeating: 0, count: m - 1)
            let tailZeros = [Double](repeating: 0, count: variableCount - (m - 1))
            while true {
                out.appendRow(objectives(index.map { Double($0) / Double(perAxis - 1) } + tailZeros))
                var d = 0
                while d < m - 1 { index[d] += 1; if index[d] < perAxis { break }; index[d] = 0; d += 1 }
                if d == m - 1 { break }
            }
            return out.selectingRows(nondominatedIndices(of: out))
        }
    }

    /// Das–Dennis directions with the smallest number of divisions giving ≥ `points` directions.
    private func simplexLattice(points: Int) throws -> Matrix<Double> {
        var divisions = 1
        while binomial(divisions + objectiveCount - 1, objectiveCount - 1) < points { divisions += 1 }
        return try dasDennisDirections(objectives: objectiveCount, divisions: divisions)
    }

    private func binomial(_ n: Int, _ k: Int) -> Int {
        var r = 1
        for i in 0..<k { r = r * (n - i) / (i + 1) }
        return r
    }
}
