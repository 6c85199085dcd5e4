import Foundation
import Testing
import NumericCore
@testable import ParetoOptimizers

/// A checkpoint edited by hand or damaged on disk is a clear `OptimizerError.checkpoint` naming
/// the file — never a trap, a hang (xoshiro's all-zero state) or a run that silently continues.
@Suite struct CheckpointCorruptionTests {
    let problem: ZDT
    init() throws { problem = try ZDT(.zdt1, variables: 5) }

    /// Runs `algorithm` for 2 generations with a checkpoint, applies `edit` to the JSON object, and
    /// resumes; returns the resume error's text (nil when the resume succeeded).
    func resumeAfterEditing(_ algorithm: String = "nsga2", _ edit: (inout [String: Any]) throws -> Void) throws -> String? {
        let dir = try CheckpointTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("run.json")
        let settings = AlgorithmSettings(populationSize: 10)
        _ = try OptimizerRegistry.make(name: algorithm, settings: settings, problem: problem)
            .minimize(problem: problem, termination: .generations(2), seed: 1,
                      options: RunOptions(checkpoint: try CheckpointPolicy(url: file, every: 1)))
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        try edit(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        do {
            _ = try OptimizerRegistry.make(name: algorithm, settings: settings, problem: problem)
                .minimize(problem: problem, termination: .generations(4), seed: 1, options: RunOptions(resumeFrom: file))
            return nil
        } catch let error as OptimizerError {
            guard case .checkpoint(let message) = error else { Issue.record("not a checkpoint error: \(error)"); return "" }
            #expect(message.contains(dir.path + "/run"), "the error names the file: \(message)")
            return message
        }
    }

    static func base64(_ values: [Double]) -> String { BitExact.encode(values) }

    @Test func unchangedCheckpointResumes() throws {
        #expect(try resumeAfterEditing { _ in } == nil)
    }

    @Test func shortCrowdingArrayIsRefused() throws {
        let message = try resumeAfterEditing { object in
            var state = object["state"] as! [String: Any]
            state["crowding"] = Array((state["crowding"] as! [Any]).prefix(3))
            object["state"] = state
        }
        #expect(message?.contains("crowding") == true)
    }

    @Test func allZeroGeneratorStateIsRefused() throws {
        let message = try resumeAfterEditing { object in
            var state = object["state"] as! [String: Any]
            var rng = state["rng"] as! [String: Any]
            for key in ["s0", "s1", "s2", "s3"] { rng[key] = 0 }
            state["rng"] = rng
            object["state"] = state
        }
        #expect(message?.contains("all zeros") == true)
    }

    @Test func nanObjectivesAreRefused() throws {
        let message = try resumeAfterEditing { object in
            var state = object["state"] as! [String: Any]
            var population = state["population"] as! [String: Any]
            let rows = population["count"] as! Int
            population["objectives"] = Self.base64([Double](repeating: .nan, count: rows * 2))
            state["population"] = population
            object["state"] = state
        }
        #expect(message?.contains("NaN") == true)
    }

    @Test func negativeRanksAreRefused() throws {
        let message = try resumeAfterEditing { object in
            var state = object["state"] as! [String: Any]
            var ranks = state["ranks"] as! [Int]
            ranks[0] = -3
            state["ranks"] = ranks
            object["state"] = state
        }
        #expect(message?.contains("rank") == true)
    }

    @Test func negativeEvaluationsAreRefused() throws {
        let message = try resumeAfterEditing { object in object["evaluations"] = -5 }
        #expect(message?.contains("negative") == true)
    }

    @Test func decisionsOutsideTheBoundsAreRefused() throws {
        let message = try resumeAfterEditing("random-search") { object in
            var state = object["state"] as! [String: Any]
            var archive = state["archive"] as! [String: Any]
            let rows = archive["count"] as! Int
            archive["decisions"] = Self.base64([Double](repeating: 7, count: rows * 5))
            state["archive"] = archive
            object["state"] = state
        }
        #expect(message?.contains("bounds") == true)
    }

    @Test func missingOrShortHistoryFileIsRefused() throws {
        let message = try resumeAfterEditing { object in object["historyCount"] = 50 }
        #expect(message?.contains("run-history.csv holds 2 history rows; the checkpoint needs 50") == true, "\(message ?? "")")
    }

    @Test func generatorDecodingRefusesTheZeroStateOnly() throws {
        let zero = Data(#"{"s0":0,"s1":0,"s2":0,"s3":0,"key":7}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SeededGenerator.self, from: zero) }
        var generator = SeededGenerator(seed: 3)
        _ = generator.next()
        let copy = try JSONDecoder().decode(SeededGenerator.self, from: JSONEncoder().encode(generator))
        #expect(copy == generator)
    }
}

/// Checkpoints append to the history instead of rewriting it, and resume exactly.
@Suite struct CheckpointHistoryTests {
    @Test func historyFileHoldsEachRowOnceAndResumeDropsRowsPastTheCheckpoint() throws {
        let problem = try ZDT(.zdt1, variables: 5)
        let dir = try CheckpointTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("run.json")
        let settings = AlgorithmSettings(populationSize: 8)
        let make = { try OptimizerRegistry.make(name: "random-search", settings: settings, problem: problem) }
        let full = try make().minimize(problem: problem, termination: .generations(30), seed: 4)
        _ = try make().minimize(problem: problem, termination: .generations(12), seed: 4,
                                options: RunOptions(checkpoint: try CheckpointPolicy(url: file, every: 5)))
        let historyFile = CheckpointHistory.url(for: file)
        var lines = try String(contentsOf: historyFile, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1 + 12)
        #expect(lines.dropFirst().map { Int($0.split(separator: ",")[0]) } == Array(1...12))
        // A run killed after appending rows but before replacing the JSON: the extra rows are ignored.
        lines.append("13,104,3,,0.5")
        try (lines.joined(separator: "\n") + "\n").write(to: historyFile, atomically: true, encoding: .utf8)
        let resumed = try make().minimize(problem: problem, termination: .generations(30), seed: 4,
                                          options: RunOptions(checkpoint: try CheckpointPolicy(url: file, every: 5), resumeFrom: file))
        #expect(resumed.front == full.front)
        #expect(resumed.history.map(\.evaluations) == full.history.map(\.evaluations))
        let after = try String(contentsOf: historyFile, encoding: .utf8).split(separator: "\n")
        #expect(after.count == 1 + 30)
    }
}
