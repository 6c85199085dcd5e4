import Foundation
import Testing
import NumericCore
import ParetoCore
import ParetoOptimizers
import Recommender
@testable import Scenarios

/// Experiments with three objectives (`data.objectives: 3`): configuration, and a run of the
/// reference-direction methods, EHVI and a gradient weighting end to end.
@Suite(.serialized) struct ThreeObjectiveExperimentTests {
    static let config = """
    name: three
    scenario: video
    data:
      source: synthetic
      rows: 5000
      objectives: 3
    seeds: [1]
    model:
      hidden: 8
      epochs: 3
      batch-size: 256
    methods:
      - name: nsga3
        evaluations: 8
        population: 4
      - name: moead
        evaluations: 8
        population: 4
      - name: ehvi
        evaluations: 7
      - name: mgda
        preferences: 2
    """

    @Test func threeObjectivesSetTheReferencePointAndAreValidated() throws {
        let c = try ExperimentConfig.parse(Self.config)
        #expect(c.objectiveCount == 3 && c.reference == [0.5, 0.5, 0.5])
        let wrongReference = Self.config.replacingOccurrences(of: "seeds: [1]", with: "seeds: [1]\nreference: [0.5, 0.5]")
        #expect { try ExperimentConfig.parse(wrongReference) } throws: { e in
            let c = e as! ConfigError
            return c.line == 8 && c.message.contains("has 2 values, but the video scenario has 3 objectives (data.objectives)")
        }
        let four = Self.config.replacingOccurrences(of: "objectives: 3", with: "objectives: 4")
        #expect { try ExperimentConfig.parse(four) } throws: { e in
            let c = e as! ConfigError
            return c.line == 6 && c.message.contains("must be 2 or 3")
        }
        let census = Self.config.replacingOccurrences(of: "scenario: video", with: "scenario: census")
        #expect { try ExperimentConfig.parse(census) } throws: { ($0 as! ConfigError).message.contains("no third simulated objective") }
        // Two objectives stay the default.
        let two = try ExperimentConfig.parse(Self.config.replacingOccurrences(of: "  objectives: 3\n", with: ""))
        #expect(two.objectiveCount == 2 && two.reference == [0.5, 0.5])
    }

    @Test func everyMethodWritesThreeObjectiveFrontsWithTheirHypervolume() throws {
        let config = try ExperimentConfig.parse(Self.config)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-three-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let summary = try ExperimentRunner(config: config, outputDirectory: dir).run()
        #expect(summary.runs == 4)
        var volumes: [Double] = []
        for method in ["nsga3", "moead", "ehvi", "mgda"] {
            let run = "\(dir)/runs/\(method)/seed-1"
            let front = try FrontCSV.read(path: run + "/front.csv")
            #expect(front.objectiveNames == ["depth_auc", "watch_time_longview_auc", "like_auc"])
            #expect(front.count >= 1)
            let s = try JSONDecoder().decode(RunSummary.self, from: try #require(FileManager.default.contents(atPath: run + "/summary.json")))
            // Independent of the runner: the hypervolume of the written front against (−0.5, −0.5, −0.5).
            #expect(s.hypervolume == (try hypervolume(of: front.minimizationObjectives, reference: [-0.5, -0.5, -0.5])))
            volumes.append(s.hypervolume)
        }
        // Some method finds models better than random guessing on all three objectives (not every
        // one need: MGDA's compromise gives up watch time on this data).
        #expect(volumes.contains { $0 > 0 })
        let report = try String(contentsOfFile: summary.reportPath, encoding: .utf8)
        #expect(report.contains("like_auc"))
    }
}

/// The decision-to-weights map of the black-box adapter.
@Suite struct ObjectiveWeightMapTests {
    @Test func twoObjectivesKeepTheWeightOfTheFirst() {
        for u in [0.0, 0.25, 0.7, 1.0] { #expect(SearchSpace.objectiveWeights([u], count: 2) == [u, 1 - u]) }
        #expect(SearchSpace.objectiveWeights([-0.5], count: 2) == [0, 1])
        #expect(SearchSpace.objectiveWeights([1.5], count: 2) == [1, 0])
    }

    @Test func threeObjectivesMapTheCornersAndSumToOne() {
        #expect(SearchSpace.objectiveWeights([0, 0], count: 3) == [0, 0, 1])
        #expect(SearchSpace.objectiveWeights([1, 0.3], count: 3) == [1, 0, 0])
        #expect(SearchSpace.objectiveWeights([0, 1], count: 3) == [0, 1, 0])
        // u₀ = 3/4: v₀ = 1 − (1/4)^(1/2) = 1/2; u₁ = 1/2: v₁ = 1/2 → λ = (1/2, 1/4, 1/4).
        let w = SearchSpace.objectiveWeights([0.75, 0.5], count: 3)
        #expect(abs(w[0] - 0.5) < 1e-15 && abs(w[1] - 0.25) < 1e-15 && abs(w[2] - 0.25) < 1e-15)
    }

    @Test func uniformDecisionsGiveUniformWeightsOnTheSimplex() {
        // Uniform on the 2-simplex: each λ_k ~ Beta(1, 2), so E[λ_k] = 1/3 and P(λ_k > 1/2) = 1/4.
        var g = SeededGenerator(seed: 5)
        let n = 40_000
        var mean = [0.0, 0.0, 0.0], above = [0, 0, 0]
        for _ in 0..<n {
            let w = SearchSpace.objectiveWeights([g.nextUniform(), g.nextUniform()], count: 3)
            #expect(w.allSatisfy { $0 >= 0 } && abs(w.reduce(0, +) - 1) < 1e-12)
            for k in 0..<3 { mean[k] += w[k] / Double(n); if w[k] > 0.5 { above[k] += 1 } }
        }
        for k in 0..<3 {
            #expect(abs(mean[k] - 1.0 / 3) < 0.01)
            #expect(abs(Double(above[k]) / Double(n) - 0.25) < 0.01)
        }
    }
}

/// The searched hidden width reaches the surrogate-based optimizers as an integer variable.
@Suite(.serialized) struct RecommenderProblemIntegerWidthTests {
    @Test func theHiddenWidthIsDeclaredIntegerAndTheWeightsContinuous() throws {
        let data = try ScenarioData.make(kind: .ecommerce, syntheticRows: 500, seed: 1)
        var space = SearchSpace()
        space.log10LearningRate = -3 ... -2
        space.hidden = 3...9
        let problem = try RecommenderProblem(trainer: ScenarioTrainer(data: data, settings: ModelSettings()), searchSpace: space, runSeed: 1)
        #expect(problem.variableNames == ["weight_click", "log10_lr", "hidden"])
        #expect(variableKinds(of: problem) == [.continuous, .continuous, .integer])
        let three = try ScenarioData.make(kind: .video, syntheticRows: 500, seed: 1, objectives: 3)
        let p3 = try RecommenderProblem(trainer: ScenarioTrainer(data: three, settings: ModelSettings()), searchSpace: space, runSeed: 1)
        #expect(p3.variableNames == ["simplex_1", "simplex_2", "log10_lr", "hidden"])
        #expect(p3.lowerBounds == [0, 0, -3, 3] && p3.upperBounds == [1, 1, -2, 9])
        #expect(variableKinds(of: p3) == [.continuous, .continuous, .continuous, .integer])
        #expect(p3.request(for: [0.75, 0.5, -2.5, 4]).weights == SearchSpace.objectiveWeights([0.75, 0.5], count: 3))
    }

    @Test func surrogateMethodsProposeWholeHiddenWidths() throws {
        let text = """
        name: widths
        scenario: ecommerce
        data:
          source: synthetic
          rows: 1500
        seeds: [2]
        model:
          epochs: 1
          batch-size: 256
        search-space:
          hidden: [3, 9]
        methods:
          - name: ehvi
            evaluations: 7
          - name: parego
            evaluations: 7
        """
        let config = try ExperimentConfig.parse(text)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paretorec-widths-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ExperimentRunner(config: config, outputDirectory: dir).run()
        for method in ["ehvi", "parego"] {
            let front = try FrontCSV.read(path: "\(dir)/runs/\(method)/seed-2/front.csv")
            let column = try #require(front.decisionNames.firstIndex(of: "hidden"))
            #expect(front.count >= 1)
            for i in 0..<front.count {
                let width = front.decisions[i, column]
                #expect(width == width.rounded() && (3...9).contains(width), "\(method) proposed hidden width \(width)")
            }
        }
    }
}
