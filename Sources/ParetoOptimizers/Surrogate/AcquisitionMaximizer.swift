import NumericCore

/// Maximizes an acquisition function over a box: score quasi-random candidates, then run GSL's
/// BFGS2 (``GSLMinimizer``, bounded by its sine transform) from the best few.
///
/// The candidates are `candidates` points of a (shifted) Sobol sequence plus any `extra` points the
/// caller adds (e.g. perturbations of the current front); the `starts` best by acquisition value
/// seed a gradient ascent each, and the best end point wins (ties keep the earlier candidate), so
/// the result is a deterministic function of the inputs. Integer variables have zero gradient and
/// keep the candidate's value; the result is snapped to integers.
///
/// - Complexity: (candidates + extra) acquisition values plus `starts` · `iterations` gradient evaluations.
public struct AcquisitionMaximizer: Sendable, Codable, Equatable {
    /// Quasi-random candidates scored per maximization.
    public var candidates: Int
    /// Gradient ascents started from the best candidates.
    public var starts: Int
    /// BFGS iterations per ascent.
    public var iterations: Int

    /// - Throws: `OptimizerError.invalidConfiguration` unless candidates ≥ 1, starts ≥ 0, iterations ≥ 1.
    public init(candidates: Int = 512, starts: Int = 4, iterations: Int = 40) throws {
        guard candidates >= 1, starts >= 0, iterations >= 1 else {
            throw OptimizerError.invalidConfiguration("acquisition search needs candidates ≥ 1, starts ≥ 0, iterations ≥ 1; got \(candidates), \(starts), \(iterations)")
        }
        self.candidates = candidates
        self.starts = starts
        self.iterations = iterations
    }

    /// The maximizer of `acquisition` (value and gradient in x) and its value; `score`, when given,
    /// is the same value without the gradient, used to rank the candidates (cheaper for Monte Carlo
    /// acquisitions).
    public func maximize(box: SearchBox, sequence: SobolSequence, extra: [[Double]] = [],
                         score: (([Double]) throws -> Double)? = nil,
                         acquisition: @escaping ([Double]) throws -> (Double, [Double])) throws -> (x: [Double], value: Double) {
        let pool = sequence.points(from: 1, count: candidates).map { box.point(unit: $0) } + extra.map { box.snapped($0) }
        var scored: [(value: Double, index: Int)] = []
        scored.reserveCapacity(pool.count)
        for (i, x) in pool.enumerated() {
            let v = try score?(x) ?? acquisition(x).0
            scored.append((v.isNaN ? -.infinity : v, i))
        }
        scored.sort { $0.value > $1.value || ($0.value == $1.value && $0.index < $1.index) }
        var best = (x: pool[scored[0].index], value: scored[0].value)
        guard starts > 0 else { return best }
        let solver = try GSLMinimizer(kind: .bfgs2, maxIterations: iterations, tolerance: 1e-7, stepSize: 0.05)
        let negated = { (x: [Double]) throws -> (Double, [Double]) in
            let (v, g) = try acquisition(x)
            return (-v, g.map { -$0 })
        }
        for candidate in scored.prefix(starts) where candidate.value > -.infinity {
            guard let solution = try? solver.minimize(start: pool[candidate.index], lower: box.lower, upper: box.upper,
                                                      value: { try negated($0).0 }, valueAndGradient: negated) else { continue }
            let x = box.snapped(solution.x)
            let value = try score?(x) ?? acquisition(x).0
            if value > best.value { best = (x, value) }
        }
        return best
    }
}
