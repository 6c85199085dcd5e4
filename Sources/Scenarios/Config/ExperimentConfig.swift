import Foundation
import Recommender
import Yams

/// Where an experiment's data comes from.
public enum DataSourceConfig: Sendable, Equatable {
    /// The embedded deterministic generator: `rows` examples, `conflict` ∈ [0, 1] between the objectives.
    case synthetic(rows: Int, conflict: Double)
    /// A real dataset file; its format is recognised from the scenario and the file's header
    /// (see `ScenarioData.make`). `rows` and `conflict` apply only where the loader simulates
    /// responses on real items (the KuaiRand video-feature file: simulated users and impressions);
    /// `nil` keeps the loader's defaults.
    case file(path: String, rows: Int? = nil, conflict: Double? = nil)
}

/// Model and training settings shared by every evaluation of an experiment.
public struct ModelSettings: Sendable, Equatable {
    public var architecture = "two-tower"
    public var hidden = 32
    public var embedding = 8
    public var epochs = 2
    public var batchSize = 512
    public var learningRate = 3e-3
    public var weightDecay = 0.0
    public init() {}
}

/// Optional hyper-parameters a black-box method searches beside the objective weights.
public struct SearchSpace: Sendable, Equatable {
    /// Bounds of log10(learning rate), if searched.
    public var log10LearningRate: ClosedRange<Double>?
    /// Bounds of the decoupled weight decay, if searched.
    public var weightDecay: ClosedRange<Double>?
    /// Bounds of the hidden width (an integer decision), if searched.
    public var hidden: ClosedRange<Int>?
    public init() {}
}

/// One method of an experiment and its budget.
public struct MethodConfig: Sendable, Equatable {
    /// Method name (`weighted-sum`, `grid`, `nsga2`, `mopso`, `mgda`, `mgda-ub`, `pareto-mtl`).
    public var name: String
    /// Budget in model trainings (black-box methods) — each evaluation trains one model.
    public var evaluations: Int?
    /// Population / swarm size (NSGA-II, SMPSO).
    public var population: Int?
    /// Number of preference vectors (Pareto MTL, weighted sum with in-training methods).
    public var preferences: Int?
    public init(name: String) { self.name = name }
}

/// A scenario experiment as read from YAML (`Experiments/*.yaml`).
///
/// Unknown keys are errors with a suggestion of the nearest valid key; every value is range-checked
/// in `ExperimentConfig.parse`, so a constructed config is valid.
public struct ExperimentConfig: Sendable, Equatable {
    public var name: String
    public var scenario: ScenarioKind
    public var data: DataSourceConfig
    /// Seed of the data generator, splits and negative sampling (the data is the same for every run seed).
    public var dataSeed: UInt64 = 42
    public var seeds: [UInt64]
    /// Hypervolume reference point in natural units (e.g. AUC 0.5 per objective).
    public var reference: [Double]
    public var model: ModelSettings
    public var searchSpace: SearchSpace
    public var methods: [MethodConfig]

    /// Method names the harness knows.
    public static let knownMethods = ["weighted-sum", "grid", "nsga2", "mopso", "mgda", "mgda-ub", "pareto-mtl"]
    static let topKeys = ["name", "scenario", "data", "seeds", "reference", "model", "search-space", "methods", "tensorboard"]
    /// Folder of TensorBoard event files (`tensorboard: DIR`), or `nil`.
    public var tensorboard: String?

    /// Reads and validates a configuration file.
    public static func load(path: String) throws -> ExperimentConfig {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigError(file: path, message: "no such configuration file")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, message: "cannot read the file as UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses and validates YAML text; `file` names the source in errors.
    public static func parse(_ text: String, file: String = "<string>") throws -> ExperimentConfig {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ConfigError(file: file, line: 1, message: "the configuration is empty")
            }
            root = node
        } catch let e as ConfigError {
            throw e
        } catch let e as YamlError {
            throw ConfigError(file: file, message: "not valid YAML: \(e)")
        }
        let r = YAMLReader(file: file, node: root, path: "")
        try r.requireKnownKeys(topKeys)

        let scenario = ScenarioKind(rawValue: try r.required("scenario").choice(ScenarioKind.allCases.map(\.rawValue)))!
        let name = try r.child("name")?.string() ?? scenario.rawValue
        let data = try parseData(r.child("data"), file: file)
        let seeds: [UInt64] = try (r.child("seeds")?.sequence() ?? []).map { reader in
            let v = try reader.int()
            guard v >= 0 else { throw reader.error("seeds must be non-negative, got \(v)") }
            return UInt64(v)
        }
        let seedList = seeds.isEmpty ? [1] : seeds
        guard Set(seedList).count == seedList.count else { throw r.error("'seeds' contains duplicates") }

        var reference = [0.5, 0.5]  // AUC 0.5 = random guessing, for every scenario's objectives
        if let refNode = try r.child("reference") {
            reference = try refNode.doubles()
            guard reference.count == 2 else {
                throw refNode.error("reference point has \(reference.count) values, but the \(scenario.rawValue) scenario has 2 objectives")
            }
        }
        let model = try parseModel(r.child("model"))
        let space = try parseSearchSpace(r.child("search-space"))
        let methodNodes = try r.required("methods").sequence()
        guard !methodNodes.isEmpty else { throw r.error("'methods' is empty: name at least one method") }
        var methods: [MethodConfig] = []
        for m in methodNodes {
            let method = try parseMethod(m)
            guard !methods.contains(where: { $0.name == method.name }) else {
                throw m.error("method '\(method.name)' is listed twice")
            }
            methods.append(method)
        }
        var config = ExperimentConfig(name: name, scenario: scenario, data: data, seeds: seedList, reference: reference,
                                      model: model, searchSpace: space, methods: methods)
        if let seedNode = try r.child("data")?.child("seed") {
            let v = try seedNode.int()
            guard v >= 0 else { throw seedNode.error("'data.seed' must be non-negative") }
            config.dataSeed = UInt64(v)
        }
        config.tensorboard = try r.child("tensorboard")?.string()
        return config
    }

    private static func parseData(_ node: YAMLReader?, file: String) throws -> DataSourceConfig {
        guard let node else { return .synthetic(rows: 20_000, conflict: 0.5) }
        try node.requireKnownKeys(["source", "rows", "conflict", "path", "seed"])
        let source = try node.child("source")?.choice(["synthetic", "file"]) ?? "synthetic"
        if source == "synthetic" {
            let rows = try node.child("rows")?.positiveInt() ?? 20_000
            let conflict = try node.child("conflict")?.double() ?? 0.5
            guard (0...1).contains(conflict) else { throw node.error("'data.conflict' must be in [0, 1], got \(conflict)") }
            return .synthetic(rows: rows, conflict: conflict)
        }
        let pathNode = try node.required("path")
        var path = try pathNode.string()
        if !path.hasPrefix("/") {  // relative to the configuration file's folder
            path = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(path).path
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw pathNode.error("data file '\(path)' does not exist")
        }
        let rows = try node.child("rows")?.positiveInt()
        let conflict = try node.child("conflict")?.double()
        if let c = conflict, !(0...1).contains(c) { throw node.error("'data.conflict' must be in [0, 1], got \(c)") }
        return .file(path: path, rows: rows, conflict: conflict)
    }

    private static func parseModel(_ node: YAMLReader?) throws -> ModelSettings {
        var m = ModelSettings()
        guard let node else { return m }
        try node.requireKnownKeys(["architecture", "hidden", "embedding", "epochs", "batch-size", "learning-rate", "weight-decay"])
        if let v = try node.child("architecture") { m.architecture = try v.choice(["two-tower", "mmoe"]) }
        if let v = try node.child("hidden") { m.hidden = try v.positiveInt() }
        if let v = try node.child("embedding") { m.embedding = try v.positiveInt() }
        if let v = try node.child("epochs") { m.epochs = try v.positiveInt() }
        if let v = try node.child("batch-size") { m.batchSize = try v.positiveInt() }
        if let v = try node.child("learning-rate") {
            m.learningRate = try v.double()
            guard m.learningRate > 0 else { throw v.error("'model.learning-rate' must be positive") }
        }
        if let v = try node.child("weight-decay") {
            m.weightDecay = try v.double()
            guard m.weightDecay >= 0 else { throw v.error("'model.weight-decay' must be non-negative") }
        }
        return m
    }

    private static func parseSearchSpace(_ node: YAMLReader?) throws -> SearchSpace {
        var s = SearchSpace()
        guard let node else { return s }
        try node.requireKnownKeys(["log10-learning-rate", "weight-decay", "hidden"])
        func range(_ key: String) throws -> ClosedRange<Double>? {
            guard let v = try node.child(key) else { return nil }
            let b = try v.doubles()
            guard b.count == 2, b[0] < b[1] else { throw v.error("'\(v.path)' must be [lower, upper] with lower < upper") }
            return b[0]...b[1]
        }
        s.log10LearningRate = try range("log10-learning-rate")
        s.weightDecay = try range("weight-decay")
        if let r = try range("hidden") {
            guard r.lowerBound >= 1, r.lowerBound == r.lowerBound.rounded(), r.upperBound == r.upperBound.rounded() else {
                throw node.error("'search-space.hidden' must be integer bounds ≥ 1")
            }
            s.hidden = Int(r.lowerBound)...Int(r.upperBound)
        }
        return s
    }

    private static func parseMethod(_ node: YAMLReader) throws -> MethodConfig {
        try node.requireKnownKeys(["name", "evaluations", "population", "preferences"])
        var m = MethodConfig(name: try node.required("name").choice(knownMethods))
        if let v = try node.child("evaluations") { m.evaluations = try v.positiveInt() }
        if let v = try node.child("population") { m.population = try v.positiveInt() }
        if let v = try node.child("preferences") { m.preferences = try v.positiveInt() }
        if ["weighted-sum", "grid", "nsga2", "mopso"].contains(m.name), m.evaluations == nil {
            throw node.error("method '\(m.name)' needs a budget: add 'evaluations: N'")
        }
        if let e = m.evaluations, let p = m.population, p > e {
            throw node.error("method '\(m.name)': population \(p) exceeds the budget of \(e) evaluations")
        }
        return m
    }
}
