import NumericCore

/// Aligned-MTL: the gradient system is made well-conditioned before combining — its singular values
/// are all set to the smallest non-zero one, which aligns the principal components and removes
/// dominance by any one objective.
///
/// Senushkin, Patakin, Kuznetsov & Konushin, "Independent Component Alignment for Multi-Task
/// Learning", CVPR 2023, arXiv:2305.19000 (Algorithm 1). With `G = VΛVᵀ` restricted to the `r`
/// non-zero eigenvalues, `B = √λ_min · V Λ^{−½} Vᵀ` and `w = B·p` (``GramianSpectrum``; eigenvalues at
/// or below `max λ · K · ε` count as zero, `ε` the machine epsilon of the Gram matrix's type, as in
/// the authors' code and TorchJD). A Gram matrix of rank 0 gives `B = I`.
///
/// Scaling: `p = 1` for each objective (the authors' code and LibMTL: `alpha = B.sum(0)`); TorchJD
/// uses `p = 1/K`, `K` times smaller. A preference replaces `p`.
/// - Complexity: O(K³) (one symmetric eigendecomposition).
public struct AlignedMTLWeighting: GradientWeighting {
    /// The task weights `p`.
    public struct Configuration: Codable, Sendable, Equatable {
        /// `p` (length `K`, finite); `nil` for 1 each.
        public var preference: [Double]?
        /// - Throws: `OptimizerError.invalidConfiguration` for an empty or non-finite preference.
        public init(preference: [Double]?) throws {
            if let preference, preference.isEmpty || !preference.allSatisfy(\.isFinite) {
                throw OptimizerError.invalidConfiguration("Aligned-MTL preference must be non-empty and finite; got \(preference)")
            }
            self.preference = preference
        }
        /// Unit task weights.
        public init() { preference = nil }
    }
    public typealias State = NoWeightingState

    public static let name = "aligned-mtl"
    public let configuration: Configuration

    /// Aligned-MTL with `configuration`.
    public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

    /// - Throws: `OptimizerError.invalidConfiguration` when the preference's length is not `objectives`.
    public func initialState(objectives: Int) throws -> State {
        if let p = configuration.preference, p.count != objectives {
            throw OptimizerError.invalidConfiguration("Aligned-MTL preference has \(p.count) entries for \(objectives) objectives")
        }
        return NoWeightingState()
    }

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let k = input.objectiveCount
        let p = configuration.preference ?? [Double](repeating: 1, count: k)
        guard p.count == k else { throw WeightingError.invalidInput("preference has \(p.count) entries for \(k) objectives") }
        let spectrum = try GramianSpectrum(input.gram)
        let kept = spectrum.positive
        guard let smallest = kept.map({ spectrum.values[$0] }).min() else { return p }
        let scale = smallest.squareRoot()
        return spectrum.apply({ scale / $0.squareRoot() }, to: p)
    }

    /// Registry entry `aligned-mtl`.
    public static let registration = RegisteredWeighting(
        AlignedMTLWeighting.self, aliases: ["alignedmtl"],
        summary: "align the gradients' principal components (equal singular values), then sum",
        paper: "Senushkin, Patakin, Kuznetsov & Konushin, Independent Component Alignment for Multi-Task Learning, CVPR 2023, arXiv:2305.19000"
    ) { _ in AlignedMTLWeighting() }
}
