import Foundation
import Testing
import Recommender
@testable import Scenarios

@Suite struct ShippedFusionConfigTests {
    /// The fusion and item-tower experiment files in `Experiments/` parse (those reading the Taobao
    /// sample only where `../shared/data` is present).
    @Test func shippedFusionAndItemTowerConfigsParse() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var parsed = 0
        for folder in ["Experiments/fusion", "Experiments/item-tower"] {
            let dir = root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".yaml") {
                let path = dir.appendingPathComponent(name).path
                let text = try String(contentsOfFile: path, encoding: .utf8)
                if text.contains("source: file"), !FileManager.default.fileExists(atPath: root.appendingPathComponent("../shared/data").path) { continue }
                let config = try ExperimentConfig.load(path: path)
                if folder.hasSuffix("fusion") { #expect(config.fusion != nil, "\(name)") }
                else { #expect(config.model.itemTower == (name.contains("-conv") ? .defaultConvolution : .id), "\(name)") }
                parsed += 1
            }
        }
        #expect(parsed >= 8)
    }
}
