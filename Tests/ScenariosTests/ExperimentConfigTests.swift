import Testing
@testable import Scenarios

@Suite struct ExperimentConfigTests {
    private let valid = """
    name: demo
    scenario: ecommerce
    data:
      source: synthetic
      rows: 5000
      conflict: 0.7
    seeds: [1, 2, 3]
    reference: [0.5, 0.5]
    model:
      hidden: 16
      epochs: 1
    methods:
      - name: nsga2
        evaluations: 12
        population: 4
      - name: mgda
    """

    @Test func parsesAValidConfig() throws {
        let c = try ExperimentConfig.parse(valid)
        #expect(c.name == "demo" && c.scenario == .ecommerce)
        #expect(c.data == .synthetic(rows: 5000, conflict: 0.7))
        #expect(c.seeds == [1, 2, 3])
        #expect(c.model.hidden == 16 && c.model.epochs == 1 && c.model.batchSize == ModelSettings().batchSize)
        #expect(c.methods.map(\.name) == ["nsga2", "mgda"])
        #expect(c.methods[0].evaluations == 12 && c.methods[0].population == 4)
    }

    @Test func unknownKeyNamesLineAndSuggestsNearest() {
        let text = valid.replacingOccurrences(of: "seeds: [1, 2, 3]", with: "seed: [1, 2, 3]")
        #expect {
            try ExperimentConfig.parse(text, file: "x.yaml")
        } throws: { error in
            let e = error as! ConfigError
            return e.line == 7 && e.column == 1 && e.message.contains("unknown key 'seed'")
                && e.message.contains("did you mean 'seeds'?") && e.description.hasPrefix("x.yaml:7:1:")
        }
    }

    @Test func unknownNestedKeyAndUnknownMethodAreReported() {
        let nested = valid.replacingOccurrences(of: "  hidden: 16", with: "  hiden: 16")
        #expect { try ExperimentConfig.parse(nested) } throws: { ($0 as! ConfigError).message.contains("did you mean 'hidden'?") }
        let method = valid.replacingOccurrences(of: "name: nsga2", with: "name: nsga3")
        #expect { try ExperimentConfig.parse(method) } throws: { ($0 as! ConfigError).message.contains("did you mean 'nsga2'?") }
        let scenario = valid.replacingOccurrences(of: "scenario: ecommerce", with: "scenario: books")
        #expect { try ExperimentConfig.parse(scenario) } throws: { ($0 as! ConfigError).message.contains("unknown value 'books'") }
    }

    @Test func badValuesAreRejected() {
        let cases: [(String, String, String)] = [
            ("reference: [0.5, 0.5]", "reference: [0.5, 0.5, 0.5]", "reference point has 3 values"),
            ("evaluations: 12", "evaluations: 0", "must be positive"),
            ("conflict: 0.7", "conflict: 1.5", "must be in [0, 1]"),
            ("population: 4", "population: 40", "exceeds the budget"),
            ("rows: 5000", "rows: many", "must be an integer"),
            ("seeds: [1, 2, 3]", "seeds: [1, 1]", "duplicates"),
        ]
        for (from, to, needle) in cases {
            let text = valid.replacingOccurrences(of: from, with: to)
            #expect { try ExperimentConfig.parse(text) } throws: { ($0 as! ConfigError).message.contains(needle) }
        }
        #expect { try ExperimentConfig.parse("") } throws: { ($0 as! ConfigError).message.contains("empty") }
        #expect { try ExperimentConfig.parse("scenario: [") } throws: { ($0 as! ConfigError).message.contains("not valid YAML") }
        #expect { try ExperimentConfig.load(path: "/nonexistent/x.yaml") } throws: { ($0 as! ConfigError).message.contains("no such") }
    }

    @Test func blackBoxMethodWithoutBudgetIsAnError() {
        let text = valid.replacingOccurrences(of: "    evaluations: 12\n    population: 4\n", with: "")
        #expect { try ExperimentConfig.parse(text) } throws: { ($0 as! ConfigError).message.contains("needs a budget") }
    }

    @Test func nearestNameFindsTyposOnly() {
        #expect(nearestName(to: "seed", in: ["seeds", "scenario"]) == "seeds")
        #expect(nearestName(to: "completely-different", in: ["seeds", "name"]) == nil)
    }
}
