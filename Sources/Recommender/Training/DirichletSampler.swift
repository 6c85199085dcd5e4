import NumericCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Draws preference vectors from a symmetric Dirichlet distribution `Dir(α, …, α)` on the simplex:
/// `K` independent `Gamma(α, 1)` draws, normalized by their sum.
///
/// Gamma draws by Marsaglia & Tsang, "A Simple Method for Generating Gamma Variables", ACM TOMS
/// 26(3), 2000, doi:10.1145/358407.358414 (for `α < 1`, `Gamma(α+1)·U^{1/α}`). `α = 1` is the uniform
/// distribution on the simplex.
/// - Complexity: O(K) expected per draw.
public struct DirichletSampler: Sendable {
    /// Number of components.
    public let dimension: Int
    /// Concentration `α` (> 0).
    public let concentration: Double
    private var generator: SeededGenerator

    /// A sampler drawing from `generator`. - Throws: `TrainingConfigurationError.invalid` for `α ≤ 0` or `K < 1`.
    public init(dimension: Int, concentration: Double, generator: SeededGenerator) throws {
        guard dimension >= 1 else { throw TrainingConfigurationError.invalid("Dirichlet dimension must be positive") }
        guard concentration > 0, concentration.isFinite else {
            throw TrainingConfigurationError.invalid("Dirichlet concentration \(concentration) must be positive")
        }
        self.dimension = dimension
        self.concentration = concentration
        self.generator = generator
    }

    /// The next preference vector.
    public mutating func next() -> [Double] {
        var draws = (0..<dimension).map { _ in gamma(concentration) }
        let total = draws.reduce(0, +)
        if total > 0 {
            for i in draws.indices { draws[i] /= total }
        } else {
            draws = draws.map { _ in 1 / Double(dimension) }  // all draws underflowed (tiny α)
        }
        return draws
    }

    private mutating func gamma(_ alpha: Double) -> Double {
        if alpha < 1 {
            let u = max(generator.nextUniform(), .leastNormalMagnitude)
            return gamma(alpha + 1) * pow(u, 1 / alpha)
        }
        let d = alpha - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = generator.nextGaussian()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = generator.nextUniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(max(u, .leastNormalMagnitude)) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }
}
