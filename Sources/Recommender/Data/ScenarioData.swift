/// The scenarios (the three of the seed experiments and the census benchmark) and their two objectives each.
public enum ScenarioKind: String, Codable, Sendable, CaseIterable {
    /// E-commerce: click + purchase (Taobao, Ali-CCP, AliExpress).
    case ecommerce
    /// Short video: session depth + watch time (KuaiRand).
    case video
    /// Music: depth (listens) + repeat listening (Last.fm, Audioscrobbler).
    case music
    /// Census: income over $50K + marital status "never married" (UCI census-income, the MMoE paper's
    /// multi-task benchmark).
    case census
}

/// Train / validation / test tables of one scenario sharing one `FeatureLayout`, with their
/// provenance. `notes` always says where the data came from and what, if anything, is simulated.
public struct ScenarioData: Sendable {
    /// Scenario.
    public var kind: ScenarioKind
    /// Training split.
    public var train: ExampleTable
    /// Validation split.
    public var validation: ExampleTable
    /// Test split.
    public var test: ExampleTable
    /// The encoder fitted on the training split (apply it to new raw rows).
    public var encoder: FeatureEncoder
    /// True when users, items or labels are simulated.
    public var isSimulated: Bool
    /// Human-readable provenance lines (each simulated part starts with "SIMULATED").
    public var notes: [String]
    /// What the loader read and skipped (nil for fully synthetic data).
    public var loadReport: LoadReport?
    /// With `NegativeStorage.perEpoch`: the sampler that pairs the training positives (all of `train`)
    /// with fresh negatives each epoch (`Trainer.train(_:positives:negatives:configuration:)`); nil
    /// when the training negatives are stored in `train`.
    public var trainingNegatives: EpochNegativeSampler? = nil
    /// The shared layout.
    public var layout: FeatureLayout { train.layout }

    /// Assembles scenario data from already encoded splits.
    public init(kind: ScenarioKind, train: ExampleTable, validation: ExampleTable, test: ExampleTable, encoder: FeatureEncoder,
                isSimulated: Bool, notes: [String], loadReport: LoadReport? = nil) {
        self.kind = kind; self.train = train; self.validation = validation; self.test = test; self.encoder = encoder
        self.isSimulated = isSimulated; self.notes = notes; self.loadReport = loadReport
    }

    /// Fits an encoder on `train` and encodes the three splits.
    /// - Throws: `DataError.emptySplit` when a split is empty, or encoder errors.
    static func encode(kind: ScenarioKind, train: RawTable, validation: RawTable, test: RawTable, options: EncoderOptions,
                       isSimulated: Bool, notes: [String], report: LoadReport?) throws -> ScenarioData {
        if train.count == 0 { throw DataError.emptySplit(name: "train") }
        if validation.count == 0 { throw DataError.emptySplit(name: "validation") }
        if test.count == 0 { throw DataError.emptySplit(name: "test") }
        let encoder = try FeatureEncoder(fitting: train, options: options)
        return ScenarioData(kind: kind, train: try encoder.encode(train), validation: try encoder.encode(validation),
                            test: try encoder.encode(test), encoder: encoder, isSimulated: isSimulated, notes: notes, loadReport: report)
    }
}

/// Options for building a scenario from a real implicit-feedback log.
public struct RealScenarioOptions: Sendable, Equatable {
    /// Sampled negatives per positive (in every split).
    public var negativesPerPositive: Int
    /// How positives are split (negatives are sampled per split afterwards).
    public var split: SplitStrategy
    /// Minimum positives per user / item, applied as an iterated k-core filter before splitting.
    public var minUserCount: Int
    /// Minimum positives per item.
    public var minItemCount: Int
    /// Seed for negative sampling (and random splits that use it).
    public var seed: UInt64
    /// Loader options (strict mode, row limit for a head of a full dataset).
    public var load: LoadOptions
    /// Encoder options.
    public var encoder: EncoderOptions
    /// Whether the training split stores its negatives or draws them per epoch (validation and test
    /// always store theirs: a protocol fixes them).
    public var trainingNegatives: NegativeStorage
    /// Where the encoded log is cached between runs (Taobao; `TaobaoLogCache`).
    public var parsedLogCache: ParsedLogCache = .off
    /// Whether examples carry behaviour histories for the sequence user towers (Taobao: the general,
    /// memory-heavier path; the synthetic scenarios always carry them).
    public var behaviourHistories = false

    /// Options with the defaults used by the scenario builders.
    public init(negativesPerPositive: Int = 4, split: SplitStrategy = .leaveLastOut, minUserCount: Int = 3, minItemCount: Int = 1,
                seed: UInt64 = 42, load: LoadOptions = LoadOptions(), encoder: EncoderOptions = EncoderOptions(),
                trainingNegatives: NegativeStorage = .stored) {
        self.negativesPerPositive = negativesPerPositive; self.split = split
        self.minUserCount = minUserCount; self.minItemCount = minItemCount; self.seed = seed; self.load = load; self.encoder = encoder
        self.trainingNegatives = trainingNegatives
    }
}

/// Whether and where a parsed log is cached between runs.
public enum ParsedLogCache: Sendable, Equatable {
    /// Always parse the text.
    case off
    /// `<file>.paretorec-cache` beside the source file.
    case besideSource
    /// `<file name>.paretorec-cache` in this directory.
    case directory(String)
}

/// Where sampled training negatives live.
public enum NegativeStorage: String, Sendable, Equatable, CaseIterable {
    /// Drawn once and stored as rows of the training table.
    case stored
    /// Drawn per epoch from a seeded stream (`EpochNegativeSampler`); the training table holds positives only.
    case perEpoch = "per-epoch"
}
