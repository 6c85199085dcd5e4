import NumericCore

/// IMTL-G: the combination of the gradients whose projections onto every unit gradient are equal,
/// so no objective dominates the update (impartial multi-task learning, gradient part).
///
/// Liu, Li, Kuang, Xue, Chen, Yang, Liao & Zhang, "Towards Impartial Multi-task Learning", ICLR 2021
/// (openreview.net/forum?id=IMPnRXEWpvr). With `n_i = ‖g_i‖ = √G_ii`, the condition
/// `⟨d, g_i/‖g_i‖⟩ = const` for `d = Σ α_k g_k` reads `Gα ∝ n`, so `α = G⁺n / (1ᵀG⁺n)` — the closed
/// form of TorchJD's `IMTLG`, which extends the paper's `α₂…α_K = g₁Uᵀ(DUᵀ)⁻¹` to linearly dependent
/// gradients through the pseudo-inverse (``GramianSpectrum``). The direction is invariant to
/// rescaling any one objective (its weight absorbs the scale).
///
/// Scaling: `Σα = 1` as in the paper, LibMTL and TorchJD. The unnormalized `G⁺n` always improves
/// every objective equally; when `1ᵀG⁺n < 0` (strongly conflicting gradients) the normalization
/// flips it uphill for all of them — kept, as both peers do. When `1ᵀG⁺n` vanishes (zero Gram
/// matrix) the weights are all zero, as TorchJD's.
/// - Complexity: O(K³) (one symmetric eigendecomposition).
public struct IMTLGWeighting: GradientWeighting {
    /// No settings.
    public struct Configuration: Codable, Sendable, Equatable { public init() {} }
    public typealias State = NoWeightingState

    public static let name = "imtl-g"
    public let configuration = Configuration()

    /// IMTL-G.
    public init() {}

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let k = input.objectiveCount
        let norms = (0..<k).map { max(0, input.gram[$0, $0]).squareRoot() }
        let v = try GramianSpectrum(input.gram).pseudoInverse(times: norms)
        let total = v.reduce(0, +)
        guard abs(total) >= 1e-12, total.isFinite else { return [Double](repeating: 0, count: k) }
        return v.map { $0 / total }
    }

    /// Registry entry `imtl-g`.
    public static let registration = RegisteredWeighting(
        IMTLGWeighting.self, aliases: ["imtlg"],
        summary: "the combination with equal projections on every unit gradient (impartial)",
        paper: "Liu et al., Towards Impartial Multi-task Learning, ICLR 2021, openreview IMPnRXEWpvr"
    ) { _ in IMTLGWeighting() }
}
