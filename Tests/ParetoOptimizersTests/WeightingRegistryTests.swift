import Foundation
import Testing
import NumericCore
@testable import ParetoOptimizers

/// Every registered weighting, through the registry and `WeightingRun`, on random and degenerate inputs.
@Suite struct WeightingRegistryTests {
    typealias S = WeightingTestSupport

    static func settings(_ entry: RegisteredWeighting, objectives k: Int) -> WeightingSettings {
        entry.usesPreferences
            ? WeightingSettings(objectives: k, preferences: entry.preferenceSet(3, k), preferenceIndex: 1)
            : WeightingSettings(objectives: k)
    }

    @Test func registryNamesAndAliasesAreUniqueAndLookUpTheirEntry() throws {
        let all = WeightingRegistry.methods.flatMap { [$0.name] + $0.aliases }
        #expect(Set(all).count == all.count, "duplicates: \(all)")
        #expect(WeightingRegistry.methods.count >= 18)
        for entry in WeightingRegistry.methods {
            #expect(entry.name == entry.name.lowercased())
            for key in [entry.name] + entry.aliases { #expect(WeightingRegistry.lookup(key.uppercased())?.name == entry.name) }
            #expect(!entry.paper.isEmpty && !entry.summary.isEmpty)
        }
        for name in ["epo", "pcgrad", "cagrad", "nash-mtl", "imtl-g", "aligned-mtl", "upgrad", "dualproj",
                     "gradnorm", "dwa", "uncertainty", "rlw", "famo", "equal", "linear", "mgda", "pareto-mtl"] {
            #expect(WeightingRegistry.lookup(name) != nil, "\(name) registered")
        }
    }

    @Test func everyMethodReturnsKFiniteWeightsOnRandomInputsForFiftySteps() throws {
        for entry in WeightingRegistry.methods {
            for k in [1, 2, 3, 5] {
                let run = try entry.make(Self.settings(entry, objectives: k), SeededGenerator(seed: 11))
                var rng = SeededGenerator(seed: UInt64(k))
                for step in 0..<50 {
                    let j = S.jacobian(k, 2 + step % 12, rng: &rng)
                    let losses = (0..<k).map { _ in rng.nextUniform(in: 0.05, 3) }
                    let w = try run.weights(WeightingInput(gram: j.gram(), losses: losses, step: step, epoch: 1 + step / 10))
                    #expect(w.count == k && w.allSatisfy(\.isFinite), "\(entry.name) K = \(k) step \(step): \(w)")
                }
                _ = try run.stateJSON()
            }
        }
    }

    /// Zero Gram matrix, one zero gradient, duplicated gradients, more objectives than dimensions,
    /// zero losses, and huge/tiny scales.
    static func degenerateInputs() throws -> [(String, WeightingInput)] {
        var cases: [(String, WeightingInput)] = []
        for k in [1, 2, 3, 5] {
            let ones = [Double](repeating: 1, count: k)
            cases.append(("zero Gram K=\(k)", WeightingInput(gram: Matrix(rows: k, columns: k), losses: ones)))
            var rng = SeededGenerator(seed: UInt64(k))
            var j = S.jacobian(k, 4, rng: &rng)
            for c in 0..<4 { j[0, c] = 0 }
            cases.append(("one zero gradient K=\(k)", WeightingInput(gram: j.gram(), losses: ones)))
            var dup = S.jacobian(k, 6, rng: &rng)
            for c in 0..<6 { dup[k - 1, c] = dup[0, c] }
            cases.append(("duplicate gradients K=\(k)", WeightingInput(gram: dup.gram(), losses: ones)))
            let flat = S.jacobian(k, 1, rng: &rng)
            cases.append(("rank one K=\(k)", WeightingInput(gram: flat.gram(), losses: ones)))
            cases.append(("zero losses K=\(k)", WeightingInput(gram: S.jacobian(k, 8, rng: &rng).gram(), losses: [Double](repeating: 0, count: k))))
            var huge = S.jacobian(k, 8, rng: &rng).gram()
            huge.storage = huge.storage.map { $0 * 1e12 }
            cases.append(("huge scale K=\(k)", WeightingInput(gram: huge, losses: ones.map { $0 * 1e6 })))
            var tiny = S.jacobian(k, 8, rng: &rng).gram()
            tiny.storage = tiny.storage.map { $0 * 1e-14 }
            cases.append(("tiny scale K=\(k)", WeightingInput(gram: tiny, losses: ones.map { $0 * 1e-6 })))
        }
        return cases
    }

    @Test func everyMethodReturnsFiniteWeightsOnDegenerateInputs() throws {
        let inputs = try Self.degenerateInputs()
        for entry in WeightingRegistry.methods {
            for (label, input) in inputs {
                let run = try entry.make(Self.settings(entry, objectives: input.objectiveCount), SeededGenerator(seed: 2))
                for _ in 0..<3 {  // a few calls, so learned state sees the input too
                    let w = try run.weights(input)
                    #expect(w.count == input.objectiveCount && w.allSatisfy(\.isFinite), "\(entry.name) on \(label): \(w)")
                }
            }
        }
    }

    @Test func sameGeneratorGivesTheSameWeightsAndState() throws {
        for entry in WeightingRegistry.methods {
            let k = 3
            let a = try entry.make(Self.settings(entry, objectives: k), SeededGenerator(seed: 7))
            let b = try entry.make(Self.settings(entry, objectives: k), SeededGenerator(seed: 7))
            var rng = SeededGenerator(seed: 8)
            for step in 0..<20 {
                let j = S.jacobian(k, 6, rng: &rng)
                let input = WeightingInput(gram: j.gram(), losses: (0..<k).map { _ in rng.nextUniform(in: 0.1, 2) }, step: step, epoch: 1 + step / 5)
                let wa = try a.weights(input), wb = try b.weights(input)
                #expect(wa == wb, "\(entry.name) step \(step)")
            }
            // JSONEncoder's key order is not fixed on Linux: compare the decoded objects.
            let sa = try JSONSerialization.jsonObject(with: a.stateJSON()) as? NSObject
            let sb = try JSONSerialization.jsonObject(with: b.stateJSON()) as? NSObject
            #expect(sa != nil && sa == sb, "\(entry.name) state")
        }
    }

    @Test func randomizedMethodsDependOnTheGenerator() throws {
        for name in ["rlw", "pcgrad"] {
            let entry = try WeightingRegistry.entry(named: name)
            let k = 5
            let a = try entry.make(WeightingSettings(objectives: k), SeededGenerator(seed: 1))
            let b = try entry.make(WeightingSettings(objectives: k), SeededGenerator(seed: 2))
            var rng = SeededGenerator(seed: 3)
            var differs = false
            for _ in 0..<20 {
                let j = S.jacobian(k, 3, rng: &rng)  // n < K: many conflicts, order matters for PCGrad
                let input = WeightingInput(gram: j.gram(), losses: [Double](repeating: 1, count: k))
                if try a.weights(input) != b.weights(input) { differs = true }
            }
            #expect(differs, "\(name) draws from its generator")
        }
    }

    @Test func invalidConfigurationsAreRejected() throws {
        func rejects(_ body: () throws -> Void) -> Bool {
            do { try body(); return false } catch OptimizerError.invalidConfiguration { return true } catch { return false }
        }
        #expect(rejects { _ = try CAGradWeighting.Configuration(c: -0.1) })
        #expect(rejects { _ = try CAGradWeighting.Configuration(c: .nan) })
        #expect(rejects { _ = try EPOWeighting.Configuration(preference: [0.5, 0]) })
        #expect(rejects { _ = try EPOWeighting.Configuration(preference: [0.5, 0.5], tolerance: -1) })
        #expect(rejects { _ = try NashMTLWeighting.Configuration(maxNorm: -1) })
        #expect(rejects { _ = try NashMTLWeighting.Configuration(updateEvery: 0) })
        #expect(rejects { _ = try UPGradWeighting.Configuration(preference: [-1, 1]) })
        #expect(rejects { _ = try DualProjWeighting.Configuration(preference: nil, regularization: -1) })
        #expect(rejects { _ = try AlignedMTLWeighting.Configuration(preference: [.infinity]) })
        #expect(rejects { _ = try GradNormWeighting.Configuration(alpha: -1) })
        #expect(rejects { _ = try GradNormWeighting.Configuration(learningRate: 0) })
        #expect(rejects { _ = try DWAWeighting.Configuration(temperature: 0) })
        #expect(rejects { _ = try UncertaintyWeighting.Configuration(learningRate: -1) })
        #expect(rejects { _ = try RandomLossWeighting.Configuration(distribution: .dirichlet, concentration: 0) })
        #expect(rejects { _ = try FAMOWeighting.Configuration(decay: -0.1) })
        // A preference of the wrong length is caught when the training starts.
        let epo = EPOWeighting(configuration: try .init(preference: [1, 1, 1]))
        #expect(rejects { _ = try epo.initialState(objectives: 2) })
        #expect(rejects { _ = try UPGradWeighting(configuration: try .init(preference: [1, 1, 1])).initialState(objectives: 2) })
        #expect(rejects { _ = try DualProjWeighting(configuration: try .init(preference: [1])).initialState(objectives: 2) })
        #expect(rejects { _ = try AlignedMTLWeighting(configuration: try .init(preference: [1, 2, 3])).initialState(objectives: 2) })
    }

    @Test func epoRejectsNegativeLossesWithAWeightingError() throws {
        let epo = EPOWeighting(configuration: try .init(preference: [1, 1]))
        #expect(throws: WeightingError.self) { _ = try S.call(epo, gram: .identity(2), losses: [-1, 1]) }
    }
}
