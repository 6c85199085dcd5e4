import NumericCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The arithmetic shared by the averaging ensembles and bagging.
enum ScoreFusion {
    /// Throws unless every member predicts the same objectives as member 0; returns them.
    static func commonObjectives(_ members: [any ScorePredictor]) throws -> [ObjectiveSpec] {
        guard let first = members.first else { throw FusionError.noMembers }
        for (j, m) in members.enumerated() where m.objectives != first.objectives {
            throw FusionError.objectivesMismatch(member: j)
        }
        return first.objectives
    }

    /// Each member's raw scores on `table`, shape-checked.
    static func memberScores(_ members: [any ScorePredictor], _ table: ExampleTable,
                             objectiveCount m: Int) throws -> [Matrix<Float>] {
        try members.enumerated().map { j, member in
            let s = try member.predictScores(table)
            guard s.rows == table.count, s.columns == m else {
                throw FusionError.memberOutputShape(member: j, rows: s.rows, columns: s.columns,
                                                    expectedRows: table.count, expectedColumns: m)
            }
            return s
        }
    }

    /// The weighted average of the members' scores (weights normalized to sum 1).
    ///
    /// Continuous objectives and binary ones in `.logits` mode: `Σ_j w_j s_j`. Binary objectives in
    /// `.probabilities` mode: the logit of `p̄ = Σ_j w_j σ(z_j)`, computed as
    /// `log p̄ − log(1 − p̄) = LSE_j(log w_j + log σ(z_j)) − LSE_j(log w_j + log σ(−z_j))` with
    /// `log σ(z) = −softplus(−z)` and a max-shifted log-sum-exp, so it stays finite and accurate even
    /// when `p̄` rounds to 0 or 1. Accumulates in `Double`. - Complexity: O(n·m·members).
    static func average(_ scores: [Matrix<Float>], weights: [Double], objectives: [ObjectiveSpec],
                        mode: AveragingMode) -> Matrix<Float> {
        let rows = scores.first?.rows ?? 0
        let m = objectives.count
        var out = Matrix<Float>(rows: rows, columns: m)
        let active = weights.indices.filter { weights[$0] > 0 }
        let logWeights = weights.map { $0 > 0 ? log($0) : -Double.infinity }
        var posTerms = [Double](repeating: 0, count: active.count)
        var negTerms = [Double](repeating: 0, count: active.count)
        out.withUnsafeMutableBufferPointer { o in
            for k in 0..<m {
                let probabilityAverage = objectives[k].kind == .binary && mode == .probabilities
                for i in 0..<rows {
                    let at = i * m + k
                    if probabilityAverage {
                        for (t, j) in active.enumerated() {
                            let z = Double(scores[j].storage[at])
                            posTerms[t] = logWeights[j] - softplus(-z)
                            negTerms[t] = logWeights[j] - softplus(z)
                        }
                        o[at] = Float(logSumExp(posTerms) - logSumExp(negTerms))
                    } else {
                        var sum = 0.0
                        for j in active { sum += weights[j] * Double(scores[j].storage[at]) }
                        o[at] = Float(sum)
                    }
                }
            }
        }
        return out
    }

    /// `log Σ exp(x_t)`, shifted by the maximum.
    static func logSumExp(_ x: [Double]) -> Double {
        guard let top = x.max(), top.isFinite else { return x.max() ?? -Double.infinity }
        var sum = 0.0
        for v in x { sum += exp(v - top) }
        return top + log(sum)
    }
}
