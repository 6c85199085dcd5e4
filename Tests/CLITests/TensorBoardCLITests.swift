import Foundation
import Testing

/// `paretorec train --tensorboard DIR`: the event files a real training writes, read back by
/// TensorBoard's own loader (`Tests/TensorBoardEventsTests/Scripts/read_scalars.py`).
@Suite("CLI: tensorboard", .serialized)
struct TensorBoardCLITests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TensorBoardEventsTests/Scripts/read_scalars.py").path

    static let available: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import tensorboard.backend.event_processing.event_accumulator"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    @Test(.enabled(if: TensorBoardCLITests.available, "python3 lacks the 'tensorboard' package: pip install tensorboard"))
    func trainingLogsEveryStepAndEpochThatTensorBoardReadsBack() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let logs = cli.path("tb")
        // 2000 synthetic rows → 1600 training rows → 4 batches of 400 per epoch, 2 epochs.
        let result = try cli.run(["train", "--scenario", "ecommerce", "--synthetic-rows", "2000", "--epochs", "2",
                                  "--batch-size", "400", "--tensorboard", logs])
        #expect(result.status == 0, "\(result.stderr)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Self.script, logs]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        var series: [String: [(Int, Double)]] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 4, let step = Int(f[2]), let value = Double(f[3]) else { continue }
            series[f[1], default: []].append((step, value))
        }
        let steps = try #require(series["train/loss"]).map(\.0)
        #expect(steps.first == 1 && steps == Array(1...steps.count), "one event per optimizer step")
        for tag in ["train/loss/click", "train/loss/purchase", "train/weight/click", "train/weight/purchase"] {
            #expect(series[tag]?.map(\.0) == steps, "\(tag)")
        }
        // The default weights 0.5, 0.5 are the weighted sum's weights at every step.
        #expect(series["train/weight/click"]?.allSatisfy { $0.1 == 0.5 } == true)
        // Per epoch: the epoch loss the CLI prints on stderr ("loss %.5f"), and validation AUCs.
        let printed = result.stderrLines.compactMap { line -> Double? in
            guard let r = line.range(of: "loss ") else { return nil }
            return Double(line[r.upperBound...].split(separator: " ")[0])
        }
        let epochLoss = try #require(series["epoch/loss"])
        #expect(epochLoss.count == 2 && printed.count == 2)
        for (logged, shown) in zip(epochLoss, printed) { #expect(abs(logged.1 - shown) <= 5e-6 + 1e-6 * abs(shown)) }
        #expect(epochLoss.map(\.0) == [steps.count / 2, steps.count])
        for tag in ["validation/click_auc", "validation/purchase_auc"] {
            #expect(series[tag]?.count == 2 && series[tag]!.allSatisfy { $0.1 > 0 && $0.1 < 1 }, "\(tag)")
        }
    }
}
