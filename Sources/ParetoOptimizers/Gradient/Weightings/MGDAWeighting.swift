import NumericCore

/// MGDA as a gradient weighting: the min-norm element of the convex hull of the objectives'
/// gradients, `w = argmin_{w ∈ Δ} ‖Σ_k w_k ∇L_k‖²`, a pure function of the Gram matrix
/// (``minNormWeights(gram:method:maxIterations:tolerance:)``).
///
/// Désidéri, "Multiple-gradient descent algorithm (MGDA) for multiobjective optimization", Comptes
/// Rendus Mathématique 350:313–318, 2012, doi:10.1016/j.crma.2012.03.014; Sener & Koltun,
/// "Multi-Task Learning as Multi-Objective Optimization", NeurIPS 2018, arXiv:1810.04650. Taken at the
/// shared representation it is MGDA-UB, their upper-bound shortcut (registered as `mgda-ub`).
/// The weights sum to 1 (a point of the simplex, as in the paper and LibMTL).
/// - Complexity: O(1) for K = 2, O(K·s³) per active-set iteration otherwise.
public struct MGDAWeighting: GradientWeighting {
    /// Settings of the min-norm solve.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Gradient normalization before the solve.
        public var normalization: GradientNormalization
        /// - Parameter normalization: as in Sener & Koltun's code (`none` by default).
        public init(normalization: GradientNormalization = .none) { self.normalization = normalization }
    }
    public typealias State = NoWeightingState

    public static let name = "mgda"
    public let configuration: Configuration

    /// MGDA with `configuration`.
    public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let k = input.objectiveCount
        let norms = try configuration.normalization.normalizers(
            squaredNorms: (0..<k).map { input.gram[$0, $0] }, losses: input.losses)
        var scaled = input.gram
        for i in 0..<k { for j in 0..<k { scaled[i, j] = input.gram[i, j] / (norms[i] * norms[j]) } }
        let alpha = try minNormWeights(gram: scaled).weights
        return (0..<k).map { alpha[$0] / norms[$0] }
    }

    /// Registry entry `mgda` (gradients at the shared parameters).
    public static let registration = RegisteredWeighting(
        MGDAWeighting.self, summary: "min-norm point of the gradients' convex hull (Pareto-stationary descent)",
        paper: "Sener & Koltun, NeurIPS 2018, arXiv:1810.04650; Désidéri 2012, doi:10.1016/j.crma.2012.03.014"
    ) { _ in MGDAWeighting() }

    /// Registry entry `mgda-ub`: MGDA at the shared representation (the upper-bound shortcut).
    public static let upperBoundRegistration = RegisteredWeighting(
        name: "mgda-ub", summary: "MGDA on the gradients of the shared representation (one shared backward pass)",
        paper: "Sener & Koltun, NeurIPS 2018, arXiv:1810.04650", requirement: .gram,
        defaultTarget: .sharedRepresentation
    ) { settings, rng in try WeightingRun(MGDAWeighting(), objectives: settings.objectives, rng: rng) }
}
