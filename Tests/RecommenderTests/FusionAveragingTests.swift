import NumericCore
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Recommender

@Suite struct FusionAveragingTests {
    let objectives = [ObjectiveSpec(name: "click", kind: .binary), ObjectiveSpec(name: "watch", kind: .continuous)]

    func oneRowTable() -> ExampleTable {
        var t = ExampleTable(layout: FeatureLayout(
            userCategoricalNames: [], userCategoricalCardinalities: [], userDenseNames: [], itemCategoricalNames: [],
            itemCategoricalCardinalities: [], itemDenseNames: [], objectives: objectives))
        t.append(userCategorical: [], userDense: [], itemCategorical: [], itemDense: [], labels: [1, 0], userKey: 1, itemKey: 1)
        return t
    }

    func fixed(_ logit: Float, _ value: Float) throws -> FixedScorePredictor {
        FixedScorePredictor(objectives: objectives, scores: try Matrix<Float>([[logit, value]]))
    }

    @Test func averagesProbabilitiesByDefaultAndLogitsOnRequest() throws {
        // Logits 0 and ln 3 are probabilities 1/2 and 3/4: their mean 5/8 has logit ln(5/3).
        let members = [try fixed(0, 1), try fixed(Float(log(3.0)), 3)]
        let t = oneRowTable()
        let byProbability = try AveragingEnsemble(members: members).predictScores(t)
        #expect(abs(byProbability[0, 0] - Float(log(5.0 / 3))) < 1e-6)
        #expect(byProbability[0, 1] == 2)
        let byLogit = try AveragingEnsemble(members: members, mode: .logits).predictScores(t)
        #expect(abs(byLogit[0, 0] - Float(log(3.0) / 2)) < 1e-6)
        #expect(byLogit[0, 1] == 2)
    }

    @Test func weightedAverageNormalizesWeights() throws {
        // Weights (3, 1) → (3/4, 1/4): p = 3/4·1/2 + 1/4·3/4 = 9/16, logit ln(9/7); value 3/4·1 + 1/4·3.
        let members = [try fixed(0, 1), try fixed(Float(log(3.0)), 3)]
        let e = try WeightedAveragingEnsemble(members: members, weights: [3, 1])
        #expect(e.weights == [0.75, 0.25])
        let s = try e.predictScores(oneRowTable())
        #expect(abs(s[0, 0] - Float(log(9.0 / 7))) < 1e-6)
        #expect(s[0, 1] == 1.5)
    }

    @Test func probabilityAveragingStaysFiniteForSaturatedLogits() throws {
        let s = try AveragingEnsemble(members: [try fixed(100, 0), try fixed(100, 0)]).predictScores(oneRowTable())
        #expect(abs(s[0, 0] - 100) < 1e-4)
        let n = try AveragingEnsemble(members: [try fixed(-100, 0), try fixed(-90, 0)]).predictScores(oneRowTable())
        // p̄ = (e^−100 + e^−90)/2 to first order, so the logit is ln((e^−100 + e^−90)/2).
        #expect(abs(Double(n[0, 0]) - log((exp(-100.0) + exp(-90.0)) / 2)) < 1e-4)
    }

    @Test func invalidEnsemblesAreRejected() throws {
        #expect(throws: FusionError.noMembers) { try AveragingEnsemble(members: []) }
        let other = FixedScorePredictor(objectives: [objectives[0]], scores: try Matrix<Float>([[0]]))
        #expect(throws: FusionError.objectivesMismatch(member: 1)) { try AveragingEnsemble(members: [try fixed(0, 0), other]) }
        let two = [try fixed(0, 0), try fixed(1, 1)]
        #expect(throws: FusionError.self) { try WeightedAveragingEnsemble(members: two, weights: [1]) }
        #expect(throws: FusionError.self) { try WeightedAveragingEnsemble(members: two, weights: [1, -1]) }
        #expect(throws: FusionError.self) { try WeightedAveragingEnsemble(members: two, weights: [0, 0]) }
        #expect(throws: FusionError.self) { try WeightedAveragingEnsemble(members: two, weights: [.nan, 1]) }
    }

    /// Members are the true scores plus independent noise: every fusion should beat every member.
    @Test(arguments: [AveragingMode.probabilities, .logits])
    func averagingNoisyMembersBeatsEveryMember(mode: AveragingMode) throws {
        var wins = 0
        for seed: UInt64 in 0..<10 {
            let task = SyntheticLinearTask(features: 8, signal: 2, watchNoise: 0.5, seed: seed)
            var g = SeededGenerator(seed: seed).split("test")
            let test = task.table(count: 1500, generator: &g)
            let members = (0..<5).map { NoisyOraclePredictor(task: task, noise: 1, seed: 1000 + $0) }
            let ensemble = try AveragingEnsemble(members: members, mode: mode)
            let fused = try EvaluationReport(predictor: ensemble, table: test)
            let single = try members.map { try EvaluationReport(predictor: $0, table: test) }
            let beatsAll = single.allSatisfy { m in
                fused.objectives[0].logloss! < m.objectives[0].logloss! && fused.objectives[1].mse! < m.objectives[1].mse!
            }
            if beatsAll { wins += 1 }
        }
        #expect(wins >= 9, "averaging beat every member on logloss and MSE in \(wins) of 10 seeds")
    }

    /// Members of unequal noise (0.4, 1, 2): inverse-variance weights beat every member and the plain mean
    /// (expected error variances 0.133 vs best member 0.16 vs plain mean 0.583).
    @Test func inverseVarianceWeightsBeatEveryMemberAndThePlainMean() throws {
        var wins = 0
        for seed: UInt64 in 0..<10 {
            let task = SyntheticLinearTask(features: 8, signal: 2, watchNoise: 0.5, seed: seed)
            var g = SeededGenerator(seed: seed).split("test")
            let test = task.table(count: 3000, generator: &g)
            let noise = [0.4, 1, 2]
            let members = noise.enumerated().map { NoisyOraclePredictor(task: task, noise: $1, seed: 2000 + UInt64($0)) }
            let weighted = try WeightedAveragingEnsemble(members: members, weights: noise.map { 1 / ($0 * $0) })
            let plain = try AveragingEnsemble(members: members)
            let w = try Metrics.mse(weighted, on: test, objective: 1)
            let p = try Metrics.mse(plain, on: test, objective: 1)
            let best = try members.map { try Metrics.mse($0, on: test, objective: 1) }.min()!
            let wl = try Metrics.logloss(weighted, on: test, objective: 0)
            let bestl = try members.map { try Metrics.logloss($0, on: test, objective: 0) }.min()!
            if w < best && w < p && wl < bestl { wins += 1 }
        }
        #expect(wins >= 8, "weighted averaging won in \(wins) of 10 seeds")
    }
}
