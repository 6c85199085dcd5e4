import Foundation
import Testing
import NumericCore
import ParetoCore
@testable import ParetoOptimizers

/// NSGA-III and MOEA/D: reference directions, survival by hand, registry runs, determinism, resume.
@Suite struct ManyObjectiveTests {
    static let algorithms = ["nsga3", "moead", "moead-pbi"]

    @Test func twoLayerDirectionsHaveThePapersCountAndAShrunkInnerLayer() throws {
        let w = try twoLayerDirections(objectives: 8, outerDivisions: 3, innerDivisions: 2)
        #expect(w.rows == 120 + 36)  // C(10, 7) + C(9, 7), Deb & Jain 2014 Table I
        for i in 0..<w.rows { #expect(abs(w.row(i).reduce(0, +) - 1) < 1e-12) }
        for i in 120..<w.rows { #expect(w.row(i).allSatisfy { $0 >= 1.0 / 16 - 1e-15 }) }
    }

    @Test func survivalKeepsOneMemberPerDirectionAndTheClosestInAnEmptyNiche() throws {
        // Directions (1,0), (½,½), (0,1); (0, 1) and (0.1, 0.9) share the (0,1) niche, the closer one survives.
        let w = try Matrix([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]])
        let f = try Matrix([[0.0, 1.0], [0.1, 0.9], [0.5, 0.5], [1.0, 0.0]])
        for seed in 0..<5 {
            var rng = SeededGenerator(seed: UInt64(seed))
            var memory = ReferenceDirectionSurvival.Memory(objectives: 2)
            let kept = ReferenceDirectionSurvival.select(f, count: 3, directions: w, memory: &memory, rng: &rng)
            #expect(Set(kept) == [0, 2, 3])
            #expect(memory.ideal == [0, 0])
        }
        // A dominated row goes first when the first front is large enough.
        var rng = SeededGenerator(seed: 1), memory = ReferenceDirectionSurvival.Memory(objectives: 2)
        let g = try Matrix([[0.0, 1.0], [2.0, 2.0], [1.0, 0.0]])
        #expect(Set(ReferenceDirectionSurvival.select(g, count: 2, directions: w, memory: &memory, rng: &rng)) == [0, 2])
        #expect(ReferenceDirectionSurvival.solve([[2, 1], [1, 3]], [3, 5])!.enumerated().allSatisfy { abs($0.element - [0.8, 1.4][$0.offset]) < 1e-12 })
        #expect(ReferenceDirectionSurvival.solve([[1, 2], [2, 4]], [1, 1]) == nil)
    }

    @Test func scalarizationsByHand() {
        let z = [0.0, 0.0]
        #expect(MOEAD.Decomposition.tchebycheff.value([0.4, 0.2], [0.25, 0.75], z) == max(0.25 * 0.4, 0.75 * 0.2))
        // PBI with w = (1, 1)/‖·‖: d₁ = (0.4 + 0.2)/√2, d₂ = |0.4 − 0.2|/√2.
        let g = MOEAD.Decomposition.penaltyBoundaryIntersection(theta: 5).value([0.4, 0.2], [0.5, 0.5], z)
        #expect(abs(g - (0.6 / 2.0.squareRoot() + 5 * 0.2 / 2.0.squareRoot())) < 1e-12)
    }

    @Test(arguments: algorithms)
    func convergesOnThreeObjectiveDTLZ2(algorithm: String) throws {
        let problem = try DTLZ(.dtlz2, objectives: 3, variables: 7)
        let result = try OptimizerRegistry.make(name: algorithm, problem: problem)
            .minimize(problem: problem, termination: .generations(60), seed: 3)
        #expect(result.population.count >= 91)
        // The true front's hypervolume (ref 1.1³) is 1.1³ − π/6 ≈ 0.8074; 91 well-spread points reach about 0.74.
        let hv = try hypervolume(of: result.front.objectives, reference: [1.1, 1.1, 1.1])
        #expect(hv > 0.68, "\(algorithm): \(hv)")
        let igd = try invertedGenerationalDistance(of: result.front.objectives, referenceFront: problem.paretoFront(points: 500))
        #expect(igd < 0.1, "\(algorithm): IGD \(igd)")
    }

    /// On DTLZ2's front (the positive unit sphere) with ideal point 0, max_k w_k f_k is smallest where
    /// all w_k f_k are equal: at f*(w) = (1/w) / ‖1/w‖, with value g*(w) = 1 / ‖1/w‖ (by hand). For every
    /// interior Das–Dennis weight (all w_k ≥ 1/12) MOEA/D must hold a solution whose scalarized value is
    /// close to g*(w). The optima lie along 1/w, not along w, which is why the method's IGD measured at
    /// the Das–Dennis points (where NSGA-III aims) stays large however well it converges.
    @Test func tchebycheffMOEADReachesEachSubproblemsClosedFormOptimumOnDTLZ2() throws {
        let problem = try DTLZ(.dtlz2, objectives: 3, variables: 7)
        let result = try OptimizerRegistry.make(name: "moead", problem: problem)
            .minimize(problem: problem, termination: .generations(150), seed: 5)
        let f = result.population.objectives
        func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot() }
        var gaps: [Double] = [], atOptima: [Double] = [], atDirections: [Double] = []
        for a in 1...10 {
            for b in 1...(11 - a) {
                let w = [Double(a), Double(b), Double(12 - a - b)].map { $0 / 12 }
                let inverse = w.map { 1 / $0 }
                let inverseNorm = inverse.reduce(0) { $0 + $1 * $1 }.squareRoot()
                let best = (0..<f.rows).map { i in zip(f.row(i), w).map { $0 * $1 }.max()! }.min()!
                gaps.append((best - 1 / inverseNorm) * inverseNorm)
                let optimum = inverse.map { $0 / inverseNorm }
                let wNorm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
                let direction = w.map { $0 / wNorm }
                atOptima.append((0..<f.rows).map { distance(f.row($0), optimum) }.min()!)
                atDirections.append((0..<f.rows).map { distance(f.row($0), direction) }.min()!)
            }
        }
        #expect(gaps.count == 55)
        let sorted = gaps.sorted()
        #expect(sorted[0] > -1e-9, "no point can beat the optimum: \(sorted[0])")
        #expect(sorted[27] < 0.005, "median relative gap to g*(w): \(sorted[27])")
        #expect(sorted[54] < 0.03, "largest relative gap to g*(w): \(sorted[54])")
        let meanAtOptima = atOptima.reduce(0, +) / 55, meanAtDirections = atDirections.reduce(0, +) / 55
        #expect(meanAtOptima < 0.02 && meanAtDirections > 0.04, "\(meanAtOptima) \(meanAtDirections)")
    }

    /// One child replaces solutions only in its own subproblem's neighbourhood (Zhang & Li's step 2.5), also
    /// after mating with the whole population (δ = 0): after one generation no child occupies more than
    /// T = 20 subproblems.
    @Test func aChildReplacesAtMostItsNeighbourhood() throws {
        let problem = try DTLZ(.dtlz2, objectives: 3, variables: 7)
        let optimizer = MOEAD(configuration: try MOEAD.Configuration(neighbourMatingProbability: 0))
        for seed in [1, 2, 3] as [UInt64] {
            var evaluator = Evaluator(problem: problem)
            var state = try optimizer.initialize(evaluator: &evaluator, rng: SeededGenerator(seed: seed))
            let children = try optimizer.ask(&state)
            let evaluated = try evaluator.evaluate(children)
            try optimizer.tell(&state, evaluated: evaluated)
            var copies: [[UInt64]: Int] = [:]
            for i in 0..<state.population.count { copies[state.population.decisions.row(i).map(\.bitPattern), default: 0] += 1 }
            #expect(copies.values.max()! <= 20, "seed \(seed): \(copies.values.max()!)")
        }
    }

    @Test(arguments: algorithms)
    func sameBitsAtAnyParallelismAndAfterResume(algorithm: String) throws {
        let problem = try DTLZ(.dtlz1, objectives: 3, variables: 7)
        func make() throws -> AnyOptimizer { try OptimizerRegistry.make(name: algorithm, problem: problem) }
        let full = try make().minimize(problem: problem, termination: .generations(6), seed: 8)
        let threaded = try make().minimize(problem: problem, termination: .generations(6), seed: 8, options: RunOptions(parallelism: 3))
        #expect(full.population.objectives.storage.map(\.bitPattern) == threaded.population.objectives.storage.map(\.bitPattern))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-mo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("run.json")
        _ = try make().minimize(problem: problem, termination: .generations(3), seed: 8,
                                options: RunOptions(checkpoint: try CheckpointPolicy(url: file, every: 1)))
        let resumed = try make().minimize(problem: problem, termination: .generations(6), seed: 8, options: RunOptions(resumeFrom: file))
        #expect(resumed.population.decisions.storage.map(\.bitPattern) == full.population.decisions.storage.map(\.bitPattern))
        #expect(resumed.front.objectives.storage.map(\.bitPattern) == full.front.objectives.storage.map(\.bitPattern))
    }

    @Test func twoObjectiveRunsAtATenEvaluationBudget() throws {
        let problem = try ZDT(.zdt1, variables: 4)
        for algorithm in Self.algorithms {
            let r = try OptimizerRegistry.make(name: algorithm, settings: AlgorithmSettings(populationSize: 8, evaluationBudget: 10), problem: problem)
                .minimize(problem: problem, termination: .evaluations(10), seed: 1)
            #expect(r.evaluations >= 10 && r.front.count >= 1, "\(algorithm)")
        }
    }

    @Test func invalidSettingsAreClearErrors() {
        #expect(throws: OptimizerError.self) { try NSGA3.Configuration(populationSize: 2) }
        #expect(throws: OptimizerError.self) { try NSGA3.Configuration(divisions: [3, 2, 1]) }
        #expect(throws: OptimizerError.self) { try NSGA3.Configuration(divisions: [0]) }
        #expect(throws: OptimizerError.self) { try MOEAD.Configuration(neighbours: 1) }
        #expect(throws: OptimizerError.self) { try MOEAD.Configuration(neighbourMatingProbability: 1.5) }
        #expect(throws: OptimizerError.self) { try MOEAD.Configuration(decomposition: .penaltyBoundaryIntersection(theta: -1)) }
    }
}
