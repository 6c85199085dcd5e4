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
    /// when `p̄` rounds to 0 or 1 (a running log-sum-exp, one member at a time). Accumulates in
    /// `Double`. - Complexity: O(n·m·members).
    static func average(_ scores: [Matrix<Float>], weights: [Double], objectives: [ObjectiveSpec],
                        mode: AveragingMode) -> Matrix<Float> {
        let rows = scores.first?.rows ?? 0
        let m = objectives.count
        let count = rows * m
        let logOdds = objectives.map { $0.kind == .binary && mode == .probabilities }
        // Per element: the weighted sum (linear columns), or running (max, scaled sum) pairs of the
        // two log-sum-exps (probability-averaged binary columns), one member at a time.
        var sum = [Double](repeating: 0, count: count)
        var posMax = [Double](repeating: -.infinity, count: count), posSum = [Double](repeating: 0, count: count)
        var negMax = [Double](repeating: -.infinity, count: count), negSum = [Double](repeating: 0, count: count)
        for (j, member) in scores.enumerated() where weights[j] > 0 {
            let w = weights[j], logW = log(w)
            member.withUnsafeBufferPointer { z in
                for i in 0..<rows {
                    for k in 0..<m {
                        let at = i * m + k
                        let v = Double(z[at])
                        if logOdds[k] {
                            addLogTerm(logW - softplus(-v), max: &posMax[at], sum: &posSum[at])
                            addLogTerm(logW - softplus(v), max: &negMax[at], sum: &negSum[at])
                        } else {
                            sum[at] += w * v
                        }
                    }
                }
            }
        }
        var out = Matrix<Float>(rows: rows, columns: m)
        out.withUnsafeMutableBufferPointer { o in
            for at in 0..<count {
                o[at] = logOdds[at % m]
                    ? Float((posMax[at] + log(posSum[at])) - (negMax[at] + log(negSum[at])))
                    : Float(sum[at])
            }
        }
        return out
    }

    /// Adds `exp(v)` to the running log-sum-exp `max + log(sum)`, rescaling when `v` is a new maximum.
    @inline(__always)
    static func addLogTerm(_ v: Double, max: inout Double, sum: inout Double) {
        if v > max {
            sum = sum * exp(max - v) + 1
            max = v
        } else {
            sum += exp(v - max)
        }
    }
}
