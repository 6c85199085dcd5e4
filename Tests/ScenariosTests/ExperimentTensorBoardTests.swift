import Foundation
import Testing
@testable import Scenarios

/// The experiment's `tensorboard:` key: one run folder per method and seed, read back by
/// TensorBoard's own loader (skipped when python3 lacks `tensorboard`).
@Suite(.serialized) struct ExperimentTensorBoardTests {
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

    @Test(.enabled(if: ExperimentTensorBoardTests.available, "python3 lacks the 'tensorboard' package: pip install tensorboard"))
    func everyMethodAndSeedGetsARunFolderWithItsHypervolumeHistory() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-exp-tb-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = try ExperimentConfig.parse("""
        name: tb
        scenario: music
        data:
          source: synthetic
          rows: 1500
        seeds: [1, 2]
        tensorboard: \(root)/tb
        model:
          hidden: 8
          epochs: 1
          batch-size: 256
        methods:
          - name: grid
            evaluations: 3
          - name: mgda-ub
            preferences: 2
        """)
        #expect(config.tensorboard == root + "/tb")
        let summary = try ExperimentRunner(config: config, outputDirectory: root + "/out").run()
        #expect(summary.runs == 4)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TensorBoardEventsTests/Scripts/read_scalars.py").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script, root + "/tb"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        var steps: [String: [Int]] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 4, let step = Int(f[2]) else { continue }
            steps[f[0] + " " + f[1], default: []].append(step)
        }
        for seed in [1, 2] {
            // The grid evaluates its 3 points in one batch: one history entry at 3 evaluations.
            #expect(steps["grid/seed-\(seed) hypervolume/validation"]?.last == 3)
            #expect(steps["grid/seed-\(seed) hypervolume/test"] == [3])
            #expect(steps["mgda-ub/seed-\(seed) hypervolume/validation"] == [1, 2])
            // Each of MGDA-UB's two trainings logs its steps and its balancing weights under its prefix.
            for r in 0..<2 {
                let loss = steps["mgda-ub/seed-\(seed) run\(r)/train/loss"] ?? []
                #expect(!loss.isEmpty && loss == Array(1...loss.count))
                #expect(steps["mgda-ub/seed-\(seed) run\(r)/train/weight/depth"] == loss)
                #expect(steps["mgda-ub/seed-\(seed) run\(r)/validation/depth_auc"]?.count == 1)
            }
        }
    }
}
