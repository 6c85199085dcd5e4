import Foundation
import NumericCore

/// Pareto Multi-Task Learning: each training follows one preference vector `u_k` and descends along
/// the min-norm element of the objective gradients and of the gradients of its active sector
/// constraints `G_j = (u_j − u_k)ᵀ L̃ ≥ 0`, which keeps the losses in `u_k`'s sector of the front.
///
/// Lin, Zhen, Li, Zhang & Kwong, "Pareto Multi-Task Learning", NeurIPS 2019, arXiv:1912.12854.
/// Losses are normalized by their first-batch values (`L̃ = L / L₀`, kept in the state) so that
/// preferences are comparable across objectives of different scales; only the main phase of the paper
/// runs (no separate search for a feasible start). The weights are scaled to sum to `K`.
/// - Complexity: O(P²·K²) to build the directions' Gram matrix for `P` preferences, plus the min-norm solve.
public struct ParetoMTLWeighting: GradientWeighting {
    /// The preference set and this training's index in it.
    public struct Configuration: Codable, Sendable, Equatable {
        /// Every run's preference vector (each of length `K`).
        public var preferences: [[Double]]
        /// The preference this training follows.
        public var index: Int
        /// - Throws: `OptimizerError.invalidConfiguration` for an empty or ragged set or an index out of range.
        public init(preferences: [[Double]], index: Int) throws {
            guard let k = preferences.first?.count, k >= 1, preferences.allSatisfy({ $0.count == k && $0.allSatisfy(\.isFinite) }) else {
                throw OptimizerError.invalidConfiguration("Pareto MTL needs a non-empty set of finite preference vectors of one length")
            }
            guard preferences.indices.contains(index) else {
                throw OptimizerError.invalidConfiguration("Pareto MTL preference index \(index) outside 0..<\(preferences.count)")
            }
            self.preferences = preferences
            self.index = index
        }
    }

    /// The first batch's losses (the normalizers `L₀`).
    public struct State: Codable, Sendable, Equatable {
        public var initialLosses: [Double]?
    }

    public static let name = "pareto-mtl"
    public let configuration: Configuration

    /// Pareto MTL with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialState(objectives: Int) throws -> State {
        guard configuration.preferences[0].count == objectives else {
            throw OptimizerError.invalidConfiguration("Pareto MTL preferences have \(configuration.preferences[0].count) entries for \(objectives) objectives")
        }
        return State(initialLosses: nil)
    }

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let m = input.objectiveCount
        if state.initialLosses == nil { state.initialLosses = input.losses.map { max($0, 1e-12) } }
        let l0 = state.initialLosses!
        let normalized = (0..<m).map { input.losses[$0] / l0[$0] }
        // Coefficient vectors (in objective space) of every direction in the min-norm problem.
        var directions: [[Double]] = (0..<m).map { k in (0..<m).map { $0 == k ? 1 : 0 } }
        let u = configuration.preferences[configuration.index]
        for (j, v) in configuration.preferences.enumerated() where j != configuration.index {
            let w = (0..<m).map { v[$0] - u[$0] }
            let g = (0..<m).reduce(0.0) { $0 + w[$1] * normalized[$1] }
            if g >= 0 { directions.append(w) }
        }
        // Gram of the directions: a_pᵀ G̃ a_q with G̃_ik = G_ik / (L0_i L0_k).
        let d = directions.count
        var gram = Matrix<Double>(rows: d, columns: d)
        for p in 0..<d {
            for q in p..<d {
                var s = 0.0
                for i in 0..<m {
                    for k in 0..<m { s += directions[p][i] * directions[q][k] * input.gram[i, k] / (l0[i] * l0[k]) }
                }
                gram[p, q] = s
                gram[q, p] = s
            }
        }
        let alpha = try minNormWeights(gram: gram).weights
        var weights = [Double](repeating: 0, count: m)
        for p in 0..<d { for i in 0..<m { weights[i] += alpha[p] * directions[p][i] / l0[i] } }
        let total = weights.reduce(0, +)
        return total > 0 ? weights.map { $0 / total * Double(m) } : weights
    }

    /// `count` unit preference vectors evenly spread over angles (0, π/2), end points excluded as in
    /// Lin et al.'s code (two objectives).
    public static func quarterCirclePreferences(_ count: Int) -> [[Double]] {
        (0..<count).map { k in
            let angle = Double.pi / 2 * (Double(k) + 0.5) / Double(count)
            return [cos(angle), sin(angle)]
        }
    }

    /// Registry entry `pareto-mtl`; one preference per training.
    public static let registration = RegisteredWeighting(
        ParetoMTLWeighting.self, summary: "min-norm descent kept in one preference's sector of the front",
        paper: "Lin, Zhen, Li, Zhang & Kwong, NeurIPS 2019, arXiv:1912.12854", usesPreferences: true,
        preferenceSet: { count, objectives in
            objectives == 2 ? quarterCirclePreferences(count) : WeightingRegistry.spreadPreferences(count: count, objectives: objectives)
        }
    ) { settings in
        let preferences = settings.preferences.isEmpty
            ? WeightingRegistry.spreadPreferences(count: 1, objectives: settings.objectives) : settings.preferences
        return try ParetoMTLWeighting(configuration: Configuration(preferences: preferences, index: settings.preferenceIndex))
    }
}
