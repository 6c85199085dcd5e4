import Foundation
import Testing
import NumericCore
import ParetoCore
@testable import ParetoOptimizers

/// A bi-objective problem with one integer variable (x₂ ∈ {0 … 6}).
struct MixedIntegerToy: MixedIntegerProblem {
    var name: String { "mixed-integer-toy" }
    var objectiveCount: Int { 2 }
    var lowerBounds: [Double] { [0, 0] }
    var upperBounds: [Double] { [1, 6] }
    var variableKinds: [VariableKind] { [.continuous, .integer] }
    func evaluate(_ x: [Double]) throws -> [Double] {
        let k = x[1].rounded()
        return [x[0] + 0.1 * abs(k - 2), 1 - x[0] + 0.1 * abs(k - 4)]
    }
}

/// ParEGO, EHVI and NEHVI through the registry: budgets, determinism, resume, errors, quality.
@Suite struct BayesianOptimizerTests {
    static let algorithms = ["parego", "ehvi", "nehvi"]

    @Test(arguments: algorithms)
    func runsThroughTheRegistryAtASmallBudget(algorithm: String) throws {
        let problem = try ZDT(.zdt1, variables: 3)
        let optimizer = try OptimizerRegistry.make(name: algorithm, settings: AlgorithmSettings(populationSize: nil, evaluationBudget: 11),
                                                   problem: problem)
        let result = try optimizer.minimize(problem: problem, termination: .evaluations(11), seed: 1)
        #expect(result.evaluations == 11)       // 8 Sobol points (2(n + 1)), then one proposal per iteration
        #expect(result.iterations == 4)
        #expect(result.front.count >= 1)
        #expect(result.front.decisions.storage.allSatisfy { (0...1).contains($0) })
    }

    @Test(arguments: algorithms)
    func sameSeedSameBitsAtAnyParallelismWithBatches(algorithm: String) throws {
        let problem = try ZDT(.zdt2, variables: 3)
        let settings = AlgorithmSettings(populationSize: 2)
        func run(_ threads: Int) throws -> OptimizationResult {
            try OptimizerRegistry.make(name: algorithm, settings: settings, problem: problem)
                .minimize(problem: problem, termination: .evaluations(12), seed: 5, options: RunOptions(parallelism: threads))
        }
        let one = try run(1), three = try run(3)
        #expect(one.evaluations == 12)
        #expect(one.population.count == 2)
        #expect(one.front.objectives.storage.map(\.bitPattern) == three.front.objectives.storage.map(\.bitPattern))
        #expect(one.population.decisions.storage.map(\.bitPattern) == three.population.decisions.storage.map(\.bitPattern))
        // The two proposals of a batch differ (the believer fantasy pushes the second away).
        #expect(one.population.decisions.row(0) != one.population.decisions.row(1))
    }

    @Test(arguments: algorithms)
    func resumedRunEqualsUninterruptedRun(algorithm: String) throws {
        let problem = try ZDT(.zdt3, variables: 3)
        let settings = AlgorithmSettings(populationSize: 1)
        let full = try OptimizerRegistry.make(name: algorithm, settings: settings, problem: problem)
            .minimize(problem: problem, termination: .generations(5), seed: 11)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-bo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("run.json")
        _ = try OptimizerRegistry.make(name: algorithm, settings: settings, problem: problem)
            .minimize(problem: problem, termination: .generations(3), seed: 11,
                      options: RunOptions(checkpoint: try CheckpointPolicy(url: file, every: 1)))
        let resumed = try OptimizerRegistry.make(name: algorithm, settings: settings, problem: problem)
            .minimize(problem: problem, termination: .generations(5), seed: 11, options: RunOptions(parallelism: 2, resumeFrom: file))
        #expect(resumed.evaluations == full.evaluations)
        #expect(resumed.front.objectives.storage.map(\.bitPattern) == full.front.objectives.storage.map(\.bitPattern))
        #expect(resumed.population.decisions.storage.map(\.bitPattern) == full.population.decisions.storage.map(\.bitPattern))
    }

    @Test(arguments: algorithms)
    func threeObjectiveRunsProposeInsideTheBox(algorithm: String) throws {
        let problem = try DTLZ(.dtlz2, objectives: 3, variables: 4)
        let result = try OptimizerRegistry.make(name: algorithm, problem: problem)
            .minimize(problem: problem, termination: .evaluations(11), seed: 4)
        #expect(result.evaluations == 11)
        #expect(result.population.decisions.storage.allSatisfy { (0...1).contains($0) })
        #expect(Set(result.front.decisions.rowArrays).count == result.front.count)
    }

    @Test func invalidSettingsAreClearErrors() {
        #expect(throws: OptimizerError.self) { try SurrogateSettings(batchSize: 0) }
        #expect(throws: OptimizerError.self) { try SurrogateSettings(initialDesignSize: 0) }
        #expect(throws: OptimizerError.self) { try SurrogateSettings(localCandidates: -1) }
        #expect(throws: OptimizerError.self) { try AcquisitionMaximizer(candidates: 0) }
        #expect(throws: OptimizerError.self) { try ParEGO.Configuration(rho: -0.1) }
        #expect(throws: OptimizerError.self) { try EHVI.Configuration(samples: 0) }
        #expect(throws: OptimizerError.self) {
            try OptimizerRegistry.make(name: "ehvi", settings: AlgorithmSettings(populationSize: 0), problem: try ZDT(.zdt1, variables: 3))
        }
    }

    @Test func integerVariablesAreProposedAsIntegers() throws {
        let result = try OptimizerRegistry.make(name: "ehvi", problem: MixedIntegerToy())
            .minimize(problem: MixedIntegerToy(), termination: .evaluations(9), seed: 2)
        #expect(result.front.decisions.rowArrays.allSatisfy { $0[1] == $0[1].rounded() })
    }

    /// Hypervolume (reference 1.1, 1.1) on ZDT1 with 3 variables after 16 evaluations, median of 3 seeds.
    static func medianHypervolume(_ algorithm: String) throws -> Double {
        let problem = try ZDT(.zdt1, variables: 3)
        let values = try (1...3).map { seed -> Double in
            let r = try OptimizerRegistry.make(name: algorithm, settings: AlgorithmSettings(populationSize: algorithm == "random-search" ? 1 : nil),
                                               problem: problem)
                .minimize(problem: problem, termination: .evaluations(16), seed: UInt64(seed))
            return try hypervolume(of: r.front.objectives, reference: [1.1, 1.1])
        }
        return values.sorted()[1]
    }

    /// The reference point bounds every observation, so a candidate beyond the extremes of a
    /// one-point front still improves the hypervolume.
    @Test func inferredReferenceBoundsEveryObservationAndRewardsAnImprovingPoint() throws {
        let observed = try Matrix([[0.0, 1.0], [0.9, 4.0], [0.3, 5.0]])
        let reference = EHVI.reference(observed: observed)
        #expect(abs(reference[0] - (0.9 + 0.1 * 0.9)) < 1e-12)
        #expect(abs(reference[1] - (5.0 + 0.1 * 4.0)) < 1e-12)
        // Only (0, 1) is non-dominated; the nearly certain point (0.5, 0.3) adds the box
        // [0.5, 0.99] × [0.3, 1] = 0.49 · 0.7 (the front's reference-nadir heuristic, (0.09, 1.4),
        // gave it nothing).
        let ehvi = try ExpectedHypervolumeImprovement(front: Matrix([[0.0, 1.0]]), reference: reference)
        let value = try ehvi.value(mean: [0.5, 0.3], deviation: [1e-9, 1e-9]).value
        #expect(abs(value - 0.49 * 0.7) < 1e-8)
        // A degenerate objective (all equal) gets 10 % of its magnitude, then 1.
        #expect(EHVI.reference(observed: try Matrix([[2.0, 0.0], [2.0, 0.0]])) == [2.2, 1.0])
    }

    /// EHVI and NEHVI leave the first corner of ZDT2 (where a reference at the front's nadir kept
    /// them: hypervolume 0.11 after 50 evaluations): median over 3 seeds after 20 evaluations.
    @Test(arguments: ["ehvi", "nehvi"])
    func hypervolumeMethodsSpreadAlongTheZDT2Front(algorithm: String) throws {
        let problem = try ZDT(.zdt2, variables: 4)
        let values = try (1...3).map { seed -> Double in
            let r = try OptimizerRegistry.make(name: algorithm, problem: problem)
                .minimize(problem: problem, termination: .evaluations(20), seed: UInt64(seed))
            return try hypervolume(of: r.front.objectives, reference: [1.1, 1.1])
        }
        let median = values.sorted()[1]
        #expect(median > 0.3, "\(algorithm): \(values)")
    }

    @Test func surrogatesBeatRandomSearchOnZDT1AtSixteenEvaluations() throws {
        let random = try Self.medianHypervolume("random-search")
        for algorithm in Self.algorithms {
            let hv = try Self.medianHypervolume(algorithm)
            #expect(hv > random, "\(algorithm): \(hv) vs random search \(random)")
        }
    }
}
