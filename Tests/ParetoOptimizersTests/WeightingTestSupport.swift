import Foundation
import NumericCore
@testable import ParetoOptimizers

/// Helpers shared by the weighting tests: random Jacobians, the combined direction `wᵀJ`, and a
/// one-call runner for a method with a fresh state.
enum WeightingTestSupport {
    /// A `k × n` Jacobian with standard normal entries, rows scaled by factors in [0.3, 3).
    static func jacobian(_ k: Int, _ n: Int, rng: inout SeededGenerator) -> Matrix<Double> {
        var j = Matrix<Double>(rows: k, columns: n)
        for r in 0..<k {
            let scale = rng.nextUniform(in: 0.3, 3)
            for c in 0..<n { j[r, c] = scale * rng.nextGaussian() }
        }
        return j
    }

    /// `d = Σ_k w_k J_k`.
    static func direction(_ w: [Double], _ j: Matrix<Double>) -> [Double] {
        (0..<j.columns).map { c in (0..<j.rows).reduce(0.0) { $0 + w[$1] * j[$1, c] } }
    }

    /// `⟨a, b⟩`.
    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    /// Euclidean norm.
    static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

    /// Largest absolute difference.
    static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    /// One call of `method` from its initial state.
    static func call<W: GradientWeighting>(_ method: W, gram: Matrix<Double>, losses: [Double], seed: UInt64 = 1) throws -> [Double] {
        var state = try method.initialState(objectives: losses.count)
        var rng = SeededGenerator(seed: seed)
        return try method.weights(WeightingInput(gram: gram, losses: losses), state: &state, rng: &rng)
    }

    /// The fixture file `Fixtures/weightings/NAME.json`.
    static func fixture(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: "Fixtures/weightings/\(name)", withExtension: "json") else {
            throw WeightingError.invalidInput("missing fixture \(name).json")
        }
        return try Data(contentsOf: url)
    }
}
