import NumericCore

/// PCGrad ("gradient surgery"): each objective's gradient, visiting the others in a random order,
/// loses its component along every gradient it conflicts with; the surgered gradients are summed.
///
/// Yu, Kumar, Gupta, Levine, Hausman & Finn, "Gradient Surgery for Multi-Task Learning", NeurIPS
/// 2020, arXiv:2001.06782 (Algorithm 1). In Gram form (as TorchJD's `PCGrad`): `g_i^PC = Σ_k c_ik g_k`
/// starts at `e_i`; for each `j ≠ i` in a fresh random permutation drawn from the generator, if
/// `⟨g_i^PC, g_j⟩ = (Gc_i)_j < 0` then `c_ij −= (Gc_i)_j / G_jj`. The weights are `Σ_i c_i`.
///
/// Scaling: the sum of the surgered gradients, as the paper, LibMTL and TorchJD — `1` each when no
/// gradients conflict. With two objectives the order has no effect.
/// - Complexity: O(K³) arithmetic and `K` permutations of `K` drawn from the generator.
public struct PCGradWeighting: GradientWeighting {
    /// No settings.
    public struct Configuration: Codable, Sendable, Equatable { public init() {} }
    public typealias State = NoWeightingState

    public static let name = "pcgrad"
    public let configuration = Configuration()

    /// PCGrad.
    public init() {}

    public func weights(_ input: WeightingInput, state: inout State, rng: inout SeededGenerator) throws -> [Double] {
        let k = input.objectiveCount
        var permutations: [[Int]] = []
        permutations.reserveCapacity(k)
        for _ in 0..<k {
            var order = Array(0..<k)
            rng.shuffle(&order)
            permutations.append(order)
        }
        return Self.weights(gram: input.gram, orders: permutations)
    }

    /// The PCGrad weights for given visiting orders (`orders[i]` is the order in which objective
    /// `i`'s gradient meets the others; entries equal to `i` are skipped).
    static func weights(gram g: Matrix<Double>, orders: [[Int]]) -> [Double] {
        let k = g.rows
        var total = [Double](repeating: 0, count: k)
        var c = [Double](repeating: 0, count: k)
        for i in 0..<k {
            for t in 0..<k { c[t] = 0 }
            c[i] = 1
            for j in orders[i] where j != i {
                let diagonal = g[j, j]
                guard diagonal > 0 else { continue }  // a zero gradient conflicts with nothing
                var inner = 0.0
                for t in 0..<k { inner += g[j, t] * c[t] }
                if inner < 0 { c[j] -= inner / diagonal }
            }
            for t in 0..<k { total[t] += c[t] }
        }
        return total
    }

    /// Registry entry `pcgrad`.
    public static let registration = RegisteredWeighting(
        PCGradWeighting.self, aliases: ["gradient-surgery"],
        summary: "project away the conflicting components of each gradient (random order), then sum",
        paper: "Yu, Kumar, Gupta, Levine, Hausman & Finn, Gradient Surgery for Multi-Task Learning, NeurIPS 2020, arXiv:2001.06782"
    ) { _ in PCGradWeighting() }
}
