import Foundation
import Testing
import NumericCore
import ParetoCore
import Recommender
@testable import Scenarios

/// The published protocols as experiments: a list of architectures runs every method once per
/// architecture, published numbers are read and shown beside the measured ones, conversion runs
/// write the CTR/CVR/CTCVR AUCs, and each shipped protocol configuration runs end to end on small
/// files in its data format (written here, so the test needs no downloaded sample).
@Suite(.serialized) struct ProtocolRunTests {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private static func yaml(model: String, methods: String, extra: String = "") -> String {
        """
        scenario: ecommerce
        data: {source: synthetic, rows: 600}
        model: \(model)
        methods:
        \(methods)
        \(extra)
        """
    }

    @Test func anArchitectureListRunsEveryMethodOncePerArchitecture() throws {
        let config = try ExperimentConfig.parse(Self.yaml(
            model: "{architecture: [esmm, mmoe], hidden: 8}",
            methods: "  - {name: weighted-sum, evaluations: 5}\n  - {name: mgda, preferences: 2}"))
        #expect(config.methods.map(\.name) == ["weighted-sum@esmm", "weighted-sum@mmoe", "mgda@esmm", "mgda@mmoe"])
        #expect(config.methods.map(\.architecture) == [.esmm, .mmoe, .esmm, .mmoe])
        #expect(config.methods.map(\.registryName) == ["weighted-sum", "weighted-sum", "mgda", "mgda"])
        #expect(config.model.architecture == .esmm)
    }

    @Test func aMethodNamingItsOwnArchitectureIsNotCrossedAndALabelRenamesIt() throws {
        let config = try ExperimentConfig.parse(Self.yaml(
            model: "{architecture: [esmm, ple]}",
            methods: "  - {name: mgda, preferences: 2, architecture: shared-bottom, label: mgda-sb}\n  - {name: linear, preferences: 2}"))
        #expect(config.methods.map(\.name) == ["mgda-sb", "linear@esmm", "linear@ple"])
        #expect(config.methods.first?.architecture == .sharedBottom)
        let trainer = ScenarioTrainer(data: try ScenarioData.make(kind: .ecommerce, dataPath: nil, syntheticRows: 300, conflict: 0.5, seed: 1),
                                      settings: config.model)
        #expect(trainer.using(architecture: config.methods[0].architecture).settings.architecture == .sharedBottom)
        #expect(trainer.using(architecture: nil).settings.architecture == .esmm)
    }

    @Test func badArchitectureListsAndPublishedRowsAreRefusedWithTheirLocation() throws {
        let cases: [(String, String, String)] = [
            ("{architecture: []}", "  - {name: mgda, preferences: 2}", ""),
            ("{architecture: [esmm, esmm]}", "  - {name: mgda, preferences: 2}", ""),
            ("{architecture: [esmm, wide-deep]}", "  - {name: mgda, preferences: 2}", ""),
            ("{architecture: [esmm, mmoe]}", "  - {name: mgda, preferences: 2}\n  - {name: mgda, preferences: 3, architecture: esmm, label: mgda@esmm}", ""),
            ("{}", "  - {name: mgda, preferences: 2, label: a/b}", ""),
            ("{architecture: [mmoe, esmm], item-tower: conv}", "  - {name: mgda, preferences: 2}", ""),
            ("{item-tower: conv}", "  - {name: mgda, preferences: 2, architecture: ple}", ""),
            ("{}", "  - {name: mgda, preferences: 2}", "published:\n  - {model: esmm, metric: cvr_auc, value: 68.56, source: ESMM}"),
            ("{}", "  - {name: mgda, preferences: 2}", "published:\n  - {model: esmm, metric: cvr_auc, value: 0.68, sd: -1, source: ESMM}"),
            ("{}", "  - {name: mgda, preferences: 2}", "published:\n  - {model: din, metric: cvr_auc, value: 0.68, source: ESMM}"),
            ("{}", "  - {name: mgda, preferences: 2}", "published:\n  - {model: esmm, metric: 'cvr auc', value: 0.68, source: ESMM}"),
            ("{}", "  - {name: mgda, preferences: 2}", "published:\n  - {model: esmm, value: 0.68, source: ESMM}"),
        ]
        for (model, methods, extra) in cases {
            do {
                _ = try ExperimentConfig.parse(Self.yaml(model: model, methods: methods, extra: extra), file: "p.yaml")
                Issue.record("accepted: \(model) \(methods) \(extra)")
            } catch let error as ConfigError {
                #expect(error.line != nil && error.column != nil, "no location: \(error)")
                #expect(error.description.hasPrefix("p.yaml:"))
            }
        }
    }

    @Test func publishedNumbersAreReadInMeasuredUnits() throws {
        let config = try ExperimentConfig.parse(Self.yaml(model: "{architecture: esmm}", methods: "  - {name: mgda, preferences: 2}", extra: """
            published:
              - {model: esmm, metric: cvr_auc, value: 0.6856, sd: 0.0037, source: "ESMM Table 2"}
              - {model: mmoe, metric: ctcvr_auc, value: 0.6532, source: "ESMM Table 2"}
            """))
        #expect(config.published == [
            PublishedResult(model: "esmm", metric: "cvr_auc", value: 0.6856, sd: 0.0037, source: "ESMM Table 2"),
            PublishedResult(model: "mmoe", metric: "ctcvr_auc", value: 0.6532, sd: nil, source: "ESMM Table 2"),
        ])
        let record = try #require(ProtocolRecord(config))
        #expect(record.architectures == ["mgda": "esmm"])
    }

    // MARK: - The shipped protocol configurations, end to end

    /// Seeded labels at rates that leave both classes in a few hundred rows (the real rates — 0.02 %
    /// purchases on Ali-CCP — need millions of rows for a defined purchase AUC).
    private static func relabel(_ path: String, labelColumns: (Int, Int), seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        var out = [String(lines[0])]
        for line in lines.dropFirst() {
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let click = rng.nextUniform(in: 0, 1) < 0.4
            let purchase = click && rng.nextUniform(in: 0, 1) < 0.5
            cells[labelColumns.0] = click ? "1" : "0"
            cells[labelColumns.1] = purchase ? "1" : "0"
            out.append(cells.joined(separator: ","))
        }
        try (out.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Rows in the census-income encoded layout: every column draws from the values the repository's
    /// fixture shows for it; the two labels are seeded coins.
    private static func writeCensus(rows: Int, seed: UInt64, to path: String) throws {
        let fixture = repository.appendingPathComponent("Tests/RecommenderTests/Fixtures/census_income_encoded_small.csv").path
        let lines = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let values = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var rng = SeededGenerator(seed: seed)
        var out = [String(lines[0])]
        for _ in 0..<rows {
            out.append(header.indices.map { j -> String in
                if header[j] == "income" || header[j] == "marital status" { return rng.nextUniform(in: 0, 1) < 0.4 ? "1" : "0" }
                return values[rng.nextInt(below: values.count)][j]
            }.joined(separator: ","))
        }
        try (out.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Train, validation and test files in `format` under `dir`; returns the training file.
    private static func writeProtocolFiles(_ name: String, dir: String) throws -> String {
        var paths: [String] = []
        for (split, seed) in [("train", UInt64(1)), ("val", 2), ("test", 3)] {
            let path: String
            switch name {
            case "ali-ccp-esmm":
                path = "\(dir)/ali_ccp_\(split)_replica.csv"
                _ = try DatasetReplica.write(.aliCCP, rows: split == "train" ? 800 : 300, seed: seed, to: path)
                try relabel(path, labelColumns: (0, 1), seed: seed)
            case "aliexpress-mtreclib":
                path = "\(dir)/aliexpress_\(split)_replica.csv"
                _ = try DatasetReplica.write(.aliExpress, rows: split == "train" ? 800 : 300, seed: seed, to: path)
                try relabel(path, labelColumns: (80, 81), seed: seed)
            default:
                path = "\(dir)/census_income_\(split)_replica.csv"
                try writeCensus(rows: split == "train" ? 800 : 300, seed: seed, to: path)
            }
            paths.append(path)
        }
        return paths[0]
    }

    @Test(arguments: ["ali-ccp-esmm", "aliexpress-mtreclib", "census-mmoe"])
    func shippedProtocolRunsEndToEnd(name: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-protocol-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let train = try Self.writeProtocolFiles(name, dir: dir)
        let path = Self.repository.appendingPathComponent("Experiments/protocols/\(name).yaml").path
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let pathLine = try #require(text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("path:") })
        text = text.replacingOccurrences(of: String(pathLine), with: "  path: \(train)")
        let config = try ExperimentConfig.parse(text, file: path)
        #expect(Set(config.methods.compactMap(\.architecture)).count >= 3, "the protocol compares models")
        #expect(!config.published.isEmpty)
        let out = dir + "/results"
        let summary = try ExperimentRunner(config: config, outputDirectory: out).run()
        #expect(summary.runs == config.methods.count * config.seeds.count)
        let report = try String(contentsOfFile: summary.reportPath, encoding: .utf8)
        #expect(report.contains("Published numbers beside ours"))
        let comparison = PublishedComparison.measure(record: try #require(try ProtocolRecord.read(directory: out)),
                                                     runs: try ResultsStore(directory: out).loadRuns().map(\.artifacts), directory: out)
        #expect(comparison.rows.allSatisfy { $0.method != nil && $0.measured.count == config.seeds.count },
                "every published model was trained and measured on every seed")
        for row in comparison.rows { #expect(row.measured.allSatisfy { (0...1).contains($0) }) }
        guard config.scenario == .ecommerce else { return }
        // CTR AUC in conversion.csv is the click AUC of the same member in front.csv (two code paths).
        let method = config.methods[0].name
        let run = "\(out)/runs/\(method)/seed-\(config.seeds[0])"
        let front = try FrontCSV.read(path: run + "/front.csv")
        let rows = try String(contentsOfFile: run + "/" + ConversionReport.fileName, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == Substring(ConversionReport.header))
        #expect(rows.count == front.count + 1)
        for (i, line) in rows.dropFirst().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            let ctr = try #require(Double(cells[1]))
            #expect(abs(ctr - front.objectives[i, 0]) < 1e-12)
            #expect(Double(cells[2]).map { (0...1).contains($0) } ?? false)
        }
    }
}
