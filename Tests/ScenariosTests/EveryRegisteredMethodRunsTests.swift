import Foundation
import Testing
import ParetoCore
import ParetoOptimizers
@testable import Scenarios

/// Every method of both registries that can run on a scenario runs in a tiny experiment (tiny
/// synthetic data, one seed, tiny budgets): a method added to a registry is exercised here without
/// editing this test.
@Suite(.serialized) struct EveryRegisteredMethodRunsTests {
    /// The YAML method entry for `m` with a tiny budget: the keys it needs, plus a small number of
    /// trainings where it takes one.
    static func entry(_ m: MethodDescription) -> String {
        var lines = ["  - name: \(m.name)", "    kind: \(m.kind!.rawValue)"]
        if m.acceptedBudget.contains("evaluations") { lines.append("    evaluations: 6") }
        if m.acceptedBudget.contains("population") { lines.append("    population: 6") }
        if m.acceptedBudget.contains("preferences") { lines.append("    preferences: 2") }
        return lines.joined(separator: "\n")
    }

    static func config(_ m: MethodDescription) -> String {
        """
        name: every-method
        scenario: ecommerce
        data:
          source: synthetic
          rows: 800
        seeds: [1]
        model:
          hidden: 4
          embedding: 4
          epochs: 1
          batch-size: 128
        methods:
        \(entry(m))
        """
    }

    static var runnable: [MethodDescription] { MethodCatalog.all.filter { $0.kind != nil } }

    @Test func bothKindsAreCovered() {
        #expect(Self.runnable.contains { $0.kind == .blackBox })
        #expect(Self.runnable.contains { $0.kind == .inTraining })
    }

    @Test(arguments: runnable.map(\.name).indices)
    func registeredMethodRunsInATinyExperiment(index: Int) throws {
        let method = Self.runnable[index]
        let config = try ExperimentConfig.parse(Self.config(method), file: "\(method.name).yaml")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-every-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let summary = try ExperimentRunner(config: config, outputDirectory: dir).run()
        #expect(summary.runs == 1, "\(method.name)")
        let front = try FrontCSV.read(path: "\(dir)/runs/\(method.name)/seed-1/front.csv")
        #expect(front.count >= 1, "\(method.name)")
        #expect(front.senses == [.maximize, .maximize])
        #expect(front.objectives.storage.allSatisfy { (0...1).contains($0) }, "\(method.name): AUCs in [0, 1]")
        let hv = summary.table.rows.first?.values.first ?? -1
        #expect(hv.isFinite && hv >= 0, "\(method.name)")
    }
}
