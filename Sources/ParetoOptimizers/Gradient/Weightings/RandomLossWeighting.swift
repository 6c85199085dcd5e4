import Foundation
import NumericCore

/// Random loss weighting (RLW): fresh random weights on the simplex for every batch.
///
/// Lin, Ye, Xu, Shi & Zhang, "Reasonable Effectiveness of Random Weighting: A Litmus Test for
/// Multi-Task Learning", TMLR 2022, arXiv:2111.10603. The weights are `softmax(z)` with `z` standard
/// normal (LibMTL's `Normal` option, TorchJD's `Random`), or Dirichlet(`concentration`) draws (normalized
/// Gamma variates, Marsaglia & Tsang 2000, doi:10.1145/358407.358414), all from the run's generator.
///
/// Scaling: `Σ w = 1`, as LibMTL's `RLW` and TorchJD's `Random`.
/// - Complexity: O(K) draws.
public struct RandomLossWeighting: GradientWeighting {
    /// Which distribution on the simplex.
    public enum Distribution: String, Codable, Sendable, CaseIterable {
        /// `softmax(z)`, `z ~ N(0, I)`.
        case normal
        /// Dirichlet with equal concentrations.
        case dirichlet
    }

    /// The distribution of the weights.
    public struct Configuration: Codable, Sendable, Equatable {
        /// The distribution.
        public var distribution: Distribution
        /// Dirichlet concentration (`> 0`; 1 is uniform on the simplex).
        public var concentration: Double
        /// - Throws: `OptimizerError.invalidConfiguration` for a non-positive concentration.
        public init(distribution: Distribution = .normal, concentration: Double = 1) throws {
            guard concentration > 0, concentration.isFinite else {
                throw OptimizerError.invalidConfiguration("RLW needs a positive Dirichlet concentration, got \(concentration)")
            }
            self.distribution = distribution
            self.concentration = concentration
        }
    }
    public typealias State = NoWeightingState

    public static let name = "rlw"
    public static var requirement: WeightingRequirement { .losses }
    public let configuration: Configuration

    /// RLW with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let k = input.objectiveCount
        switch configuration.distribution {
        case .normal:
            let z = (0..<k).map { _ in rng.nextGaussian() }
            let top = z.max() ?? 0
            let e = z.map { exp($0 - top) }
            let total = e.reduce(0, +)
            return e.map { $0 / total }
        case .dirichlet:
            let g = (0..<k).map { _ in Self.gamma(shape: configuration.concentration, rng: &rng) }
            let total = g.reduce(0, +)
            return total > 0 ? g.map { $0 / total } : [Double](repeating: 1 / Double(k), count: k)
        }
    }

    /// A Gamma(`shape`, 1) draw by Marsaglia & Tsang's squeeze method (boosted by `U^{1/shape}` below 1).
    static func gamma(shape: Double, rng: inout SeededGenerator) -> Double {
        if shape < 1 {
            var u = rng.nextUniform()
            while u <= 0 { u = rng.nextUniform() }
            return gamma(shape: shape + 1, rng: &rng) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = rng.nextGaussian()
            let v0 = 1 + c * x
            if v0 <= 0 { continue }
            let v = v0 * v0 * v0
            let u = rng.nextUniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if u > 0, log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// Registry entry `rlw` (softmax of normal draws).
    public static let registration = RegisteredWeighting(
        RandomLossWeighting.self, aliases: ["random", "random-loss-weighting"],
        summary: "random simplex weights each batch: softmax of standard normal draws",
        paper: "Lin, Ye, Xu, Shi & Zhang, Reasonable Effectiveness of Random Weighting, TMLR 2022, arXiv:2111.10603"
    ) { _ in try RandomLossWeighting(configuration: Configuration()) }
}
