import CNumerics
import Foundation
import NumericCore
import ParetoCore

/// Expected hypervolume improvement of a candidate whose objectives are independent Gaussians,
/// against a front and a reference point (minimization).
///
/// Emmerich, Giannakoglou & Naujoks, "Single- and multiobjective evolutionary optimization assisted
/// by Gaussian random field metamodels", IEEE TEVC 10(4), 421–439, 2006, doi:10.1109/TEVC.2005.859463.
///
/// Two objectives, exact: with the front sorted by f₁ (y⁽¹⁾ … y⁽ᵏ⁾) the non-dominated region below
/// the reference splits into k + 1 strips, strip i = [l_i, u_i) × (−∞, v_i) with l₀ = −∞,
/// l_i = y⁽ⁱ⁾₁, u_i = y⁽ⁱ⁺¹⁾₁ (u_k = r₁), v₀ = r₂, v_i = y⁽ⁱ⁾₂. A point (a, b) improves strip i by
/// (u_i − max(a, l_i))⁺ (v_i − b)⁺ = [(u_i − a)⁺ − (l_i − a)⁺] (v_i − b)⁺, so by independence
/// EHVI = Σ_i [ψ₁(u_i) − ψ₁(l_i)] ψ₂(v_i), ψ_j(v) = E[(v − Y_j)⁺] (``GaussianTail/positivePart(_:mean:standardDeviation:)``),
/// with exact derivatives in the means and deviations. O(k log k).
///
/// Three or more objectives, Monte Carlo: EHVI ≈ (1/S) Σ_s HVI(μ + σ ∘ ε_s) over fixed
/// quasi-random normal samples ε_s (common random numbers, so the estimate is a smooth-almost-
/// everywhere deterministic function of μ, σ). HVI(y) = Π(r − y) − HV({max(p, y)}, r) by the
/// project's ``hypervolume(of:reference:)``; its derivative in y_j is minus the (M − 1)-dimensional
/// improvement of y without coordinate j over the points p with p_j ≤ y_j (the slice of the
/// improvement region at height y_j).
public struct ExpectedHypervolumeImprovement: Sendable {
    /// The non-dominated front (rows strictly inside the reference), `k × M`.
    public let front: Matrix<Double>
    /// The reference point.
    public let reference: [Double]
    /// Standard-normal samples for M ≥ 3 (`S × M`, row-major); empty for M = 2.
    public let normalSamples: [Double]
    /// Strips of the two-objective decomposition: (l, u, v).
    private let strips: [(Double, Double, Double)]

    /// - Parameters:
    ///   - front: objective vectors (dominated rows and rows outside the reference are dropped).
    ///   - reference: reference point (length M ≥ 2).
    ///   - samples: number of Monte Carlo samples for M ≥ 3.
    ///   - sequence: the quasi-random sequence (dimension M) the samples come from.
    public init(front: Matrix<Double>, reference: [Double], samples: Int = 128, sequence: SobolSequence? = nil) throws {
        let m = reference.count
        guard m >= 2, front.columns == m else {
            throw OptimizerError.invalidConfiguration("EHVI needs ≥ 2 objectives and a reference per objective (\(m), \(front.columns))")
        }
        var kept = Matrix<Double>(rows: 0, columns: m)
        for i in 0..<front.rows {
            let row = front.row(i)
            if zip(row, reference).allSatisfy({ $0 < $1 }) { kept.appendRow(row) }
        }
        if kept.rows > 0 {
            let firstFront = nondominatedIndices(of: kept)
            kept = kept.selectingRows(firstFront)
        }
        self.front = kept
        self.reference = reference
        if m == 2 {
            let points = kept.rowArrays.sorted { $0[0] < $1[0] || ($0[0] == $1[0] && $0[1] < $1[1]) }
            var strips: [(Double, Double, Double)] = []
            for i in 0...points.count {
                let l = i == 0 ? -Double.infinity : points[i - 1][0]
                let u = i == points.count ? reference[0] : points[i][0]
                let v = i == 0 ? reference[1] : points[i - 1][1]
                if u > l { strips.append((l, u, v)) }
            }
            self.strips = strips
            normalSamples = []
        } else {
            strips = []
            let sobol = try sequence ?? SobolSequence(dimension: m)
            normalSamples = sobol.points(from: 1, count: max(1, samples)).flatMap { u in
                u.map { gsl_cdf_ugaussian_Pinv(min(1 - 1e-12, max(1e-12, $0))) }
            }
        }
    }

    /// EHVI at independent Gaussians N(mean_j, deviation_j²), with ∂/∂mean and ∂/∂deviation.
    public func value(mean: [Double], deviation: [Double]) throws -> (value: Double, dMean: [Double], dDeviation: [Double]) {
        reference.count == 2 ? exact2D(mean, deviation) : try monteCarlo(mean, deviation)
    }

    private func exact2D(_ mu: [Double], _ s: [Double]) -> (Double, [Double], [Double]) {
        var total = 0.0, dMu = [0.0, 0.0], dS = [0.0, 0.0]
        for (l, u, v) in strips {
            let pu = GaussianTail.positivePart(u, mean: mu[0], standardDeviation: s[0])
            let pl = GaussianTail.positivePart(l, mean: mu[0], standardDeviation: s[0])
            let q = GaussianTail.positivePart(v, mean: mu[1], standardDeviation: s[1])
            let width = pu.value - pl.value
            total += width * q.value
            dMu[0] += (pu.dMean - pl.dMean) * q.value
            dS[0] += (pu.dDeviation - pl.dDeviation) * q.value
            dMu[1] += width * q.dMean
            dS[1] += width * q.dDeviation
        }
        return (max(0, total), dMu, dS)
    }

    /// EHVI at independent Gaussians without derivatives (for M ≥ 3 it skips the M slice volumes
    /// per sample that the gradient needs).
    public func valueOnly(mean: [Double], deviation: [Double]) throws -> Double {
        guard reference.count > 2 else { return exact2D(mean, deviation).0 }
        let m = reference.count, count = normalSamples.count / m
        var total = 0.0
        var y = [Double](repeating: 0, count: m)
        for k in 0..<count {
            for j in 0..<m { y[j] = mean[j] + deviation[j] * normalSamples[k * m + j] }
            let gain = try pointImprovementValue(y)
            if gain > 0 { total += gain }
        }
        return total * (1 / Double(max(1, count)))
    }

    /// HVI(y) without its gradient.
    public func pointImprovementValue(_ y: [Double]) throws -> Double {
        if reference.count == 2 { return try pointImprovement(y).0 }
        guard zip(y, reference).allSatisfy({ $0 < $1 }) else { return 0 }
        return try Self.improvement(y, front: front, reference: reference)
    }

    private func monteCarlo(_ mu: [Double], _ s: [Double]) throws -> (Double, [Double], [Double]) {
        let m = reference.count, count = normalSamples.count / m
        var total = 0.0, dMu = [Double](repeating: 0, count: m), dS = [Double](repeating: 0, count: m)
        var y = [Double](repeating: 0, count: m)
        for k in 0..<count {
            for j in 0..<m { y[j] = mu[j] + s[j] * normalSamples[k * m + j] }
            let (gain, gradient) = try improvement(y)
            guard gain > 0 else { continue }
            total += gain
            for j in 0..<m { dMu[j] += gradient[j]; dS[j] += gradient[j] * normalSamples[k * m + j] }
        }
        let scale = 1 / Double(max(1, count))
        return (total * scale, dMu.map { $0 * scale }, dS.map { $0 * scale })
    }

    /// HVI(y) and its gradient in y, by the strips for two objectives (O(k), no allocation) and by
    /// ``improvement(_:)`` beyond.
    public func pointImprovement(_ y: [Double]) throws -> (Double, [Double]) {
        guard reference.count == 2 else { return try improvement(y) }
        // Strip i adds [(u − a)⁺ − (l − a)⁺] (v − b)⁺.
        let a = y[0], b = y[1]
        var total = 0.0, dA = 0.0, dB = 0.0
        for (l, u, v) in strips where b < v && a < u {
            let width = u - max(a, l), height = v - b
            total += width * height
            if a > l { dA -= height }
            dB -= width
        }
        return (total, [dA, dB])
    }

    /// HVI(y) against the front and its gradient in y.
    public func improvement(_ y: [Double]) throws -> (Double, [Double]) {
        let m = reference.count
        guard zip(y, reference).allSatisfy({ $0 < $1 }) else { return (0, [Double](repeating: 0, count: m)) }
        let gain = try Self.improvement(y, front: front, reference: reference)
        guard gain > 0 else { return (0, [Double](repeating: 0, count: m)) }
        var gradient = [Double](repeating: 0, count: m)
        for j in 0..<m {
            let keep = (0..<m).filter { $0 != j }
            var slice = Matrix<Double>(rows: 0, columns: m - 1)
            for i in 0..<front.rows where front[i, j] <= y[j] { slice.appendRow(keep.map { front[i, $0] }) }
            gradient[j] = -(try Self.improvement(keep.map { y[$0] }, front: slice, reference: keep.map { reference[$0] }))
        }
        return (gain, gradient)
    }

    /// Π(r − y) − HV({max(p, y) : p ∈ front}, r): the volume y adds to the front's dominated set.
    static func improvement(_ y: [Double], front: Matrix<Double>, reference: [Double]) throws -> Double {
        var box = 1.0
        for j in 0..<y.count { box *= max(0, reference[j] - y[j]) }
        guard box > 0 else { return 0 }
        if front.rows == 0 { return box }
        if y.count == 1 { return max(0, min(reference[0], front.storage.min() ?? reference[0]) - y[0]) }
        var clipped = front
        clipped.withUnsafeMutableBufferPointer { b in
            for i in 0..<front.rows { for j in 0..<y.count { b[i * y.count + j] = max(b[i * y.count + j], y[j]) } }
        }
        return max(0, box - (try hypervolume(of: clipped, reference: reference)))
    }
}
