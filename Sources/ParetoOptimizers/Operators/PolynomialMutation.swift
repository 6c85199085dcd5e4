import Foundation
import NumericCore

/// Polynomial mutation for real variables, pymoo's variant.
///
/// Deb & Goyal, "A combined genetic adaptive search (GeneAS) for engineering design",
/// Computer Science and Informatics 26(4), 1996, 30–45; in the bounded form of Deb's NSGA-II code
/// (as pymoo's `PM`): each variable mutates with probability `variableProbability`
/// (default 1/n), the perturbation respects the distance to both bounds, and results are clipped.
public struct PolynomialMutation: Codable, Sendable, Equatable {
    /// Distribution index η_m (larger = smaller steps).
    public var distributionIndex: Double
    /// Per-variable mutation probability; `nil` = 1/n for n variables.
    public var variableProbability: Double?
    /// Probability that an individual is mutated at all (pymoo's `PM(prob=0.9)`; 1 = always).
    public var individualProbability: Double

    /// Polynomial mutation with η_m = 20 and p_m = 1/n by default.
    /// - Throws: `OptimizerError.invalidConfiguration` for η_m < 0 or a probability outside [0, 1].
    public init(distributionIndex: Double = 20, variableProbability: Double? = nil, individualProbability: Double = 1) throws {
        guard distributionIndex >= 0, variableProbability.map({ (0...1).contains($0) }) ?? true,
              (0...1).contains(individualProbability) else {
            throw OptimizerError.invalidConfiguration("polynomial mutation needs η_m ≥ 0 and a probability in [0, 1]")
        }
        self.distributionIndex = distributionIndex
        self.variableProbability = variableProbability
        self.individualProbability = individualProbability
    }

    /// Mutates `x` (length n) in place. - Complexity: O(n), no allocation.
    @inlinable
    public func mutate(_ x: UnsafeMutableBufferPointer<Double>, lower: UnsafeBufferPointer<Double>,
                       upper: UnsafeBufferPointer<Double>, rng: inout SeededGenerator) {
        if individualProbability < 1, !(rng.nextUniform() < individualProbability) { return }
        let n = x.count
        let p = variableProbability ?? (n > 0 ? 1 / Double(n) : 0)
        let k = FastPower(distributionIndex + 1)
        for j in 0..<n {
            guard rng.nextUniform() < p else { continue }
            let xl = lower[j], xu = upper[j]
            guard xu > xl else { continue }
            let y = x[j], range = xu - xl
            let delta1 = (y - xl) / range, delta2 = (xu - y) / range
            let u = rng.nextUniform()
            let deltaq: Double
            if u <= 0.5 {
                let value = 2 * u + (1 - 2 * u) * k.power(1 - delta1)
                deltaq = k.root(value) - 1
            } else {
                let value = 2 * (1 - u) + 2 * (u - 0.5) * k.power(1 - delta2)
                deltaq = 1 - k.root(value)
            }
            x[j] = min(max(y + deltaq * range, xl), xu)
        }
    }
}
