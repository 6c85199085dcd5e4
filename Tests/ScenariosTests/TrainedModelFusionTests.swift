import Foundation
import Testing
import ParetoCore
import NumericCore
import Recommender
@testable import Scenarios

@Suite struct TrainedModelFusionTests {
    let base = """
    name: fused
    scenario: ecommerce
    data: {source: synthetic, rows: 1500}
    seeds: [3]
    model: {hidden: 8, epochs: 1, batch-size: 256}
    methods:
      - name: mgda-ub
        preferences: 2

    """

    @Test func fusionKeyReadsAListOrAMappingOfSettings() throws {
        let list = try ExperimentConfig.parse(base + "fusion: [average, weighted, bagging, boosting]\n")
        #expect(list.fusion?.methods == [.average, .weighted, .bagging, .boosting])
        #expect(list.fusion?.members == FusionSettings.defaultMembers)
        #expect(list.fusion?.shrinkage == FusionSettings.defaultShrinkage)
        #expect(list.fusion?.preference == [0.5, 0.5])
        let mapping = try ExperimentConfig.parse(base + """
        fusion:
          methods: [boosting, average]
          members: 3
          shrinkage: 0.25
          preference: [3, 1]

        """)
        #expect(mapping.fusion == (try FusionSettings(methods: [.boosting, .average], members: 3, shrinkage: 0.25, preference: [0.75, 0.25])))
        #expect(try ExperimentConfig.parse(base).fusion == nil)
        // Every method name the YAML accepts is one of FusionMethod's, and each is accepted.
        for method in FusionMethod.allCases {
            #expect(try ExperimentConfig.parse(base + "fusion: [\(method.rawValue)]\n").fusion?.methods == [method])
        }
        // A different fusion is a different experiment (its results directory is not reused).
        #expect(ExperimentRecord(list).configHash != ExperimentRecord(mapping).configHash)
    }

    @Test func badFusionValuesAreRefusedWithTheirLocation() {
        // (fusion text, line, column, message); the fusion key starts on line 9.
        let cases: [(String, Int, Int, String)] = [
            ("fusion: [average, bagginng]", 9, 19, "unknown value 'bagginng' for 'fusion[1]'; did you mean 'bagging'?"),
            ("fusion: [average, average]", 9, 19, "fusion method 'average' is listed twice"),
            ("fusion: []", 9, 9, "'fusion' is empty"),
            ("fusion: average", 9, 9, "'fusion' must be a mapping"),
            ("fusion: {methods: [bagging], members: 0}", 9, 39, "'fusion.members' must be positive, got 0"),
            ("fusion: {methods: [bagging], members: 5000}", 9, 39, "above the maximum of 1000"),
            ("fusion: {methods: [average], members: 3}", 9, 39, "'fusion.members' applies to bagging and boosting"),
            ("fusion: {methods: [boosting], shrinkage: 1.5}", 9, 42, "'fusion.shrinkage' must be in (0, 1], got 1.5"),
            ("fusion: {methods: [bagging], shrinkage: 0.5}", 9, 41, "'fusion.shrinkage' applies to boosting"),
            ("fusion: {methods: [weighted], preference: [1, 1, 1]}", 9, 43, "has 3 values, the scenario has 2 objectives"),
            ("fusion: {methods: [weighted], preference: [-1, 2]}", 9, 43, "must be non-negative and not all zero"),
            ("fusion: {methods: [weighted], preference: [0, 0]}", 9, 43, "must be non-negative and not all zero"),
            ("fusion: {method: [average]}", 9, 10, "unknown key 'method' in 'fusion'; did you mean 'methods'?"),
            ("fusion: {members: 3}", 9, 9, "missing required key 'methods' in 'fusion'"),
        ]
        for (text, line, column, needle) in cases {
            #expect {
                try ExperimentConfig.parse(base + text + "\n", file: "f.yaml")
            } throws: { error in
                guard let e = error as? ConfigError else { return false }
                let ok = e.message.contains(needle) && e.line == line && e.column == column
                if !ok { Issue.record("\(text): got \(e.description)") }
                return ok
            }
        }
    }

    @Test func settingsRejectInvalidValuesOutsideTheYAMLToo() {
        #expect(throws: FusionError.self) { try FusionSettings(methods: []) }
        #expect(throws: FusionError.self) { try FusionSettings(methods: [.bagging, .bagging]) }
        #expect(throws: FusionError.self) { try FusionSettings(methods: [.bagging], members: 0) }
        #expect(throws: FusionError.self) { try FusionSettings(methods: [.boosting], shrinkage: 0) }
        #expect(throws: FusionError.self) { try FusionSettings(methods: [.weighted], preference: [.nan, 1]) }
    }

    func trainer() throws -> ScenarioTrainer {
        let data = try ScenarioData.make(kind: .ecommerce, syntheticRows: 1500, conflict: 0.5, seed: 7)
        var settings = ModelSettings()
        settings.hidden = 8
        settings.epochs = 1
        settings.batchSize = 256
        return ScenarioTrainer(data: data, settings: settings)
    }

    @Test func trainedFusionsAreReproducibleAndReportTheirMembers() throws {
        let t = try trainer()
        let fusion = TrainedModelFusion(settings: try FusionSettings(methods: [.bagging, .boosting], members: 2, preference: [1, 1]))
        let a = try fusion.trainEnsembles(trainer: t, seed: 9), b = try fusion.trainEnsembles(trainer: t, seed: 9)
        #expect(a == b)
        #expect(a.map(\.method) == [.bagging, .boosting])
        #expect(a.allSatisfy { $0.members == 2 && $0.trainings == 2 && $0.test.count == 2 && $0.bestMember.count == 2 })
        // Boosting's best member is its first stage: one training of the learner with boosting's stage-0 seed.
        let learner = try t.baseLearner(weights: [0.5, 0.5])
        let rootSeed = SeededGenerator(seed: 9).split("fusion").split("boosting").key
        var stageSeed = SeededGenerator(seed: rootSeed).split("stage").split(0)
        let first = try learner.fit(t.data.train, baseMargin: nil, seed: stageSeed.next())
        #expect(a[1].bestMember == (try t.objectives.measure(first, on: t.data.test)))
        let other = try fusion.trainEnsembles(trainer: t, seed: 10)
        #expect(other[0].test != a[0].test)
    }

    @Test func paretoSetAverageIsTheMeanOfTheMembersProbabilities() throws {
        let t = try trainer()
        var models: [MultiObjectiveModel] = [], validation: [[Double]] = []
        for (i, w) in [0.3, 0.7].enumerated() {
            let o = try t.train(TrainingRequest(weights: [w, 1 - w], learningRate: 0.01, weightDecay: 0, hidden: 8, seed: UInt64(20 + i)))
            models.append(o.model)
            validation.append(o.validation)
        }
        let records = try TrainedModelFusion(settings: try FusionSettings(methods: [.weighted, .average]))
            .fuseParetoSet(models: models, validation: validation, objectives: t.objectives, test: t.data.test)
        #expect(records.map(\.method) == [.weighted, .average])
        let scores = try models.map { try $0.predictScores(t.data.test) }
        for k in 0..<2 {
            let mean = (0..<t.data.test.count).map { i in
                scores.reduce(0.0) { $0 + 0.5 / (1 + exp(-Double($1[i, k]))) }
            }
            let labels = t.data.test.labelColumn(k)
            // AUC by counting ordered pairs (ties one half), independent of Metrics.
            var wins = 0.0, pairs = 0.0
            for i in mean.indices where labels[i] > 0.5 {
                for j in mean.indices where labels[j] <= 0.5 {
                    pairs += 1
                    wins += mean[i] > mean[j] ? 1 : (mean[i] == mean[j] ? 0.5 : 0)
                }
            }
            #expect(abs(records[1].test[k] - wins / pairs) < 1e-6)
            let members = try models.map { try t.objectives.measure($0, on: t.data.test)[k] }
            #expect(records[1].bestMember[k] == members.max())
            #expect(records[1].trainings == 0 && records[1].members == 2)
        }
    }

    @Test func experimentWithFusionWritesFusedRowsAndDrawsThem() throws {
        let config = try ExperimentConfig.parse(base + "fusion: {methods: [average, weighted, bagging, boosting], members: 2}\n")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-ensembles-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ExperimentRunner(config: config, outputDirectory: dir).run()
        let store = ResultsStore(directory: dir)
        let members = try FrontCSV.read(path: dir + "/runs/mgda-ub/seed-3/front.csv").count
        let header = "fusion,members,trainings,click_auc,purchase_auc,best_member_click_auc,best_member_purchase_auc"
        let setText = try String(contentsOfFile: dir + "/runs/mgda-ub/seed-3/ensembles.csv", encoding: .utf8)
        #expect(setText.hasPrefix(header + "\naverage,\(members),0,"))
        let set = try store.readEnsembles(path: dir + "/runs/mgda-ub/seed-3/ensembles.csv", objectives: 2)
        #expect(set.map(\.method) == [.average, .weighted])
        let trainedText = try String(contentsOfFile: dir + "/fusion/seed-3/ensembles.csv", encoding: .utf8)
        #expect(trainedText.hasPrefix(header + "\nbagging,2,2,"))
        let trained = try store.readEnsembles(path: dir + "/fusion/seed-3/ensembles.csv", objectives: 2)
        #expect(trained.map(\.method) == [.bagging, .boosting])
        // (Tiny data and one epoch: AUCs near 0.5; the figures are in the benchmarks, this checks the plumbing.)
        #expect(trained.allSatisfy { r in (r.test + r.bestMember).allSatisfy { $0.isFinite && (0...1).contains($0) } }, "\(trained)")
        #expect(trained[0].test != trained[0].bestMember, "two bootstrap models fused differ from the better one alone")
        let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
        for needle in ["average of Pareto set", "weighted of Pareto set", "bagging ×2 (trained)", "boosting ×2 (trained)",
                       "Fused models (<code>fusion:</code>)", "mgda-ub average"] {
            #expect(html.contains(needle), "report lacks \(needle)")
        }
        // Resuming re-reads everything and rewrites the same report.
        try ExperimentRunner(config: config, outputDirectory: dir).run()
        #expect(try String(contentsOfFile: dir + "/report.html", encoding: .utf8) == html)
        #expect(try store.readEnsembles(path: dir + "/fusion/seed-3/ensembles.csv", objectives: 2) == trained)
    }

    @Test func malformedEnsembleFilesAreLocatedErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-ens-bad-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ResultsStore(directory: dir)
        for (body, needle) in [("stacking,1,0,0.6,0.6,0.6,0.6", "unknown fusion method 'stacking'"),
                               ("average,1,0,0.6,0.6,0.6", "row has 6 columns, expected 7"),
                               ("average,x,0,0.6,0.6,0.6,0.6", "must be counts"),
                               ("average,1,0,0.6,abc,0.6,0.6", "non-numeric metric")] {
            let path = dir + "/e.csv"
            try AtomicFile.write("fusion,members,trainings,a,b,best_member_a,best_member_b\n" + body + "\n", to: path)
            #expect { try store.readEnsembles(path: path, objectives: 2) } throws: { error in
                "\(error)".hasPrefix(path + ":2: ") && "\(error)".contains(needle)
            }
        }
    }
}
