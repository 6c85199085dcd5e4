import CNumerics
import NumericCore

/// Errors of the GSL inner solver.
public enum InnerSolverError: Error, Equatable, CustomStringConvertible {
    /// Start point or bounds of the wrong length or non-finite.
    case invalidInput(String)
    /// GSL returned a status code other than success/continue (`gsl_strerror` text included).
    case gsl(status: Int32, message: String)
    /// The objective returned NaN/Inf at the start point, so there is nothing to minimize.
    case nonFiniteObjective(String)

    public var description: String {
        switch self {
        case .invalidInput(let m): return "inner solver: invalid input: \(m)"
        case .gsl(let status, let message): return "inner solver: GSL error \(status): \(message)"
        case .nonFiniteObjective(let m): return "inner solver: non-finite objective: \(m)"
        }
    }
}

/// Which GSL algorithm minimizes a scalar function.
public enum InnerSolverKind: String, Sendable, Codable, CaseIterable {
    /// `gsl_multimin_fdfminimizer_vector_bfgs2` (Fletcher's BFGS with a Moré–Thuente-style line
    /// search, GSL manual §"Multidimensional Minimization"); needs the gradient.
    case bfgs2
    /// `gsl_multimin_fminimizer_nmsimplex2` (Nelder & Mead 1965, The Computer Journal 7(4):308–313,
    /// doi:10.1093/comjnl/7.4.308), derivative-free.
    case nelderMead
}

/// The outcome of one inner minimization (in the original, bounded coordinates).
public struct InnerSolution: Sendable, Equatable {
    /// The best point found, inside the box.
    public var x: [Double]
    /// The scalar objective there.
    public var value: Double
    /// Solver iterations used.
    public var iterations: Int
    /// Objective (and gradient) evaluations requested by GSL.
    public var evaluations: Int
    /// Whether the stopping test (gradient norm or simplex size) was met before the cap.
    public var converged: Bool
}

/// A bounded minimizer of a scalar function `s(x)`, `x ∈ [l, u]`, over GSL's `gsl_multimin`.
///
/// Bounds are handled by the smooth, onto change of variables `x_j = l_j + (u_j − l_j)(1 + sin y_j)/2`
/// with unconstrained `y`: every `y` maps inside the box and the bounds themselves are reached
/// (at `y_j = ±π/2`, where `∂x_j/∂y_j = (u_j − l_j)cos(y_j)/2` vanishes, so a minimum on a bound is a
/// stationary point in `y`). Gradients follow by the chain rule. Fixed variables (`l_j = u_j`) stay put.
/// Swift closures reach GSL's C callbacks through an `Unmanaged` context pointer; GSL's aborting
/// error handler is switched off and every status code checked. Objective values that are NaN/∞
/// during the search are reported to GSL as `+∞` (for Nelder–Mead) or make BFGS stop with the best
/// point so far; a throwing objective aborts the solve and rethrows.
///
/// - Complexity: per iteration one or a few objective (and gradient) evaluations plus O(n²)
///   (BFGS) or O(n²) (simplex) bookkeeping.
public struct GSLMinimizer: Sendable {
    /// The algorithm.
    public var kind: InnerSolverKind
    /// Iteration cap (≥ 1).
    public var maxIterations: Int
    /// BFGS2: stop when the gradient norm (in `y`) is below this; Nelder–Mead: when the simplex size is.
    public var tolerance: Double
    /// BFGS2 first trial step length / Nelder–Mead initial simplex step (in `y` units).
    public var stepSize: Double
    /// BFGS2 line-search tolerance (GSL recommends 0.1 for BFGS).
    public var lineSearchTolerance: Double
    /// Cap on objective evaluations; the solve then stops with the best point so far (`converged` false).
    public var maxEvaluations: Int

    /// - Throws: `OptimizerError.invalidConfiguration` for a cap below 1 or non-positive tolerances.
    public init(kind: InnerSolverKind, maxIterations: Int = 500, tolerance: Double = 1e-6,
                stepSize: Double = 0.1, lineSearchTolerance: Double = 0.1, maxEvaluations: Int? = nil) throws {
        guard maxIterations >= 1 else { throw OptimizerError.invalidConfiguration("inner solver: maxIterations must be ≥ 1, got \(maxIterations)") }
        let cap = maxEvaluations ?? 10 * maxIterations
        guard cap >= 1 else { throw OptimizerError.invalidConfiguration("inner solver: maxEvaluations must be ≥ 1, got \(cap)") }
        self.maxEvaluations = cap
        guard tolerance > 0, stepSize > 0, lineSearchTolerance > 0,
              tolerance.isFinite, stepSize.isFinite, lineSearchTolerance.isFinite else {
            throw OptimizerError.invalidConfiguration("inner solver: tolerance, step size and line-search tolerance must be positive and finite")
        }
        self.kind = kind; self.maxIterations = maxIterations; self.tolerance = tolerance
        self.stepSize = stepSize; self.lineSearchTolerance = lineSearchTolerance
    }

    /// Minimizes `value(x)` from `start` (clamped into the box). For `.bfgs2`, `valueAndGradient`
    /// must be given (value and `∂s/∂x`); for `.nelderMead` only `value` is used.
    /// - Throws: `InnerSolverError` for bad input, a non-finite start value or a GSL failure; any
    ///   error thrown by the closures.
    public func minimize(
        start: [Double], lower: [Double], upper: [Double],
        value: @escaping ([Double]) throws -> Double,
        valueAndGradient: (([Double]) throws -> (Double, [Double]))? = nil
    ) throws -> InnerSolution {
        let n = start.count
        guard n >= 1, lower.count == n, upper.count == n else {
            throw InnerSolverError.invalidInput("start has \(n) values, bounds \(lower.count) and \(upper.count)")
        }
        for j in 0..<n where !(start[j].isFinite && lower[j].isFinite && upper[j].isFinite && lower[j] <= upper[j]) {
            throw InnerSolverError.invalidInput("variable \(j + 1): start \(start[j]) or bounds [\(lower[j]), \(upper[j])] invalid")
        }
        if kind == .bfgs2 && valueAndGradient == nil {
            throw OptimizerError.invalidConfiguration("BFGS2 needs the gradient; use Nelder–Mead for black-box objectives")
        }
        paretorec_gsl_disable_abort()
        let map = BoxTransform(lower: lower, upper: upper)
        let context = InnerContext(map: map, value: value, valueAndGradient: valueAndGradient)
        // Start a relative 1e-6 inside the box: on a bound the transform's derivative is 0 and a
        // gradient solver could not leave it.
        let inside = (0..<n).map { j -> Double in
            let margin = 1e-6 * (upper[j] - lower[j])
            return min(upper[j] - margin, max(lower[j] + margin, start[j]))
        }
        let y0 = map.unconstrained(inside)
        let f0 = try context.objective(y0)
        guard f0.isFinite else { throw InnerSolverError.nonFiniteObjective("objective is \(f0) at the start point") }
        context.evaluations = 0
        context.evaluationCap = maxEvaluations
        return try withExtendedLifetime(context) {
            switch kind {
            case .bfgs2: return try runBFGS(context, y0)
            case .nelderMead: return try runSimplex(context, y0)
            }
        }
    }

    private func runBFGS(_ context: InnerContext, _ y0: [Double]) throws -> InnerSolution {
        let n = y0.count
        guard let x = gsl_vector_alloc(n) else { throw InnerSolverError.gsl(status: Int32(GSL_ENOMEM), message: "out of memory") }
        defer { gsl_vector_free(x) }
        for j in 0..<n { gsl_vector_set(x, j, y0[j]) }
        guard let s = gsl_multimin_fdfminimizer_alloc(paretorec_gsl_multimin_vector_bfgs2(), n) else {
            throw InnerSolverError.gsl(status: Int32(GSL_ENOMEM), message: "cannot allocate BFGS2 minimizer")
        }
        defer { gsl_multimin_fdfminimizer_free(s) }
        var function = gsl_multimin_function_fdf(
            f: { y, params in InnerContext.from(params).cValue(y) },
            df: { y, params, g in InnerContext.from(params).cGradient(y, g) },
            fdf: { y, params, f, g in InnerContext.from(params).cValueAndGradient(y, f, g) },
            n: n, params: Unmanaged.passUnretained(context).toOpaque())
        try check(gsl_multimin_fdfminimizer_set(s, &function, x, stepSize, lineSearchTolerance), context)
        var iterations = 0, converged = false
        while iterations < maxIterations {
            iterations += 1
            let status = gsl_multimin_fdfminimizer_iterate(s)
            if let error = context.error { throw error }
            if context.capped { break }
            if status == Int32(GSL_ENOPROG) { converged = gsl_multimin_test_gradient(s.pointee.gradient, tolerance * 10) == Int32(GSL_SUCCESS); break }
            try check(status, context)
            if gsl_multimin_test_gradient(s.pointee.gradient, tolerance) == Int32(GSL_SUCCESS) { converged = true; break }
        }
        return try context.solution(best: vector(s.pointee.x, n), iterations: iterations, converged: converged)
    }

    private func runSimplex(_ context: InnerContext, _ y0: [Double]) throws -> InnerSolution {
        let n = y0.count
        guard let x = gsl_vector_alloc(n), let steps = gsl_vector_alloc(n) else {
            throw InnerSolverError.gsl(status: Int32(GSL_ENOMEM), message: "out of memory")
        }
        defer { gsl_vector_free(x); gsl_vector_free(steps) }
        for j in 0..<n { gsl_vector_set(x, j, y0[j]); gsl_vector_set(steps, j, stepSize) }
        guard let s = gsl_multimin_fminimizer_alloc(paretorec_gsl_multimin_nmsimplex2(), n) else {
            throw InnerSolverError.gsl(status: Int32(GSL_ENOMEM), message: "cannot allocate Nelder–Mead minimizer")
        }
        defer { gsl_multimin_fminimizer_free(s) }
        var function = gsl_multimin_function(
            f: { y, params in InnerContext.from(params).cValue(y) },
            n: n, params: Unmanaged.passUnretained(context).toOpaque())
        try check(gsl_multimin_fminimizer_set(s, &function, x, steps), context)
        var iterations = 0, converged = false
        while iterations < maxIterations {
            iterations += 1
            let status = gsl_multimin_fminimizer_iterate(s)
            if let error = context.error { throw error }
            if context.capped { break }
            try check(status, context)
            if gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), tolerance) == Int32(GSL_SUCCESS) { converged = true; break }
        }
        return try context.solution(best: vector(s.pointee.x, n), iterations: iterations, converged: converged)
    }

    private func check(_ status: Int32, _ context: InnerContext) throws {
        if let error = context.error { throw error }
        guard status == Int32(GSL_SUCCESS) || status == Int32(GSL_CONTINUE) else {
            throw InnerSolverError.gsl(status: status, message: String(cString: gsl_strerror(status)))
        }
    }

    private func vector(_ v: UnsafeMutablePointer<gsl_vector>, _ n: Int) -> [Double] {
        (0..<n).map { gsl_vector_get(v, $0) }
    }
}

/// The bounded ↔ unconstrained change of variables `x = l + (u − l)(1 + sin y)/2`.
struct BoxTransform {
    let lower: [Double], upper: [Double]

    func bounded(_ y: [Double]) -> [Double] {
        (0..<y.count).map { j in
            let x = lower[j] + (upper[j] - lower[j]) * (1 + sin(y[j])) / 2
            return min(upper[j], max(lower[j], x))
        }
    }

    /// `dx_j/dy_j`.
    func derivative(_ y: [Double]) -> [Double] {
        (0..<y.count).map { j in (upper[j] - lower[j]) * cos(y[j]) / 2 }
    }

    /// A `y` mapping to `x` (clamped into the box first).
    func unconstrained(_ x: [Double]) -> [Double] {
        (0..<x.count).map { j in
            let width = upper[j] - lower[j]
            guard width > 0 else { return 0 }
            let s = 2 * (min(upper[j], max(lower[j], x[j])) - lower[j]) / width - 1
            return asin(min(1, max(-1, s)))
        }
    }
}

/// Holds the Swift closures for the C callbacks, the first error thrown, and the best point seen.
final class InnerContext {
    let map: BoxTransform
    let value: ([Double]) throws -> Double
    let valueAndGradient: (([Double]) throws -> (Double, [Double]))?
    var error: (any Error)?
    var evaluations = 0
    var evaluationCap = Int.max
    /// Set once the evaluation cap is reached; callbacks then return NaN so GSL stops.
    var capped = false
    var bestValue = Double.infinity
    var bestX: [Double]?

    init(map: BoxTransform, value: @escaping ([Double]) throws -> Double,
         valueAndGradient: (([Double]) throws -> (Double, [Double]))?) {
        self.map = map; self.value = value; self.valueAndGradient = valueAndGradient
    }

    static func from(_ params: UnsafeMutableRawPointer?) -> InnerContext {
        Unmanaged<InnerContext>.fromOpaque(params!).takeUnretainedValue()
    }

    private func remember(_ x: [Double], _ f: Double) {
        if f.isFinite && f < bestValue { bestValue = f; bestX = x }
    }

    func objective(_ y: [Double]) throws -> Double {
        let x = map.bounded(y)
        evaluations += 1
        let f = try value(x)
        remember(x, f)
        return f
    }

    func objectiveAndGradient(_ y: [Double]) throws -> (Double, [Double]) {
        guard let valueAndGradient else { return (try objective(y), [Double](repeating: 0, count: y.count)) }
        let x = map.bounded(y)
        evaluations += 1
        let (f, gx) = try valueAndGradient(x)
        remember(x, f)
        let dx = map.derivative(y)
        return (f, (0..<y.count).map { gx[$0] * dx[$0] })
    }

    private func read(_ v: UnsafePointer<gsl_vector>?) -> [Double] {
        guard let v else { return [] }
        return (0..<v.pointee.size).map { gsl_vector_get(v, $0) }
    }

    func cValue(_ y: UnsafePointer<gsl_vector>?) -> Double {
        if error != nil || capped { return .nan }
        if evaluations >= evaluationCap { capped = true; return .nan }
        do {
            let f = try objective(read(y))
            return f.isFinite ? f : .infinity
        } catch { self.error = error; return .nan }
    }

    func cGradient(_ y: UnsafePointer<gsl_vector>?, _ g: UnsafeMutablePointer<gsl_vector>?) {
        var f = 0.0
        cValueAndGradient(y, &f, g)
    }

    func cValueAndGradient(_ y: UnsafePointer<gsl_vector>?, _ f: UnsafeMutablePointer<Double>?,
                           _ g: UnsafeMutablePointer<gsl_vector>?) {
        guard let g else { return }
        if evaluations >= evaluationCap { capped = true }
        if error != nil || capped { f?.pointee = .nan; for j in 0..<g.pointee.size { gsl_vector_set(g, j, .nan) }; return }
        do {
            let (value, gradient) = try objectiveAndGradient(read(y))
            f?.pointee = value
            for j in 0..<g.pointee.size { gsl_vector_set(g, j, j < gradient.count ? gradient[j] : 0) }
        } catch {
            self.error = error
            f?.pointee = .nan
        }
    }

    /// The best evaluated point (GSL's final iterate is normally it; the record guards stalls).
    func solution(best y: [Double], iterations: Int, converged: Bool) throws -> InnerSolution {
        let final = map.bounded(y)
        let finalValue = try value(final)
        evaluations += 1
        if finalValue.isFinite && finalValue <= bestValue {
            return InnerSolution(x: final, value: finalValue, iterations: iterations, evaluations: evaluations, converged: converged)
        }
        guard let bestX else { throw InnerSolverError.nonFiniteObjective("no finite objective value during the search") }
        return InnerSolution(x: bestX, value: bestValue, iterations: iterations, evaluations: evaluations, converged: converged)
    }
}
