import Foundation
import Testing

/// `paretorec train`: a small synthetic run end to end, and bad input as one clear line.
@Suite("CLI: train", .serialized)
struct TrainCLITests {
    @Test func trainsOnSyntheticDataAndReportsMetricsAsJSON() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["train", "--scenario", "music", "--synthetic-rows", "2000", "--epochs", "1", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let test = try #require(json?["test"] as? [String: Any])
        let objectives = try #require(test["objectives"] as? [[String: Any]])
        #expect(objectives.compactMap { $0["name"] as? String } == ["depth", "repeat"])
        #expect(objectives.allSatisfy { ($0["auc"] as? Double).map { $0 > 0 && $0 < 1 } ?? false })
        #expect((json?["samplesPerSecond"] as? Double ?? 0) > 0)
        #expect((json?["simulated"] as? Bool) == true)
    }

    @Test func sameSeedSameMetrics() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let args = ["train", "--scenario", "ecommerce", "--synthetic-rows", "1500", "--epochs", "1", "--seed", "7"]
        let a = try cli.run(args), b = try cli.run(args)
        let metrics = { (s: String) in s.split(separator: "\n").filter { $0.contains(".auc ") || $0.contains(".logloss ") } }
        #expect(a.status == 0 && !metrics(a.stdout).isEmpty)
        #expect(metrics(a.stdout) == metrics(b.stdout))
    }

    /// A Taobao log trains with per-epoch negatives by default; `--cache` writes the encoded columns
    /// on the first run and the second run, reading them, gives the same metrics.
    @Test func taobaoLogTrainsWithPerEpochNegativesAndTheCacheGivesTheSameRun() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        var lines: [String] = []
        for user in 1...40 {
            for k in 0..<8 { lines.append("\(user),\(100 + (user * 7 + k * 13) % 60),\(k % 5),\(k == 7 ? "buy" : "pv"),\(1_511_544_000 + 60 * k)") }
        }
        let data = try cli.file("UserBehavior.csv", lines.joined(separator: "\n") + "\n")
        let args = ["train", "--scenario", "ecommerce", "--data", data, "--epochs", "1", "--seed", "3", "--cache"]
        let first = try cli.run(args), second = try cli.run(args)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("loaded ") && first.stderr.contains("training examples"))
        #expect(FileManager.default.fileExists(atPath: data + ".paretorec-cache"))
        let metrics = { (s: String) in s.split(separator: "\n").filter { $0.contains(".auc ") || $0.contains(".logloss ") } }
        #expect(!metrics(first.stdout).isEmpty && metrics(first.stdout) == metrics(second.stdout))
        // Stored negatives hold four negatives per positive in the training table.
        let stored = try cli.run(["train", "--scenario", "ecommerce", "--data", data, "--epochs", "1", "--negatives", "stored", "--json"])
        let streamed = try cli.run(["train", "--scenario", "ecommerce", "--data", data, "--epochs", "1", "--json"])
        let count = { (s: String) in (try? JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])?["trainExamples"] as? Int }
        let positives = try #require(count(streamed.stdout)), all = try #require(count(stored.stdout))
        #expect(positives > 0 && all > 4 * positives)
        let refused = try cli.run(["train", "--scenario", "ecommerce", "--negatives", "per-epoch", "--tensorboard", cli.directory.path + "/tb"])
        #expect(refused.status != 0 && refused.stderr.contains("--negatives per-epoch cannot be combined"))
    }

    /// `--max-batches N` stops each epoch after N batches; the test split is still evaluated whole.
    @Test func maxBatchesLimitsTheEpochButNotTheTestEvaluation() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let base = ["train", "--scenario", "music", "--synthetic-rows", "2000", "--epochs", "2", "--batch-size", "100", "--json"]
        let limited = try cli.run(base + ["--max-batches", "3"]), full = try cli.run(base)
        #expect(limited.status == 0, "\(limited.stderr)")
        let parse = { (s: String) in try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any]) }
        let l = try parse(limited.stdout), f = try parse(full.stdout)
        #expect(l["trainedExamplesPerEpoch"] as? Int == 300 && l["maxBatches"] as? Int == 3)
        #expect(f["trainedExamplesPerEpoch"] as? Int == f["trainExamples"] as? Int)
        #expect(l["trainExamples"] as? Int == f["trainExamples"] as? Int && l["testExamples"] as? Int == f["testExamples"] as? Int)
        let testL = try #require(l["test"] as? [String: Any]), testF = try #require(f["test"] as? [String: Any])
        #expect(testL["examples"] as? Int == testF["examples"] as? Int)
        #expect((l["lossHistory"] as? [Double])?.count == 2)
        // CPU seconds of the load and the training, and the throughput per CPU second.
        #expect((l["loadCPUSeconds"] as? Double ?? -1) >= 0 && (l["trainingCPUSeconds"] as? Double ?? 0) > 0)
        let perCPU = try #require(l["samplesPerCPUSecond"] as? Double), cpu = try #require(l["trainingCPUSeconds"] as? Double)
        #expect(abs(perCPU * cpu - 600) < 1e-6 * 600)
        let refused = try cli.run(["train", "--scenario", "music", "--max-batches", "0"])
        #expect(refused.status != 0 && refused.stderr.contains("--max-batches must be positive"))
        // A Taobao log's per-epoch negatives: a batch of 16 holds ⌊16 / (1 + 4)⌋ = 3 positives and
        // their 4 drawn negatives each (every user here leaves enough never-touched items), so one
        // batch is 15 examples; two epochs count the same per epoch.
        var lines: [String] = []
        for user in 1...30 { for k in 0..<6 { lines.append("\(user),\(100 + (user * 7 + k * 13) % 50),\(k % 5),\(k == 5 ? "buy" : "pv"),\(1_511_544_000 + 60 * k)") } }
        let data = try cli.file("UserBehavior.csv", lines.joined(separator: "\n") + "\n")
        let perEpoch = try cli.run(["train", "--scenario", "ecommerce", "--data", data, "--epochs", "2", "--max-batches", "1",
                                    "--batch-size", "16", "--json"])
        #expect(perEpoch.status == 0, "\(perEpoch.stderr)")
        let sampled = try parse(perEpoch.stdout)
        #expect(sampled["trainedExamplesPerEpoch"] as? Int == 15 && (sampled["lossHistory"] as? [Double])?.count == 2)
        let stored = try cli.run(["train", "--scenario", "ecommerce", "--data", data, "--epochs", "1", "--max-batches", "1",
                                  "--batch-size", "16", "--negatives", "stored", "--json"])
        #expect(stored.status == 0, "\(stored.stderr)")
        #expect(try parse(stored.stdout)["trainedExamplesPerEpoch"] as? Int == 16)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let files: [String: String]
        let arguments: [String]
        let contains: [String]
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "missing data file", files: [:], arguments: ["--scenario", "music", "--data", "absent.dat"],
             contains: ["no such file: absent.dat"]),
        Case(label: "data of the wrong format", files: ["bad.csv": "a,b\n1,2\n"], arguments: ["--scenario", "ecommerce", "--data", "bad.csv"],
             contains: ["bad.csv", "no usable rows for the ecommerce scenario"]),
        Case(label: "unknown scenario", files: [:], arguments: ["--scenario", "books"],
             contains: ["'books' is invalid for '--scenario"]),
        Case(label: "bad weights", files: [:], arguments: ["--scenario", "music", "--weights", "1,x"],
             contains: ["--weights: 'x' is not a number"]),
        Case(label: "zero epochs", files: [:], arguments: ["--scenario", "music", "--epochs", "0"],
             contains: ["--epochs must be positive"]),
    ]

    @Test(arguments: cases)
    func badInputIsOneClearLine(_ c: Case) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        for (name, text) in c.files { try cli.file(name, text) }
        let result = try cli.run(["train"] + c.arguments)
        #expect(result.status != 0 && result.status < 128)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("paretorec: error: "))
        for needle in c.contains { #expect(result.stderr.contains(needle), "\(result.stderr)") }
    }
}
