import Testing
import Recommender
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
        let method = valid.replacingOccurrences(of: "name: nsga2", with: "name: nsga22")
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

    @Test func methodsResolveThroughTheRegistries() throws {
        let c = try ExperimentConfig.parse(valid.replacingOccurrences(of: "  - name: mgda", with: "  - name: mgda\n    target: representation\n  - name: mopso\n    evaluations: 4\n    population: 2"))
        #expect(c.methods.map(\.kind) == [.blackBox, .inTraining, .blackBox])
        #expect(c.methods.map(\.registryName) == ["nsga2", "mgda", "smpso"])
        #expect(c.methods[1].target == .sharedRepresentation)
        #expect(c.methods[2].name == "mopso")
    }

    /// Every method's settings are checked against its registry entry when the file is read, with the
    /// location of the offending entry.
    @Test func methodSettingsAreValidatedAtLoadTimeWithTheirLocation() {
        let cases: [(String, String, Int, String)] = [
            // (from, to, line, message)
            ("population: 4", "population: 1", 13, "NSGA-II population size must be ≥ 2"),
            ("population: 4", "preferences: 4", 15, "does not take 'preferences'"),
            ("  - name: mgda", "  - name: mgda\n    evaluations: 3", 17, "does not take 'evaluations'"),
            ("population: 4", "population: 4\n    target: parameters", 16, "'target' applies to in-training methods"),
            ("  - name: mgda", "  - name: mgda\n    kind: black-box", 16, "needs a differentiable problem"),
            ("  - name: mgda", "  - name: mgda\n    target: tower", 17, "unknown value 'tower'"),
            // NSGA-II's default population (100) cannot keep a budget of 12 evaluations.
            ("    population: 4\n", "", 13, "first iteration alone spends 100 evaluations"),
        ]
        for (from, to, line, needle) in cases {
            let text = valid.replacingOccurrences(of: from, with: to)
            #expect {
                try ExperimentConfig.parse(text, file: "x.yaml")
            } throws: { error in
                guard let e = error as? ConfigError else { return false }
                return e.message.contains(needle) && e.line == line && e.description.hasPrefix("x.yaml:\(line):")
            }
        }
    }

    @Test func yamlSyntaxErrorsAreOneLocatedLine() {
        let broken = valid.replacingOccurrences(of: "seeds: [1, 2, 3]", with: "seeds: [1, 2, 3")
        #expect { try ExperimentConfig.parse(broken, file: "x.yaml") } throws: { error in
            guard let e = error as? ConfigError else { return false }
            return e.line == 8 && e.column == 10 && !e.description.contains("\n")
                && e.description.hasPrefix("x.yaml:8:10: not valid YAML: did not find expected ',' or ']'")
        }
        let tab = "name: demo\nscenario: \"ecommerce\t\n"
        #expect { try ExperimentConfig.parse(tab, file: "t.yaml") } throws: { !"\($0)".contains("\n") && "\($0)".hasPrefix("t.yaml:3:1:") }
    }

    @Test func namesThatWouldLeaveTheResultsFolderAreRefused() {
        for bad in ["../../escaped", "a/b", "..", "x..y", "back\\\\slash", "\"\""] {
            let text = valid.replacingOccurrences(of: "name: demo", with: "name: \(bad)")
            #expect { try ExperimentConfig.parse(text) } throws: { ($0 as? ConfigError)?.message.contains("names the results folder") == true }
        }
        #expect((try? ExperimentConfig.parse(valid.replacingOccurrences(of: "name: demo", with: "name: demo-2.v1")))?.name == "demo-2.v1")
    }

    @Test func negativeSearchedWeightDecayIsRefused() {
        let text = valid.replacingOccurrences(of: "methods:", with: "search-space:\n  weight-decay: [-0.5, 0.1]\nmethods:")
        #expect { try ExperimentConfig.parse(text) } throws: { error in
            guard let e = error as? ConfigError else { return false }
            return e.line == 13 && e.column == 17 && e.message.contains("'search-space.weight-decay' must be non-negative")
        }
    }

    @Test func nearestNameFindsTyposOnly() {
        #expect(nearestName(to: "seed", in: ["seeds", "scenario"]) == "seeds")
        #expect(nearestName(to: "completely-different", in: ["seeds", "name"]) == nil)
    }
}

/// Sizes that could only end in an allocation failure are refused when the file is read, with the
/// YAML location.
@Suite struct ExperimentConfigSizeLimitTests {
    static let base = """
        scenario: ecommerce
        data: {source: synthetic, rows: 2000}
        model: {hidden: 8, embedding: 4, epochs: 1, batch-size: 256}
        methods:
          - name: mgda
            preferences: 2
        """

    @Test(arguments: [
        ("hidden: 8", "hidden: 1000000000000", "'model.hidden' is 1000000000000, above the maximum of 16384"),
        ("embedding: 4", "embedding: 100000000000", "'model.embedding' is 100000000000, above the maximum of 4096"),
        ("batch-size: 256", "batch-size: 1000000000000", "above the maximum of 1048576"),
        ("rows: 2000", "rows: 100000000000000", "above the maximum of 20000000"),
        ("preferences: 2", "preferences: 1000000000000", "above the maximum of 10000"),
    ])
    func oversizedValuesAreRefusedWithTheirLocation(from: String, to: String, message: String) {
        let text = Self.base.replacingOccurrences(of: from, with: to)
        #expect { try ExperimentConfig.parse(text, file: "e.yaml") } throws: { error in
            "\(error)".contains(message) && "\(error)".hasPrefix("e.yaml:")
        }
    }
}
