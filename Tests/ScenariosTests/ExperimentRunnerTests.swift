import Foundation
import Testing
import NumericCore
import ParetoCore
@testable import Scenarios

@Suite(.serialized) struct ExperimentRunnerTests {
    static let config = """
    name: test
    scenario: ecommerce
    data:
      source: synthetic
      rows: 2000
    seeds: [1, 2]
    model:
      hidden: 8
      epochs: 1
      batch-size: 256
    methods:
      - name: nsga2
        evaluations: 6
        population: 3
      - name: mgda-ub
        preferences: 2
      - name: pareto-mtl
        preferences: 2
    """

    private func temporaryDirectory() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-runner-\(UUID().uuidString)").path
        return dir
    }

    private func files(under dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: dir)
        while let f = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + f, isDirectory: &isDir), !isDir.boolValue {
                out[f] = FileManager.default.contents(atPath: dir + "/" + f)
            }
        }
        return out
    }

    @Test func writesEveryRunAndResumesToIdenticalFiles() throws {
        let config = try ExperimentConfig.parse(Self.config)
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let summary = try ExperimentRunner(config: config, outputDirectory: dir).run()
        #expect(summary.runs == 6)
        for method in ["nsga2", "mgda-ub", "pareto-mtl"] {
            for seed in [1, 2] {
                let run = "\(dir)/runs/\(method)/seed-\(seed)"
                let front = try FrontCSV.read(path: run + "/front.csv")
                #expect(front.objectiveNames == ["click_auc", "purchase_auc"])
                #expect(front.senses == [.maximize, .maximize])
                #expect(front.count >= 1)
                #expect(FileManager.default.fileExists(atPath: run + "/history.csv"))
                // the summary's hypervolume equals ParetoCore's on the written front (natural → minimization view)
                let data = try #require(FileManager.default.contents(atPath: run + "/summary.json"))
                let s = try JSONDecoder().decode(RunSummary.self, from: data)
                let expected = try hypervolume(of: front.minimizationObjectives, reference: [-0.5, -0.5])
                #expect(s.hypervolume == expected)
            }
        }
        // Ranking metrics of every front member beside its AUCs (one row per front row).
        let ranking = try String(contentsOfFile: "\(dir)/runs/nsga2/seed-1/ranking.csv", encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(ranking.first == ["member", "click_recall@3", "click_ndcg@3", "click_hitrate@3",
                                  "purchase_recall@3", "purchase_ndcg@3", "purchase_hitrate@3"])
        let nsgaFront = try FrontCSV.read(path: "\(dir)/runs/nsga2/seed-1/front.csv")
        #expect(ranking.count - 1 == nsgaFront.count)
        #expect(ranking.dropFirst().allSatisfy { row in row.dropFirst().allSatisfy { (0...1).contains(Double($0) ?? -1) } })
        for f in ["summary.csv", "table.md", "table.tex", "report.html", "notebook.ipynb"] {
            #expect(FileManager.default.fileExists(atPath: "\(dir)/\(f)"))
        }
        let before = files(under: dir)
        // Interrupt: forget two finished runs, resume, and get the same bytes everywhere but timings.
        try FileManager.default.removeItem(atPath: "\(dir)/runs/nsga2/seed-2")
        try FileManager.default.removeItem(atPath: "\(dir)/runs/pareto-mtl/seed-1/summary.json")
        _ = try ExperimentRunner(config: config, outputDirectory: dir).run()
        let after = files(under: dir)
        #expect(Set(before.keys) == Set(after.keys))
        for name in ["runs/nsga2/seed-2/front.csv", "runs/nsga2/seed-2/history.csv", "runs/pareto-mtl/seed-1/front.csv",
                     "runs/mgda-ub/seed-1/front.csv"] {
            #expect(before[name] == after[name], "\(name) differs after resuming")
        }
    }

    @Test func sameSeedSameFrontsAtAnyParallelism() throws {
        var config = try ExperimentConfig.parse(Self.config)
        config.methods = [config.methods[0]]
        config.seeds = [3]
        let a = temporaryDirectory(), b = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        try ExperimentRunner(config: config, outputDirectory: a, parallelism: 1).run()
        try ExperimentRunner(config: config, outputDirectory: b, parallelism: 2).run()
        let fa = FileManager.default.contents(atPath: a + "/runs/nsga2/seed-3/front.csv")
        let fb = FileManager.default.contents(atPath: b + "/runs/nsga2/seed-3/front.csv")
        #expect(fa != nil && fa == fb)
    }

    @Test func reportOfAFolderWithoutRunsIsAClearError() {
        let dir = temporaryDirectory()
        #expect { try ExperimentRunner.writeReports(directory: dir) } throws: { "\($0)".contains("not an experiment results directory") }
    }
}
