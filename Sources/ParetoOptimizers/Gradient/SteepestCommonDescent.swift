import NumericCore

/// Settings of one steepest-common-descent run (see `SteepestCommonDescent`).
public struct CommonDescentSettings: Sendable, Codable, Equatable {
    /// Stop when the stationarity measure `‖d‖` falls below this.
    public var stationarityTolerance: Double
    /// Iteration cap per start point.
    public var maxIterations: Int
    /// Largest trial step: the first iteration tries it, later ones try `min(2·last accepted, initialStep)`.
    public var initialStep: Double
    /// Armijo constant `β ∈ (0, 1)`.
    public var armijo: Double
    /// Backtracking halvings before an iteration gives up (the point is then reported as stalled).
    public var maxBacktracks: Int
    /// Gradient normalization before the min-norm solve.
    public var normalization: GradientNormalization

    /// - Throws: `OptimizerError.invalidConfiguration` naming the bad field.
    public init(stationarityTolerance: Double = 1e-6, maxIterations: Int = 500, initialStep: Double = 1,
                armijo: Double = 1e-4, maxBacktracks: Int = 40, normalization: GradientNormalization = .none) throws {
        guard stationarityTolerance > 0, stationarityTolerance.isFinite else {
            throw OptimizerError.invalidConfiguration("stationarity tolerance must be positive, got \(stationarityTolerance)")
        }
        guard maxIterations >= 1 else { throw OptimizerError.invalidConfiguration("maxIterations must be ≥ 1, got \(maxIterations)") }
        guard initialStep > 0, initialStep.isFinite else { throw OptimizerError.invalidConfiguration("initial step must be positive, got \(initialStep)") }
        guard armijo > 0, armijo < 1 else { throw OptimizerError.invalidConfiguration("Armijo constant must lie in (0, 1), got \(armijo)") }
        guard maxBacktracks >= 1 else { throw OptimizerError.invalidConfiguration("maxBacktracks must be ≥ 1, got \(maxBacktracks)") }
        self.stationarityTolerance = stationarityTolerance; self.maxIterations = maxIterations
        self.initialStep = initialStep; self.armijo = armijo; self.maxBacktracks = maxBacktracks
        self.normalization = normalization
    }
}

/// Where one descent run ended.
public struct CommonDescentEnd: Sendable, Equatable {
    /// Final decision vector (inside the box).
    public var x: [Double]
    /// Its objectives.
    public var objectives: [Double]
    /// Stationarity measure `‖d‖` at `x` (see `SteepestCommonDescent`).
    public var stationarity: Double
    /// Iterations taken.
    public var iterations: Int
    /// Objective evaluations (Jacobian evaluations count one each, line-search trials one each).
    public var evaluations: Int
    /// Whether `stationarity < tolerance` was reached (false: iteration cap or line search failure).
    public var converged: Bool
}

/// Multi-objective steepest descent with MGDA's common descent direction, Armijo backtracking and
/// box projection (Fliege & Svaiter 2000, "Steepest descent methods for multicriteria
/// optimization", Mathematical Methods of Operations Research 51:479–494,
/// doi:10.1007/s001860000043; Désidéri 2012, doi:10.1016/j.crma.2012.03.014).
///
/// Each iteration: `d = Σ_k α_k ∇f_k(x)` with `α` from `mgdaStep` on the Jacobian (the min-norm
/// element of the gradients' convex hull, optionally normalized); then
/// `x⁺ = proj_box(x − t·d)` with `t` halved until, for every objective,
/// `f_k(x⁺) ≤ f_k(x) + β·max_j ⟨∇f_j(x), x⁺ − x⟩` (without projection the right side is
/// `f_k(x) − β·t·‖d‖²`, Fliege & Svaiter's Armijo rule, since `min_j ⟨∇f_j, d⟩ = ‖d‖²` at the
/// min-norm point).
///
/// Bounds: a variable on its bound whose component of `d` would push it outside is *blocked*; the
/// min-norm problem is re-solved on the gradients restricted to the free variables until the blocked
/// set is stable (at most `n + 1` rounds). The stationarity measure is `‖d_F‖`, the norm of the
/// min-norm element over the free face — zero exactly when some convex combination of the gradients
/// lies in the box's normal cone at `x`, i.e. `x` is Pareto-stationary for the box-constrained problem.
/// Points where the Jacobian is not finite (e.g. ZDT1 at `x1 = 0`) are never accepted by the line
/// search; a start point there ends at once with stationarity `+∞`.
/// - Complexity: per iteration one Jacobian (O(M·n) for the Gram matrix plus the problem's cost),
///   the min-norm solve, and one objective evaluation per backtracking trial.
public enum SteepestCommonDescent {
    /// Runs descent from `start` (clamped into the box) on `problem`.
    /// - Throws: the problem's errors; `MinNormError` for non-finite gradients or invalid losses
    ///   under a loss normalization.
    public static func run(_ problem: any DifferentiableProblem, from start: [Double],
                           settings: CommonDescentSettings) throws -> CommonDescentEnd {
        let lower = problem.lowerBounds, upper = problem.upperBounds, n = lower.count
        var x = (0..<n).map { min(upper[$0], max(lower[$0], start[$0])) }
        var evaluations = 0, step = settings.initialStep
        var (f, jacobian) = try problem.evaluateWithJacobian(x)
        evaluations += 1
        if !jacobian.storage.allSatisfy(\.isFinite) || !f.allSatisfy(\.isFinite) {
            // Not differentiable at the start (e.g. ZDT1's √x1 at x1 = 0): nothing to descend along.
            return CommonDescentEnd(x: x, objectives: f, stationarity: .infinity, iterations: 0, evaluations: evaluations, converged: false)
        }
        var iteration = 0
        while true {
            let (d, gradients) = try direction(x: x, objectives: f, jacobian: jacobian, lower: lower, upper: upper,
                                               normalization: settings.normalization)
            let norm = d.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm < settings.stationarityTolerance {
                return CommonDescentEnd(x: x, objectives: f, stationarity: norm, iterations: iteration, evaluations: evaluations, converged: true)
            }
            if iteration >= settings.maxIterations {
                return CommonDescentEnd(x: x, objectives: f, stationarity: norm, iterations: iteration, evaluations: evaluations, converged: false)
            }
            iteration += 1
            var t = min(step * 2, settings.initialStep)
            var accepted = false
            for _ in 0..<settings.maxBacktracks {
                let trial = (0..<n).map { min(upper[$0], max(lower[$0], x[$0] - t * d[$0])) }
                var predicted = -Double.infinity  // max_j ⟨∇f_j, x⁺ − x⟩ (< 0 for a descent step)
                for g in gradients {
                    var s = 0.0
                    for j in 0..<n { s += g[j] * (trial[j] - x[j]) }
                    predicted = max(predicted, s)
                }
                let ft = try problem.evaluate(trial)
                evaluations += 1
                if predicted < 0 && (0..<f.count).allSatisfy({ ft[$0] <= f[$0] + settings.armijo * predicted }) {
                    // Accept only points where the problem is differentiable (finite Jacobian).
                    let (fNew, jNew) = try problem.evaluateWithJacobian(trial)
                    evaluations += 1
                    if jNew.storage.allSatisfy(\.isFinite) && fNew.allSatisfy(\.isFinite) {
                        x = trial; f = fNew; jacobian = jNew; step = t; accepted = true
                        break
                    }
                }
                t /= 2
            }
            if !accepted {
                return CommonDescentEnd(x: x, objectives: f, stationarity: norm, iterations: iteration, evaluations: evaluations, converged: false)
            }
        }
    }

    /// The free-face min-norm direction `d` (blocked components zeroed) and the raw gradients.
    static func direction(x: [Double], objectives: [Double], jacobian: Matrix<Double>, lower: [Double], upper: [Double],
                          normalization: GradientNormalization) throws -> (d: [Double], gradients: [[Double]]) {
        let m = jacobian.rows, n = jacobian.columns
        let gradients = jacobian.rowArrays
        var blocked = [Bool](repeating: false, count: n)
        var d = [Double](repeating: 0, count: n)
        for _ in 0...n {
            let free = (0..<n).filter { !blocked[$0] }
            var restricted = Matrix<Double>(rows: m, columns: free.count)
            for k in 0..<m { for (c, j) in free.enumerated() { restricted[k, c] = jacobian[k, j] } }
            let losses = normalization == .loss || normalization == .lossPlus ? objectives : nil
            let alpha = free.isEmpty ? [Double](repeating: 0, count: m)
                : try mgdaStep(gradients: restricted, losses: losses, normalization: normalization).directionCoefficients
            for j in 0..<n {
                var s = 0.0
                for k in 0..<m { s += alpha[k] * gradients[k][j] }
                d[j] = s
            }
            // x − t·d leaves the box where x is at the lower bound and d > 0, or at the upper and d < 0.
            let nowBlocked = (0..<n).map { j in (x[j] <= lower[j] && d[j] > 0) || (x[j] >= upper[j] && d[j] < 0) }
            if nowBlocked == blocked { break }
            blocked = nowBlocked
        }
        for j in 0..<n where blocked[j] { d[j] = 0 }
        return (d, gradients)
    }
}
