import Foundation
import NumericCore

/// Simulated binary crossover (SBX) for real variables, pymoo's variant.
///
/// Deb & Agrawal, "Simulated binary crossover for continuous search space", Complex Systems 9(2),
/// 1995, 115–148. As in pymoo 0.6 (`SBX`): a mating is crossed with probability
/// `probability` (else both parents are copied); within a crossed mating each variable is
/// crossed with probability `variableProbability` (0.5) unless the parents agree to 1e-14; the
/// spread factor is bounded by the box (the "bounded SBX" of Deb's NSGA-II code, one uniform
/// draw per variable for both children); the two children swap that variable with probability
/// 0.5; results are clipped to the bounds.
public struct SBXCrossover: Codable, Sendable, Equatable {
    /// Distribution index η_c (larger = children closer to the parents).
    public var distributionIndex: Double
    /// Probability that a mating is crossed at all (p_c).
    public var probability: Double
    /// Per-variable crossing probability inside a crossed mating.
    public var variableProbability: Double

    /// SBX with η_c = 15, p_c = 0.9 and per-variable probability 0.5 by default (pymoo's NSGA-II).
    /// - Throws: `OptimizerError.invalidConfiguration` for η_c < 0 or probabilities outside [0, 1].
    public init(distributionIndex: Double = 15, probability: Double = 0.9, variableProbability: Double = 0.5) throws {
        guard distributionIndex >= 0, (0...1).contains(probability), (0...1).contains(variableProbability) else {
            throw OptimizerError.invalidConfiguration("SBX needs η_c ≥ 0 and probabilities in [0, 1]")
        }
        self.distributionIndex = distributionIndex
        self.probability = probability
        self.variableProbability = variableProbability
    }

    /// Crosses parents `a` and `b` (length n) into `childA` and `childB`.
    /// - Complexity: O(n), no allocation.
    @inlinable
    public func cross(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
                      into childA: UnsafeMutableBufferPointer<Double>, _ childB: UnsafeMutableBufferPointer<Double>,
                      lower: UnsafeBufferPointer<Double>, upper: UnsafeBufferPointer<Double>, rng: inout SeededGenerator) {
        let n = a.count
        for j in 0..<n { childA[j] = a[j]; childB[j] = b[j] }
        guard rng.nextUniform() < probability else { return }
        let k = FastPower(distributionIndex + 1)
        for j in 0..<n {
            guard rng.nextUniform() < variableProbability else { continue }
            let xl = lower[j], xu = upper[j]
            guard abs(a[j] - b[j]) > 1e-14, xl != xu else { continue }
            let y1 = min(a[j], b[j]), y2 = max(a[j], b[j]), delta = y2 - y1
            let u = rng.nextUniform()
            func betaq(_ beta: Double) -> Double {
                let alpha = 2 - 1 / k.power(beta)
                if u <= 1 / alpha { return k.root(u * alpha) }
                return k.root(1 / (2 - u * alpha))
            }
            var c1: Double, c2: Double
            if k.isPowFree {
                // Both children's spread factors at once: the same operations lane by lane, so the
                // chains of divisions and square roots of c1 and c2 run side by side.
                let beta = 1 + SIMD2(2 * (y1 - xl), 2 * (xu - y2)) / delta
                let alpha = 2 - 1 / k.power(beta)
                let uu = SIMD2<Double>(repeating: u)
                let inner = (uu * alpha).replacing(with: 1 / (2 - uu * alpha), where: .!(uu .<= 1 / alpha))
                let q = k.root(inner)
                c1 = 0.5 * ((y1 + y2) - q[0] * delta)
                c2 = 0.5 * ((y1 + y2) + q[1] * delta)
            } else {
                c1 = 0.5 * ((y1 + y2) - betaq(1 + 2 * (y1 - xl) / delta) * delta)
                c2 = 0.5 * ((y1 + y2) + betaq(1 + 2 * (xu - y2) / delta) * delta)
            }
            if rng.nextUniform() < 0.5 { swap(&c1, &c2) }
            childA[j] = min(max(c1, xl), xu)
            childB[j] = min(max(c2, xl), xu)
        }
    }
}
