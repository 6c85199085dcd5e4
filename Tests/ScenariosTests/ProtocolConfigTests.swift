import Foundation
import Testing
import Recommender
@testable import Scenarios

/// The published-protocol configurations: `data.format` names the loader and must belong to the
/// scenario; the shipped configurations parse.
@Suite struct ProtocolConfigTests {
    private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func dataFormatIsReadAndCheckedAgainstTheScenario() throws {
        let yaml = { (scenario: String, format: String) in """
            scenario: \(scenario)
            data: {source: synthetic, format: \(format)}
            methods: [{name: grid, evaluations: 2}]
            """ }
        #expect(try ExperimentConfig.parse(yaml("ecommerce", "ali-ccp")).dataFormat == .aliCCP)
        #expect(try ExperimentConfig.parse(yaml("census", "census-income")).dataFormat == .censusIncome)
        #expect(throws: ConfigError.self) { _ = try ExperimentConfig.parse(yaml("music", "ali-ccp")) }
        #expect(throws: ConfigError.self) { _ = try ExperimentConfig.parse(yaml("ecommerce", "parquet")) }
    }

    @Test(arguments: ["ali-ccp-esmm", "aliexpress-mtreclib", "census-mmoe"])
    func shippedProtocolConfigurationsParse(name: String) throws {
        let path = repository.appendingPathComponent("Experiments/protocols/\(name).yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // Parsed from text so that the check does not need the data samples the paths point at.
        let config = try ExperimentConfig.parse(text.replacingOccurrences(of: "source: file", with: "source: synthetic"), file: path)
        #expect(config.dataFormat != nil && config.dataFormat?.kind == config.scenario)
        // Every protocol compares the paper's models: each method runs once per listed architecture.
        let architectures = Set(config.methods.compactMap(\.architecture))
        #expect(architectures.isSuperset(of: [.sharedBottom, .mmoe, .ple]))
        #expect(config.methods.allSatisfy { $0.architecture != nil && $0.name.hasSuffix("@" + $0.architecture!.rawValue) })
        #expect(!config.published.isEmpty)
    }
}
