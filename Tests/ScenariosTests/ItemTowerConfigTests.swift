import Foundation
import Testing
import ParetoCore
import Recommender
@testable import Scenarios

@Suite struct ItemTowerConfigTests {
    func config(model: String, methods: String = "  - name: mgda-ub\n    preferences: 2") -> String {
        """
        name: item-tower
        scenario: ecommerce
        data: {source: synthetic, rows: 800}
        seeds: [1]
        model: \(model)
        methods:
        \(methods)
        """
    }

    @Test func itemTowerIsReadAsANameOrASetting() throws {
        #expect(try ExperimentConfig.parse(config(model: "{hidden: 4}")).model.itemTower == .id)
        #expect(try ExperimentConfig.parse(config(model: "{item-tower: id}")).model.itemTower == .id)
        #expect(try ExperimentConfig.parse(config(model: "{item-tower: conv}")).model.itemTower == .defaultConvolution)
        let full = try ExperimentConfig.parse(config(model: "{architecture: mmoe, item-tower: {kind: conv, width: 3, channels: 8, pooling: mean}}"))
        #expect(full.model.itemTower == .convolution(width: 3, channels: 8, pooling: .mean))
        #expect(try full.model.modelConfiguration().itemTower == .convolution(width: 3, channels: 8, pooling: .mean))
    }

    @Test func badItemTowersAreRefusedWithTheirLocation() {
        let cases: [(String, Int, Int, String)] = [
            ("{item-tower: cnn}", 5, 21, "unknown value 'cnn' for 'model.item-tower'; did you mean 'conv'?"),
            ("{architecture: ple, item-tower: conv}", 5, 40, "works with the two-tower and mmoe architectures, not 'ple'"),
            ("{item-tower: {kind: conv, width: 0}}", 5, 41, "'model.item-tower.width' must be positive"),
            ("{item-tower: {kind: conv, width: 65}}", 5, 41, "above the maximum of 64"),
            ("{item-tower: {kind: conv, pooling: sum}}", 5, 43, "unknown value 'sum' for 'model.item-tower.pooling'"),
            ("{item-tower: {kind: id, channels: 4}}", 5, 42, "'model.item-tower.channels' applies to the conv item tower"),
            ("{item-tower: {kinds: conv}}", 5, 22, "unknown key 'kinds' in 'model.item-tower'; did you mean 'kind'?"),
        ]
        for (model, line, column, needle) in cases {
            #expect {
                try ExperimentConfig.parse(config(model: model), file: "m.yaml")
            } throws: { error in
                guard let e = error as? ConfigError else { return false }
                let ok = e.message.contains(needle) && e.line == line && e.column == column
                if !ok { Issue.record("\(model): got \(e.description)") }
                return ok
            }
        }
    }

    static var weightings: [MethodDescription] { MethodCatalog.all.filter { $0.kind == .inTraining } }

    /// Every registered in-training weighting trains the two-tower and the MMoE model with the conv
    /// item tower (their per-objective gradients pass through the convolution).
    @Test(arguments: weightings.indices, ["two-tower", "mmoe"])
    func everyWeightingTrainsWithTheConvolutionItemTower(index: Int, architecture: String) throws {
        let method = Self.weightings[index], name = method.name
        let budget = method.acceptedBudget.contains("preferences") ? "\n    preferences: 2" : ""
        let text = config(model: "{architecture: \(architecture), hidden: 4, embedding: 4, epochs: 1, batch-size: 128, item-tower: conv}",
                          methods: "  - name: \(name)\n    kind: \(method.kind!.rawValue)" + budget)
        let parsed = try ExperimentConfig.parse(text, file: "\(name).yaml")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-conv-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ExperimentRunner(config: parsed, outputDirectory: dir).run()
        let front = try FrontCSV.read(path: "\(dir)/runs/\(name)/seed-1/front.csv")
        #expect(front.count >= 1 && front.objectives.storage.allSatisfy { $0.isFinite && (0...1).contains($0) }, "\(name) \(architecture)")
    }
}
