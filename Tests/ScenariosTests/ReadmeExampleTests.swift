import Testing
import ParetoCore
import ParetoOptimizers

/// The README's library example, compiled and run (with a smaller budget).
@Suite struct ReadmeExampleTests {
    @Test func readmeLibraryExampleRuns() throws {
        let problem = try TestProblems.make(name: "zdt1")
        let optimizer = try OptimizerRegistry.make(name: "nsga2", settings: AlgorithmSettings(populationSize: 20), problem: problem)
        let result = try optimizer.minimize(problem: problem, termination: .evaluations(4_000), seed: 1,
                                            options: RunOptions(parallelism: 2, hypervolumeReference: [1.1, 1.1]))
        let hv = try hypervolume(of: result.front.objectives, reference: [1.1, 1.1])
        let ranks = nondominatedRanks(of: result.population.objectives)
        #expect(hv > 0 && hv < 1.1 * 1.1)
        #expect(ranks.count == result.population.count && ranks.contains(0))
    }
}
