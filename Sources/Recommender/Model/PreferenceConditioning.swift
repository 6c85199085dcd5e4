import NumericCore

/// How a preference vector `λ` on the simplex conditions a `PreferenceConditionedModel`.
public enum PreferenceConditioning: Sendable, Equatable, Codable {
    /// `λ` enters as `K` extra input features (appended to the user features of the two-tower model,
    /// to the shared input of MMoE, as COSMOS appends it to the input), and scales the features the
    /// heads read, FiLM-style: feature `i` of objective `k`'s head input is multiplied by
    /// `γ_ki(λ) = 1 + Σ_j Γ_kij λ_j` — the user tower's output `h` in `hᵀ W_k g`, the expert mixture
    /// `m_k` at the bottom of MMoE tower `k`. A feature scaling is a row scaling of the head's first
    /// matrix, which is how it is computed.
    ///
    /// Perez, Strub, de Vries, Dumoulin & Courville, "FiLM: Visual Reasoning with a General
    /// Conditioning Layer", AAAI 2018, arXiv:1709.07871; Ruchte & Grabocka, "Scalable Pareto Front
    /// Approximation for Deep Multi-Objective Learning" (COSMOS), ICDM 2021, arXiv:2103.13392.
    case film
    /// A hypernetwork `z = ReLU(Aλ + a)` (`hidden` units) generates the head parameters:
    /// `θ_head(λ) = C + B·z` — the bilinear matrices `W_k` and biases of the two-tower model, the gates
    /// and towers of MMoE. `C` is the plain model's head (its initialization is the plain model's).
    ///
    /// Navon, Shamsian, Chechik & Fetaya, "Learning the Pareto Front with Hypernetworks", ICLR 2021,
    /// arXiv:2010.04104.
    case hypernetwork(hidden: Int)
}

/// A multi-objective recommender whose trade-off is chosen when it is asked: one network conditioned
/// on a preference `λ` (`K` non-negative weights summing to 1) covers a whole Pareto front
/// (Pareto set learning). Train it with `ParetoSetTrainer`; score with `predictScores(_:preference:)`.
///
/// Parameters: `parameters.dense` holds the plain model's dense vector (shared part, then head `C`)
/// followed by the conditioner's parameters (`Γ` for FiLM; `A`, `a`, `B` for the hypernetwork);
/// `parameters.embeddings` are the plain model's tables.
/// - Complexity: conditioning costs O(head parameters · (K + hidden)) once per preference, then a
///   plain forward pass.
public struct PreferenceConditionedModel: Sendable, Equatable {
    /// The underlying model: for FiLM its layout has the `K` preference features appended to the user
    /// dense features; its dense vector's head is `C`.
    public internal(set) var base: MultiObjectiveModel
    /// The conditioning variant.
    public let conditioning: PreferenceConditioning
    /// The conditioner's parameters (`Γ`, or `A`, `a`, `B`).
    public internal(set) var conditioner: [Float]
    let head: HeadConditioner

    /// The objectives, in column order.
    public var objectives: [ObjectiveSpec] { base.objectives }
    /// The feature layout of the data the model scores (without the preference features).
    public let layout: FeatureLayout

    /// A freshly initialized conditioned model for `layout`, drawn from `seed`.
    /// - Throws: `ModelConfigurationError` for an unusable layout or a non-positive hypernetwork width.
    public init(layout: FeatureLayout, configuration: ModelConfiguration, conditioning: PreferenceConditioning,
                seed: UInt64) throws {
        let root = SeededGenerator(seed: seed)
        let k = layout.objectiveCount
        var baseLayout = layout
        if conditioning == .film {
            baseLayout.userDenseNames += (0..<k).map { "preference_\($0)" }
        }
        if case .hypernetwork(let hidden) = conditioning, hidden < 1 {
            throw ModelConfigurationError.nonPositive("hypernetwork hidden", hidden)
        }
        base = try MultiObjectiveModel(layout: baseLayout, configuration: configuration, generator: root.split("base"))
        self.layout = layout
        self.conditioning = conditioning
        head = HeadConditioner(network: base.network, conditioning: conditioning, objectives: k)
        var g = root.split("conditioner")
        conditioner = head.initialParameters(baseDense: base.parameters.dense, generator: &g)
    }

    /// The plain model the preference `λ` selects: same shared part and embeddings, head parameters
    /// `θ_head(λ)`, and for FiLM the preference features set to `λ` by `predictScores(_:preference:)`.
    /// - Throws: `PreferenceError.invalid` when `λ` has the wrong length or is not on the simplex.
    public func model(for preference: [Double]) throws -> MultiObjectiveModel {
        let lambda = try Self.check(preference, objectives: objectives.count)
        var m = base
        m.parameters.dense.withUnsafeMutableBufferPointer { out in
            base.parameters.dense.withUnsafeBufferPointer { c in
                conditioner.withUnsafeBufferPointer { phi in
                    head.apply(base: c.baseAddress!, conditioner: phi.baseAddress!, preference: lambda,
                               into: out.baseAddress!, scratch: nil)
                }
            }
        }
        return m
    }

    /// Raw scores (`count × K`) of `table` (in `layout`) under preference `λ`.
    /// - Throws: `PreferenceError.invalid` for a bad `λ`; `ModelConfigurationError` for a table of
    ///   another layout.
    public func predictScores(_ table: ExampleTable, preference: [Double]) throws -> Matrix<Float> {
        let m = try model(for: preference)
        return try m.predictScores(try input(table, preference: preference.map { Float($0) }))
    }

    /// `table` as the base model reads it: for FiLM with the preference features appended (set to `λ`).
    func input(_ table: ExampleTable, preference: [Float]) throws -> ExampleTable {
        guard table.layout == layout else {
            throw ModelConfigurationError.incompatibleLayout("the example table's layout differs from the model's")
        }
        guard conditioning == .film else { return table }
        let k = objectives.count, u = layout.userDenseCount
        var dense = [Float](repeating: 0, count: table.count * (u + k))
        table.userDense.withUnsafeBufferPointer { src in
            for n in 0..<table.count {
                for j in 0..<u { dense[n * (u + k) + j] = src[n * u + j] }
                for j in 0..<k { dense[n * (u + k) + u + j] = preference[j] }
            }
        }
        return try ExampleTable(layout: base.layout, count: table.count, userCategorical: table.userCategorical,
                                userDense: dense, itemCategorical: table.itemCategorical, itemDense: table.itemDense,
                                labels: table.labels, userKeys: table.userKeys, itemKeys: table.itemKeys)
    }

    /// Validates a preference: `K` finite non-negative weights summing to 1 (within 1e-6).
    static func check(_ preference: [Double], objectives k: Int) throws -> [Float] {
        guard preference.count == k, preference.allSatisfy({ $0 >= 0 && $0.isFinite }),
              abs(preference.reduce(0, +) - 1) <= 1e-6
        else { throw PreferenceError.invalid(preference, objectives: k) }
        return preference.map { Float($0) }
    }
}

/// Why a preference vector was rejected.
public enum PreferenceError: Error, Equatable, CustomStringConvertible {
    /// Not `objectives` finite non-negative weights summing to 1.
    case invalid([Double], objectives: Int)

    public var description: String {
        switch self {
        case .invalid(let p, let k):
            return "preference \(p) must be \(k) non-negative weights summing to 1"
        }
    }
}
