import Testing
import ParetoOptimizers
@testable import Scenarios

/// Experiment method names resolve through the two registries only, by the documented rule.
@Suite struct MethodCatalogTests {
    @Test func aliasesAndTheSharedNameMgdaResolveByTheRule() throws {
        let mopso = try MethodCatalog.resolve("mopso")
        #expect(mopso.kind == .blackBox && mopso.registryName == "smpso")
        // `mgda` names the multi-start optimizer (needs gradients) and the weighting: the weighting runs on a scenario.
        #expect(OptimizerRegistry.lookup("mgda")?.problemRequirement == .differentiable)
        let mgda = try MethodCatalog.resolve("mgda")
        #expect(mgda.kind == .inTraining && mgda.registryName == "mgda")
        #expect(try MethodCatalog.resolve("NSGA2").registryName == "nsga2")
        #expect { try MethodCatalog.resolve("mgda", kind: .blackBox) } throws: { "\($0)".contains("needs a differentiable problem") }
        #expect { try MethodCatalog.resolve("nsga22") } throws: { "\($0)".contains("did you mean 'nsga2'?") }
        #expect { try MethodCatalog.resolve("nsga2", kind: .inTraining) } throws: { "\($0)".contains("unknown in-training method") }
    }

    /// Every name and alias of both registries resolves as the rule says: a black-box optimizer wins,
    /// then a weighting; an optimizer that needs gradients and has no weighting namesake is refused.
    @Test func everyRegisteredNameResolvesByTheRule() throws {
        for a in OptimizerRegistry.algorithms {
            for name in [a.name] + a.aliases {
                if a.problemRequirement == .blackBox {
                    let r = try MethodCatalog.resolve(name)
                    #expect(r.kind == .blackBox && r.registryName == a.name, "\(name)")
                } else if let w = WeightingRegistry.lookup(name) {
                    #expect(try MethodCatalog.resolve(name).registryName == w.name, "\(name)")
                } else {
                    #expect(throws: MethodResolutionError.self, "\(name)") { try MethodCatalog.resolve(name) }
                }
            }
        }
        for w in WeightingRegistry.methods {
            for name in [w.name] + w.aliases {
                let r = try MethodCatalog.resolve(name, kind: .inTraining)
                #expect(r.kind == .inTraining && r.registryName == w.name, "\(name)")
                if OptimizerRegistry.lookup(name)?.problemRequirement != .blackBox {
                    #expect(try MethodCatalog.resolve(name).kind == .inTraining, "\(name)")
                }
            }
        }
    }

    /// A registration's declared problem requirement is what its optimizer reports when built.
    @Test func declaredProblemRequirementsMatchTheOptimizers() throws {
        let problem = try ConvexBiObjective(variables: 2)
        for a in OptimizerRegistry.algorithms {
            let optimizer = try a.make(AlgorithmSettings(populationSize: 4, evaluationBudget: 16), problem)
            #expect(optimizer.problemRequirement == a.problemRequirement, "\(a.name)")
            #expect(a.acceptedBudget.isSuperset(of: a.requiredBudget), "\(a.name)")
        }
    }

    @Test func catalogListsEveryEntryOfTheRegistries() {
        let all = MethodCatalog.all
        #expect(all.count == OptimizerRegistry.algorithms.count + WeightingRegistry.methods.count + SetLearningRegistry.methods.count)
        #expect(all.filter { $0.registry == "set-learner" }.map(\.name) == SetLearningRegistry.methods.map(\.name))
        #expect(all.filter { $0.registry == "optimizer" }.map(\.name) == OptimizerRegistry.names)
        #expect(all.filter { $0.registry == "weighting" }.map(\.name) == WeightingRegistry.names)
        #expect(all.first { $0.name == "mgda" && $0.registry == "optimizer" }?.kind == nil)
        #expect(all.first { $0.name == "mgda-ub" }?.defaultTarget == "representation")
    }
}
