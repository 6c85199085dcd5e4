import Foundation
import Testing
import NumericCore
@testable import ParetoOptimizers

@Suite struct CheckpointTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// G generations uninterrupted vs. G/2, checkpoint, fresh optimizer resumes to G: same bits.
    @Test(arguments: ["nsga2", "smpso", "random-search"])
    func resumedRunEqualsUninterruptedRun(algorithm: String) throws {
        let problem = try DTLZ(.dtlz2, objectives: 3, variables: 7)
        let settings = AlgorithmSettings(populationSize: 20)
        let full = try OptimizerRegistry.make(name: algorithm, settings: settings, problem: problem)
            .minimize(problem: problem, termination: .generations(20), seed: 11)
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("run.json")
        let half = try OptimizerRegistry.make(name: algorithm, settings: settings, problem: problem)
            .minimize(problem: problem, termination: .generations(10), seed: 11,
                      options: RunOptions(checkpoint: try CheckpointPolicy(url: file, every: 5)))
        #expect(half.iterations == 10)
        let resumed = try OptimizerRegistry.make(name: algorithm, settings: settings, problem: problem)
            .minimize(problem: problem, termination: .generations(20), seed: 11,
                      options: RunOptions(parallelism: 3, resumeFrom: file))
        #expect(resumed.iterations == 20)
        #expect(resumed.evaluations == full.evaluations)
        #expect(resumed.front == full.front)
        #expect(resumed.population == full.population)
        #expect(resumed.history.map(\.frontSize) == full.history.map(\.frontSize))
        let bits = { (p: Population) in p.objectives.storage.map(\.bitPattern) + p.decisions.storage.map(\.bitPattern) }
        #expect(bits(resumed.front) == bits(full.front))
    }

    @Test func corruptMissingOrForeignCheckpointsAreClearErrors() throws {
        let problem = try ZDT(.zdt1, variables: 5)
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("run.json")
        func resume(_ algorithm: String = "nsga2", seed: UInt64 = 1, population: Int = 10, problem: any Problem = problem) throws {
            _ = try OptimizerRegistry.make(name: algorithm, settings: AlgorithmSettings(populationSize: population), problem: problem)
                .minimize(problem: problem, termination: .generations(4), seed: seed, options: RunOptions(resumeFrom: file))
        }
        #expect(throws: OptimizerError.self) { try resume() }  // missing
        try Data("{\"formatVersion\": 1, \"algorithm\": \"nsga2\", \"sta".utf8).write(to: file)
        #expect(throws: OptimizerError.self) { try resume() }  // truncated
        _ = try OptimizerRegistry.make(name: "nsga2", settings: AlgorithmSettings(populationSize: 10), problem: problem)
            .minimize(problem: problem, termination: .generations(2), seed: 1,
                      options: RunOptions(checkpoint: try CheckpointPolicy(url: file, every: 1)))
        try resume()  // valid
        #expect(throws: OptimizerError.self) { try resume("smpso") }
        #expect(throws: OptimizerError.self) { try resume(seed: 2) }
        #expect(throws: OptimizerError.self) { try resume(population: 12) }
        #expect(throws: OptimizerError.self) { try resume(problem: try ZDT(.zdt2, variables: 5)) }
        // A flipped byte inside the base64 population.
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"decisions\":\"", with: "\"decisions\":\"%")
        try Data(text.utf8).write(to: file)
        do { try resume(); Issue.record("corrupt checkpoint accepted") } catch let error as OptimizerError {
            #expect(error.description.contains("corrupt"))
        }
        #expect(throws: OptimizerError.self) { try CheckpointPolicy(url: file, every: 0) }
    }
}
