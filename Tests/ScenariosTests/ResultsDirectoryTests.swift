import Foundation
import Testing
@testable import Scenarios

/// A results directory belongs to one experiment at a time: it records which (configuration hash,
/// code version), refuses another one unless forced, and is locked while an experiment runs.
@Suite(.serialized) struct ResultsDirectoryTests {
    static let config = """
    name: lock
    scenario: ecommerce
    data:
      source: synthetic
      rows: 600
    seeds: [1]
    model:
      hidden: 4
      embedding: 4
      epochs: 1
      batch-size: 128
    methods:
      - name: mgda-ub
        preferences: 2
    """

    private func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-dir-\(UUID().uuidString)").path
    }

    @Test func recordDependsOnTheConfigurationNotItsFormatting() throws {
        let a = ExperimentRecord(try ExperimentConfig.parse(Self.config))
        let reformatted = ExperimentRecord(try ExperimentConfig.parse("# a comment\n" + Self.config.replacingOccurrences(of: "seeds: [1]", with: "seeds:\n  - 1")))
        let other = ExperimentRecord(try ExperimentConfig.parse(Self.config.replacingOccurrences(of: "seeds: [1]", with: "seeds: [2]")))
        #expect(a == reformatted)
        #expect(a.configHash != other.configHash)
        #expect(a.codeVersion == ParetoRecVersion.current)
    }

    @Test func anotherExperimentIsRefusedAndForceStartsOver() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try ExperimentConfig.parse(Self.config)
        try ExperimentRunner(config: first, outputDirectory: dir).run()
        // The same experiment again resumes (nothing to do) without complaint.
        try ExperimentRunner(config: first, outputDirectory: dir).run()
        let music = try ExperimentConfig.parse(Self.config.replacingOccurrences(of: "scenario: ecommerce", with: "scenario: music"))
        #expect { try ExperimentRunner(config: music, outputDirectory: dir).run() } throws: { error in
            let text = "\(error)"
            return text.contains("holds results of another experiment ('lock', ecommerce") && text.contains("--force")
        }
        #expect(FileManager.default.fileExists(atPath: dir + "/runs/mgda-ub/seed-1/summary.json"))
        try ExperimentRunner(config: music, outputDirectory: dir, force: true).run()
        let runs = try ResultsStore(directory: dir).loadRuns()
        #expect(runs.map(\.summary.scenario) == ["music"])
    }

    @Test func resultsWithoutARecordOrFromAnotherVersionAreRefused() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = try ExperimentConfig.parse(Self.config)
        try FileManager.default.createDirectory(atPath: dir + "/runs", withIntermediateDirectories: true)
        #expect { try ExperimentRunner(config: config, outputDirectory: dir).run() } throws: {
            "\($0)".contains("holds results without a record of the experiment")
        }
        var old = ExperimentRecord(config)
        old.codeVersion = "0.0.1"
        try JSONEncoder().encode(old).write(to: URL(fileURLWithPath: dir + "/experiment.json"))
        #expect { try ExperimentRunner(config: config, outputDirectory: dir).run() } throws: {
            "\($0)".contains("written by ParetoRec 0.0.1; this is \(ParetoRecVersion.current)")
        }
    }

    @Test func aSecondExperimentOnALockedDirectoryIsRefused() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = try ExperimentConfig.parse(Self.config)
        let held = try ResultsDirectoryLock(directory: dir, record: ExperimentRecord(config), force: false)
        #expect { try ExperimentRunner(config: config, outputDirectory: dir).run() } throws: {
            "\($0)".contains("another experiment is running in this directory")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/runs"))
        withExtendedLifetime(held) {}
    }
}
