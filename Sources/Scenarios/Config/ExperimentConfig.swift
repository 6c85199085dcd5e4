import Foundation
import NumericCore
import ParetoOptimizers
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

/// One method of an experiment, resolved against the registries (``MethodCatalog``), and its budget.
public struct MethodConfig: Sendable, Equatable {
    /// Method name as written in the configuration (names the run folder and the report rows).
    public var name: String
    /// Black box (an ``OptimizerRegistry`` entry) or in training (a ``WeightingRegistry`` entry).
    public var kind: MethodKind
    /// The registry name the method resolved to (aliases resolved, e.g. `mopso` → `smpso`).
    public var registryName: String
    /// Budget in model trainings (black-box methods) — each evaluation trains one model.
    public var evaluations: Int?
    /// Population / swarm size, or weight vectors (as the optimizer reads `AlgorithmSettings.populationSize`).
    public var population: Int?
    /// Number of trainings of an in-training method (one preference vector each for a preference-based method).
    public var preferences: Int?
    /// Where an in-training method takes its gradients; `nil` = the weighting's default.
    public var target: WeightingTarget?
    /// The model architecture this method trains; `nil` = the experiment's `model.architecture`.
    /// Set by a method's own `architecture` key, or by a list under `model.architecture`, which runs
    /// every method once per architecture (named `method@architecture`).
    public var architecture: ModelArchitecture.Kind?

    /// The method `name` resolved by ``MethodCatalog/resolve(_:kind:)``, with no budget set.
    /// - Throws: ``MethodResolutionError`` for a name no registry can run on a scenario.
    public init(name: String, kind: MethodKind? = nil) throws {
        let resolved = try MethodCatalog.resolve(name, kind: kind)
        self.name = name
        self.kind = resolved.kind
        self.registryName = resolved.registryName
    }

    /// The registry entry again (registries are static, so this cannot fail for a parsed config).
    public func resolved() throws -> ResolvedMethod { try MethodCatalog.resolve(registryName, kind: kind) }
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
    /// The loader named by `data.format` (nil: recognised from the file, see `ScenarioData.make`).
    public var dataFormat: DataFormat? = nil
    /// Number of objectives (`data.objectives`): 2, or 3 with the scenario's third simulated signal
    /// (synthetic data and the KuaiRand video-feature file only).
    public var objectiveCount = 2
    public var seeds: [UInt64]
    /// Hypervolume reference point in natural units (e.g. AUC 0.5 per objective).
    public var reference: [Double]
    public var model: ModelSettings
    public var searchSpace: SearchSpace
    public var methods: [MethodConfig]

    static let topKeys = ["name", "scenario", "data", "seeds", "reference", "model", "search-space", "methods", "tensorboard", "published", "fusion"]
    /// Numbers a paper published for this protocol, shown in the report beside the measured ones.
    public var published: [PublishedResult] = []
    /// Folder of TensorBoard event files (`tensorboard: DIR`), or `nil`.
    public var tensorboard: String?
    /// Fusion of trained models (`fusion:`), or `nil` for none beyond the Pareto-set fusion every run writes.
    public var fusion: FusionSettings?

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
            throw ConfigError.syntax(e, file: file)
        }
        let r = YAMLReader(file: file, node: root, path: "")
        try r.requireKnownKeys(topKeys)

        let scenario = ScenarioKind(rawValue: try r.required("scenario").choice(ScenarioKind.allCases.map(\.rawValue)))!
        let name = try r.child("name").map { node -> String in
            let value = try node.string()
            // The name is the default results folder (`out/<name>`): it must stay inside it.
            guard !value.isEmpty, value != ".", value != "..", !value.contains("/"), !value.contains("\\"),
                  !value.contains(".."), !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else {
                throw node.error("'name' names the results folder: use a plain name without '/', '\\' or '..', got '\(ErrorText.escapingControlCharacters(value))'")
            }
            return value
        } ?? scenario.rawValue
        let data = try parseData(r.child("data"), file: file)
        let seeds: [UInt64] = try (r.child("seeds")?.sequence() ?? []).map { reader in
            let v = try reader.int()
            guard v >= 0 else { throw reader.error("seeds must be non-negative, got \(v)") }
            return UInt64(v)
        }
        let seedList = seeds.isEmpty ? [1] : seeds
        guard Set(seedList).count == seedList.count else { throw r.error("'seeds' contains duplicates") }

        var objectiveCount = 2
        if let v = try r.child("data")?.child("objectives") {
            objectiveCount = try v.int()
            guard objectiveCount == 2 || objectiveCount == 3 else {
                throw v.error("'data.objectives' must be 2 or 3, got \(objectiveCount)")
            }
            guard objectiveCount == 2 || SyntheticScenario.thirdObjective(of: scenario) != nil else {
                throw v.error("the \(scenario.rawValue) scenario has no third simulated objective")
            }
        }
        // AUC 0.5 = random guessing, for every scenario's objectives.
        var reference = [Double](repeating: 0.5, count: objectiveCount)
        if let refNode = try r.child("reference") {
            reference = try refNode.doubles()
            guard reference.count == objectiveCount else {
                throw refNode.error("reference point has \(reference.count) values, but the \(scenario.rawValue) scenario has \(objectiveCount) objectives"
                                    + (objectiveCount == 2 ? "" : " (data.objectives)"))
            }
        }
        let model = try parseModel(r.child("model"))
        let architectures = try parseArchitectureList(r.child("model"))
        let space = try parseSearchSpace(r.child("search-space"))
        let methodNodes = try r.required("methods").sequence()
        guard !methodNodes.isEmpty else { throw r.error("'methods' is empty: name at least one method") }
        var methods: [MethodConfig] = []
        let probe = DecisionSpaceProbe(searchSpace: space, objectiveCount: reference.count)
        for m in methodNodes {
            let method = try parseMethod(m, probe: probe)
            // Pareto-set learners run their own training loop, which has no batch limit.
            if model.maxBatchesPerEpoch != nil, method.kind == .setLearning {
                throw m.error("method '\(method.name)' is a Pareto-set learner, which trains whole epochs: remove 'model.max-batches' or this method")
            }
            // A list of architectures runs each method once per architecture, unless the method names its own.
            let variants: [MethodConfig]
            if let architectures, method.architecture == nil {
                variants = architectures.map { kind in
                    var v = method
                    v.architecture = kind
                    v.name = "\(method.name)@\(kind.rawValue)"
                    return v
                }
            } else {
                variants = [method]
            }
            for variant in variants {
                guard !methods.contains(where: { $0.name == variant.name }) else {
                    throw m.error("method '\(variant.name)' is listed twice")
                }
                if model.itemTower != .id, let kind = variant.architecture, kind != .twoTower, kind != .mmoe {
                    throw m.error("method '\(variant.name)' trains '\(kind.rawValue)', but the conv item tower works with the two-tower and mmoe architectures only")
                }
                methods.append(variant)
            }
        }
        var config = ExperimentConfig(name: name, scenario: scenario, data: data, seeds: seedList, reference: reference,
                                      model: model, searchSpace: space, methods: methods)
        config.objectiveCount = objectiveCount
        if let seedNode = try r.child("data")?.child("seed") {
            let v = try seedNode.int()
            guard v >= 0 else { throw seedNode.error("'data.seed' must be non-negative") }
            config.dataSeed = UInt64(v)
        }
        if let formatNode = try r.child("data")?.child("format") {
            let format = DataFormat(rawValue: try formatNode.choice(DataFormat.allCases.map(\.rawValue)))!
            guard format.kind == scenario else {
                throw formatNode.error("data format '\(format.rawValue)' belongs to the \(format.kind.rawValue) scenario, not \(scenario.rawValue)")
            }
            config.dataFormat = format
        }
        config.tensorboard = try r.child("tensorboard")?.string()
        config.published = try parsePublished(r.child("published"))
        config.fusion = try parseFusion(r.child("fusion"), objectives: reference.count)
        if config.fusion != nil, model.maxBatchesPerEpoch != nil, let node = try r.child("fusion") {
            throw node.error("'fusion' trains whole epochs: remove 'model.max-batches' or 'fusion'")
        }
        return config
    }

    private static func parseData(_ node: YAMLReader?, file: String) throws -> DataSourceConfig {
        guard let node else { return .synthetic(rows: 20_000, conflict: 0.5) }
        try node.requireKnownKeys(["source", "rows", "conflict", "path", "seed", "format", "objectives"])
        let source = try node.child("source")?.choice(["synthetic", "file"]) ?? "synthetic"
        if source == "synthetic" {
            let rows = try node.child("rows")?.positiveInt(atMost: SyntheticScenario.maximumRows) ?? 20_000
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
        let rows = try node.child("rows")?.positiveInt(atMost: SyntheticScenario.maximumRows)
        let conflict = try node.child("conflict")?.double()
        if let c = conflict, !(0...1).contains(c) { throw node.error("'data.conflict' must be in [0, 1], got \(c)") }
        return .file(path: path, rows: rows, conflict: conflict)
    }

    /// The architectures of a list under `model.architecture` (a protocol comparing models), or
    /// `nil` for one architecture.
    private static func parseArchitectureList(_ node: YAMLReader?) throws -> [ModelArchitecture.Kind]? {
        guard let v = try node?.child("architecture"), v.isSequence else { return nil }
        let items = try v.sequence()
        guard !items.isEmpty else { throw v.error("'model.architecture' is an empty list: name at least one architecture") }
        var kinds: [ModelArchitecture.Kind] = []
        for item in items {
            let kind = ModelArchitecture.Kind(rawValue: try item.choice(ModelArchitecture.Kind.allCases.map(\.rawValue)))!
            guard !kinds.contains(kind) else { throw item.error("architecture '\(kind.rawValue)' is listed twice") }
            kinds.append(kind)
        }
        return kinds
    }

    private static func parseModel(_ node: YAMLReader?) throws -> ModelSettings {
        var m = ModelSettings()
        guard let node else { return m }
        try node.requireKnownKeys(["architecture", "hidden", "embedding", "epochs", "batch-size", "learning-rate", "weight-decay",
                                   "item-tower", "user-tower", "sequence-length", "max-batches"])
        if let v = try node.child("architecture") {
            if v.isSequence {
                m.architecture = try parseArchitectureList(node)?.first ?? m.architecture
            } else {
                m.architecture = ModelArchitecture.Kind(rawValue: try v.choice(ModelArchitecture.Kind.allCases.map(\.rawValue)))!
            }
        }
        if let v = try node.child("hidden") { m.hidden = try v.positiveInt(atMost: ModelConfiguration.maximumWidth) }
        if let v = try node.child("embedding") { m.embedding = try v.positiveInt(atMost: ModelConfiguration.maximumEmbeddingDimension) }
        if let v = try node.child("epochs") { m.epochs = try v.positiveInt(atMost: TrainingConfiguration.maximumEpochs) }
        if let v = try node.child("batch-size") { m.batchSize = try v.positiveInt(atMost: TrainingConfiguration.maximumBatchSize) }
        if let v = try node.child("learning-rate") {
            m.learningRate = try v.double()
            guard m.learningRate > 0 else { throw v.error("'model.learning-rate' must be positive") }
        }
        if let v = try node.child("weight-decay") {
            m.weightDecay = try v.double()
            guard m.weightDecay >= 0 else { throw v.error("'model.weight-decay' must be non-negative") }
        }
        if let v = try node.child("item-tower") {
            // Every architecture of a list must take the tower, not only the first.
            for kind in try parseArchitectureList(node) ?? [m.architecture] {
                m.itemTower = try parseItemTower(v, architecture: kind)
            }
        }
        if let v = try node.child("user-tower") { m.userTower = UserTowerKind(rawValue: try v.choice(UserTowerKind.allCases.map(\.rawValue)))! }
        if let v = try node.child("sequence-length") { m.sequenceLength = try v.positiveInt(atMost: SequenceTowerConfiguration.maximumLength) }
        if let v = try node.child("max-batches") { m.maxBatchesPerEpoch = try v.positiveInt(atMost: Int(Int32.max)) }
        return m
    }

    /// `published: [{model, metric, value, sd?, source}]`; values in the measured units (AUC in [0, 1]).
    private static func parsePublished(_ node: YAMLReader?) throws -> [PublishedResult] {
        guard let node else { return [] }
        return try node.sequence().map { item in
            try item.requireKnownKeys(["model", "metric", "value", "sd", "source"])
            let model = try item.required("model").choice(ModelArchitecture.Kind.allCases.map(\.rawValue))
            let metricNode = try item.required("metric")
            let metric = try metricNode.string()
            guard !metric.isEmpty, metric.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "@" }) else {
                throw metricNode.error("'\(metricNode.path)' must be a metric column name such as cvr_auc, got '\(ErrorText.escapingControlCharacters(metric))'")
            }
            let valueNode = try item.required("value")
            let value = try valueNode.double()
            guard (0...1).contains(value) else {
                throw valueNode.error("'\(valueNode.path)' is \(value): give the value in the measured units (an AUC of 68.56 % is 0.6856)")
            }
            let sd = try item.child("sd")?.double()
            if let sd, sd < 0, let n = try item.child("sd") { throw n.error("'\(n.path)' must be non-negative") }
            return PublishedResult(model: model, metric: metric, value: value, sd: sd, source: try item.required("source").string())
        }
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
        if let w = s.weightDecay, w.lowerBound < 0, let v = try node.child("weight-decay") {
            throw v.error("'search-space.weight-decay' must be non-negative bounds, got lower bound \(w.lowerBound)")
        }
        if let r = try range("hidden") {
            guard r.lowerBound >= 1, r.lowerBound == r.lowerBound.rounded(), r.upperBound == r.upperBound.rounded() else {
                throw node.error("'search-space.hidden' must be integer bounds ≥ 1")
            }
            do {
                s.hidden = try ModelConfiguration.checkedWidth(r.lowerBound)...ModelConfiguration.checkedWidth(r.upperBound)
            } catch { throw node.error("'search-space.hidden': \(error)") }
        }
        return s
    }

    private static func parseMethod(_ node: YAMLReader, probe: DecisionSpaceProbe) throws -> MethodConfig {
        try node.requireKnownKeys(["name", "kind", "evaluations", "population", "preferences", "target", "architecture", "label"])
        let nameNode = try node.required("name")
        let kind = try node.child("kind").map { MethodKind(rawValue: try $0.choice(MethodKind.allCases.map(\.rawValue)))! }
        var m: MethodConfig
        do { m = try MethodConfig(name: try nameNode.string(), kind: kind) } catch let e as MethodResolutionError {
            throw nameNode.error(e.message)
        }
        let resolved = try m.resolved()
        var given: [(BudgetKey, YAMLReader)] = []
        for key in BudgetKey.allCases {
            guard let v = try node.child(key.rawValue) else { continue }
            guard resolved.acceptedBudget.contains(key) else {
                let accepted = resolved.acceptedBudget.sorted().map { "'\($0.rawValue)'" }
                throw v.error("method '\(m.name)' (\(m.kind.rawValue)) does not take '\(key.rawValue)'; it takes "
                    + (accepted.isEmpty ? "no budget key" : accepted.joined(separator: ", ")))
            }
            given.append((key, v))
            let value = try v.positiveInt(atMost: key.maximum)
            switch key {
            case .evaluations: m.evaluations = value
            case .population: m.population = value
            case .preferences: m.preferences = value
            }
        }
        for key in resolved.requiredBudget.sorted() where !given.contains(where: { $0.0 == key }) {
            throw node.error("method '\(m.name)' needs a budget: add '\(key.rawValue): N'")
        }
        if let t = try node.child("target") {
            guard m.kind == .inTraining else {
                throw t.error("'target' applies to in-training methods; '\(m.name)' is a black-box method")
            }
            m.target = WeightingTarget(rawValue: try t.choice(WeightingTarget.allCases.map(\.rawValue)))
        }
        if let a = try node.child("architecture") {
            m.architecture = ModelArchitecture.Kind(rawValue: try a.choice(ModelArchitecture.Kind.allCases.map(\.rawValue)))!
        }
        if let l = try node.child("label") {
            let label = try l.string()
            // The label names the run folder and the report rows: a plain name.
            guard !label.isEmpty, !label.contains("/"), !label.contains("\\"), !label.contains(".."),
                  !label.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f || $0 == "," }) else {
                throw l.error("'label' names the run folder and report rows: use a plain name without '/', '\\', '..' or ',', got '\(ErrorText.escapingControlCharacters(label))'")
            }
            m.name = label
        }
        if let e = m.evaluations, let p = m.population, p > e {
            throw node.error("method '\(m.name)': population \(p) exceeds the budget of \(e) evaluations")
        }
        do { try MethodSettingsCheck.check(m, resolved: resolved, probe: probe) } catch {
            throw nameNode.error("method '\(m.name)': \(error)")
        }
        return m
    }
}
