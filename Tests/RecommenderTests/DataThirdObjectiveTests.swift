import Foundation
import Testing
@testable import Recommender

/// The synthetic generator's optional third objective (`like`, `favourite`, `share`).
@Suite struct DataThirdObjectiveTests {
    private static func pearson(_ a: [Float], _ b: [Float]) -> Double {
        let x = a.map(Double.init), y = b.map(Double.init)
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my) }
        return sxy / (sxx * syy).squareRoot()
    }

    @Test func thirdObjectiveLeavesTheFirstTwoObjectivesAndEveryFeatureBitIdentical() throws {
        for kind in [ScenarioKind.ecommerce, .music, .video] {
            let two = try SyntheticScenario(kind: kind, users: 80, items: 60, rows: 3_000, seed: 7).generate()
            let three = try SyntheticScenario(kind: kind, users: 80, items: 60, rows: 3_000, seed: 7, objectives: 3).generate()
            #expect(three.layout.objectives.count == 3)
            #expect(Array(three.layout.objectives.prefix(2)) == two.layout.objectives)
            #expect(three.layout.objectives[2] == SyntheticScenario.thirdObjective(of: kind))
            for (a, b) in [(two.train, three.train), (two.validation, three.validation), (two.test, three.test)] {
                #expect(a.count == b.count)
                #expect(a.userCategorical == b.userCategorical && a.itemCategorical == b.itemCategorical)
                #expect(a.userDense == b.userDense && a.itemDense == b.itemDense)
                #expect(a.labelColumn(0) == b.labelColumn(0) && a.labelColumn(1) == b.labelColumn(1))
                #expect(b.labelColumn(2).allSatisfy { $0 == 0 || $0 == 1 })
            }
        }
    }

    @Test func thirdObjectiveAgreesWithTheFirstAndOpposesTheSecondAtConflictOneHalf() throws {
        // θ = π/2: corr(s₁, s₃) = cos(π/4) > 0 and corr(s₂, s₃) = cos(3π/4) < 0 (music: objective 1 and
        // the third share the item bias, objective 2 carries the user bias only).
        let d = try SyntheticScenario(kind: .music, users: 400, items: 400, rows: 30_000, conflict: 0.5, seed: 11, objectives: 3).generate()
        let y1 = d.train.labelColumn(0), y2 = d.train.labelColumn(1), y3 = d.train.labelColumn(2)
        #expect(Self.pearson(y1, y3) > 0.1)
        #expect(Self.pearson(y2, y3) < -0.05)
        // At conflict 0 every rotation is the identity: all three share their signal.
        let shared = try SyntheticScenario(kind: .music, users: 400, items: 400, rows: 30_000, conflict: 0, seed: 11, objectives: 3).generate()
        #expect(Self.pearson(shared.train.labelColumn(1), shared.train.labelColumn(2)) > 0.1)
        // A rare but present label (bias −1.5): between 5 % and 50 % positives.
        let rate = Double(y3.reduce(0, +)) / Double(y3.count)
        #expect(rate > 0.05 && rate < 0.5)
    }

    @Test func objectiveCountIsValidated() {
        #expect(throws: DataError.self) { _ = try SyntheticScenario(kind: .census, objectives: 3) }
        #expect(throws: DataError.self) { _ = try SyntheticScenario(kind: .video, objectives: 4) }
        #expect(throws: DataError.self) { _ = try SyntheticScenario(kind: .video, objectives: 1) }
        #expect(SyntheticScenario.thirdObjective(of: .census) == nil)
    }

    @Test func realLabelsRefuseAThirdObjectiveAndTheVideoFileTakesIt() throws {
        let taobao = try fixture("taobao_userbehavior_small.csv")
        #expect(throws: DataError.self) { _ = try ScenarioData.make(kind: .ecommerce, dataPath: taobao, objectives: 3) }
        let videos = try fixture("kuairand_video_features_small.csv")
        let d = try ScenarioData.make(kind: .video, dataPath: videos, syntheticRows: 500, objectives: 3)
        #expect(d.layout.objectives.map(\.name) == ["depth", "watch_time", "like"])
        #expect(d.notes.contains { $0.contains("depth, watch_time, like") })
    }
}
