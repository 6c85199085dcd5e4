import Foundation
import Testing
import NumericCore
@testable import ParetoOptimizers

/// A counting observer (class so the test can read what it saw).
final class RecordingObserver: OptimizationObserver {
    var rows: [HistoryRow] = []
    var frontSizes: [Int] = []
    func observe(_ row: HistoryRow, front: Population) { rows.append(row); frontSizes.append(front.count) }
}

@Suite struct DriverTests {
    let zdt1 = try! ZDT(.zdt1, variables: 12)

    @Test func generationsCountInitializationAsTheFirstIteration() throws {
        let observer = RecordingObserver()
        let result = try minimize(problem: zdt1, optimizer: NSGA2(configuration: .init(populationSize: 20)),
                                  termination: .generations(5), seed: 1, observers: [observer])
        #expect(result.iterations == 5)
        #expect(result.evaluations == 20 * 5)
        #expect(observer.rows.map(\.iteration) == [1, 2, 3, 4, 5])
        #expect(observer.rows.map(\.evaluations) == [20, 40, 60, 80, 100])
        #expect(observer.rows == result.history)
        #expect(observer.frontSizes == result.history.map(\.frontSize))
        #expect(result.population.count == 20)
        #expect(result.front.count == result.history.last!.frontSize)
        #expect(result.stoppedBy == .generations(5))
        #expect(result.history.allSatisfy { $0.hypervolume == nil })
    }

    @Test func evaluationBudgetAndAnyOfTermination() throws {
        let result = try minimize(problem: zdt1, optimizer: NSGA2(configuration: .init(populationSize: 10)),
                                  termination: .evaluations(55) || .generations(100), seed: 2)
        #expect(result.evaluations == 60)  // stops at the first iteration reaching the budget
        #expect(result.stoppedBy == .evaluations(55))
        #expect(throws: OptimizerError.self) { try Termination(anyOf: []) }
        #expect(throws: OptimizerError.self) { try Termination(anyOf: [.generations(0)]) }
        #expect(throws: OptimizerError.self) { try Termination(anyOf: [.wallTime(seconds: -1)]) }
        #expect(throws: OptimizerError.self) { try NSGA2.Configuration(populationSize: 0) }
    }

    @Test func wallTimeStopsALongRun() throws {
        let result = try minimize(problem: zdt1, optimizer: RandomSearch(configuration: .init(batchSize: 10)),
                                  termination: .wallTime(seconds: 0.05) || .generations(10_000_000), seed: 4)
        #expect(result.stoppedBy == .wallTime(seconds: 0.05))
        #expect(result.elapsedSeconds >= 0.05)
        #expect(result.iterations < 10_000_000)
    }

    @Test func hypervolumeIsRecordedAndStagnationStops() throws {
        let reference = [1.1, 1.1]
        let result = try minimize(problem: zdt1, optimizer: NSGA2(configuration: .init(populationSize: 20)),
                                  termination: .hypervolumeStagnation(reference: reference, window: 3, tolerance: 10) || .generations(50),
                                  seed: 3)
        // Any gain is below the tolerance 10 (hypervolume ≤ 1.21), so it stops after window + 1 rows.
        #expect(result.iterations == 4)
        #expect(result.history.allSatisfy { ($0.hypervolume ?? -1) >= 0 && ($0.hypervolume ?? 2) <= 1.21 })
        #expect(throws: OptimizerError.self) {
            try minimize(problem: zdt1, optimizer: NSGA2(configuration: .init(populationSize: 20)), termination: .generations(2),
                         seed: 3, options: RunOptions(hypervolumeReference: [1, 1, 1]))
        }
    }

    /// Every registered algorithm (the registry is iterated, so algorithms added later are covered),
    /// at thread counts that do and do not divide the batch of 7.
    @Test(arguments: OptimizerRegistry.algorithms.map(\.name))
    func sameSeedGivesTheSameBitsAtAnyParallelism(algorithm: String) throws {
        let problem = try ZDT(.zdt1, variables: 3)
        let optimizer = try OptimizerRegistry.make(name: algorithm, settings: AlgorithmSettings(populationSize: 7), problem: problem)
        let runs = try [1, 2, 3, 4, 7, 16].map { threads in
            try optimizer.minimize(problem: problem, termination: .generations(6), seed: 42, options: RunOptions(parallelism: threads))
        }
        let bits = { (p: Population) in p.objectives.storage.map(\.bitPattern) + p.decisions.storage.map(\.bitPattern) }
        for run in runs.dropFirst() {
            #expect(bits(run.front) == bits(runs[0].front))
            #expect(bits(run.population) == bits(runs[0].population))
            #expect(run.evaluations == runs[0].evaluations)
        }
    }

    @Test func registryKnowsNamesAliasesAndRejectsUnknownOnes() throws {
        #expect(OptimizerRegistry.names.starts(with: ["nsga2", "smpso", "random-search"]))
        #expect(try OptimizerRegistry.entry(named: "MOPSO").name == "smpso")
        #expect(throws: OptimizerError.self) { try OptimizerRegistry.entry(named: "simulated-annealing") }
        #expect(throws: OptimizerError.self) {
            try OptimizerRegistry.make(name: "nsga2", settings: AlgorithmSettings(populationSize: 0), problem: zdt1)
        }
    }

    @Test func randomSearchKeepsTheNondominatedSetOfAllItSaw() throws {
        let result = try OptimizerRegistry.make(name: "random-search", settings: AlgorithmSettings(populationSize: 30), problem: zdt1)
            .minimize(problem: zdt1, termination: .generations(4), seed: 7)
        #expect(result.evaluations == 120)
        // No member of the front is dominated by any point of the last batch.
        for i in 0..<result.front.count {
            for k in 0..<result.population.count {
                let a = result.population.objectives.row(k), b = result.front.objectives.row(i)
                #expect(!(zip(a, b).allSatisfy { $0 <= $1 } && zip(a, b).contains { $0 < $1 }))
            }
        }
    }

    @Test func unsupportedProblemsAreRefused() throws {
        struct BadBounds: Problem {
            var name: String { "bad" }
            var objectiveCount: Int { 2 }
            var lowerBounds: [Double] { [1] }
            var upperBounds: [Double] { [0] }
            func evaluate(_ x: [Double]) throws -> [Double] { [0, 0] }
        }
        #expect(throws: OptimizerError.self) {
            try minimize(problem: BadBounds(), optimizer: NSGA2(configuration: .init()), termination: .generations(2), seed: 1)
        }
        struct WrongLength: Problem {
            var name: String { "wrong" }
            var objectiveCount: Int { 2 }
            var lowerBounds: [Double] { [0] }
            var upperBounds: [Double] { [1] }
            func evaluate(_ x: [Double]) throws -> [Double] { [0] }
        }
        #expect(throws: OptimizerError.self) {
            try minimize(problem: WrongLength(), optimizer: NSGA2(configuration: .init(populationSize: 4)), termination: .generations(2), seed: 1,
                         options: RunOptions(parallelism: 2))
        }
    }
}
