import Foundation
import NumericCore

/// An embedded, deterministic generator of a scenario's data: users and items with latent factors,
/// categorical and dense features, and labels for the scenario's two objectives (three on request) —
/// the default a fresh machine uses when no dataset is given. Everything it produces is simulated and
/// says so.
///
/// Model. User `u` and item `v` factors are standard normal in `R^d` (d even). Objective 1's affinity is
/// `s₁ = uᵀv / √d`; objective 2's is `s₂ = uᵀ R(θ) v / √d` where `R(θ)` rotates every coordinate plane
/// (0,1), (2,3), … by `θ = conflict · π`. Then `corr(s₁, s₂) = cos θ`: `conflict = 0` makes the two
/// objectives share their signal, `0.5` makes them unrelated, `1` makes them pull in opposite directions.
/// User and item biases (activity, popularity) enter both objectives. Labels:
/// - ecommerce: `click ~ Bernoulli(σ(2s₁ + b_u + b_i − 0.5))`, `purchase ~ Bernoulli(σ(2s₂ + b_u + b_i − 2))`;
/// - music: `depth ~ Bernoulli(σ(2s₁ + b_u + b_i))`, `repeat ~ Bernoulli(σ(2s₂ + b_u − 0.5))`;
/// - video: `depth ~ Bernoulli(σ(2s₁ + b_u + b_i))` (the user continues the session), and the
///   continuous `watch_time = log1p(seconds watched)`, seconds = duration · 1.2 · σ(2s₂ + b_i + ε),
///   ε ~ N(0, 0.5²), duration the real KuaiRand one when `videos` is given, else log-normal.
///
/// Features: user `user_id`, `user_segment` (argmax of u's first 4 coordinates), `user_region` (noise);
/// dense `user_f0…f3` (u's first coordinates + N(0, 0.5²) noise), `user_activity` (b_u + noise). Item
/// A third objective (`objectives: 3`) has affinity `s₃ = uᵀ R(−θ/2) v / √d`, so
/// `corr(s₁, s₃) = cos(θ/2)` and `corr(s₂, s₃) = cos(3θ/2)`: at `conflict = 0.5` it agrees with objective 1
/// and opposes objective 2. Its labels come from a generator stream of their own, so the first two
/// objectives' data are the same bits with or without it:
/// - video `like ~ Bernoulli(σ(2s₃ + b_i − 1.5))`, ecommerce `favourite ~ Bernoulli(σ(2s₃ + b_u − 1.5))`,
///   music `share ~ Bernoulli(σ(2s₃ + b_i − 1.5))`; census has no third objective.
///
/// `item_id`, `item_category` (sign pattern of v's first 3 coordinates), `item_creator`; dense
/// `item_f0…f3`, `item_popularity`. With real videos: `item_id` = video id, `item_creator` = author id,
/// `item_category` = first tag, dense `log_duration` instead of popularity.
public struct SyntheticScenario: Sendable, Equatable {
    /// Scenario (which objectives are generated).
    public var kind: ScenarioKind
    /// Number of synthetic users.
    public var users: Int
    /// Number of items (the real video count when `videos` is given).
    public var items: Int
    /// Number of examples (split into train / validation / test).
    public var rows: Int
    /// Latent dimension (even).
    public var latentDimension: Int
    /// Objective conflict in [0, 1].
    public var conflict: Double
    /// Seed of every random draw.
    public var seed: UInt64
    /// Fraction of rows in the validation split.
    public var validationFraction: Double
    /// Fraction of rows in the test split.
    public var testFraction: Double
    /// Real KuaiRand videos for the video scenario (items only; users and responses stay simulated).
    public var videos: KuaiRandVideos?
    /// Number of objectives generated: 2, or 3 for the scenario's third simulated signal.
    public var objectiveCount: Int

    /// A validated configuration.
    /// - Throws: `DataError.invalidArgument` for conflict outside [0, 1], fewer than 10 rows, no users
    ///   or items, an odd or non-positive latent dimension, bad fractions, or an objective count other
    ///   than 2 or 3 (census: 2 only).
    public init(kind: ScenarioKind, users: Int = 2_000, items: Int = 1_000, rows: Int = 100_000, latentDimension: Int = 8,
                conflict: Double = 0.5, seed: UInt64 = 42, validationFraction: Double = 0.1, testFraction: Double = 0.1,
                videos: KuaiRandVideos? = nil, objectives: Int = 2) throws {
        guard objectives == 2 || objectives == 3 else {
            throw DataError.invalidArgument("a synthetic scenario has 2 or 3 objectives, got \(objectives)")
        }
        guard objectives == 2 || Self.thirdObjective(of: kind) != nil else {
            throw DataError.invalidArgument("the \(kind.rawValue) scenario has no third simulated objective")
        }
        guard (0...1).contains(conflict) else { throw DataError.invalidArgument("conflict must be in [0, 1], got \(conflict)") }
        guard rows >= 10 else { throw DataError.invalidArgument("rows must be ≥ 10, got \(rows)") }
        guard rows <= Self.maximumRows else {
            throw DataError.invalidArgument("rows \(rows) is above the maximum of \(Self.maximumRows) synthetic rows")
        }
        guard users <= Self.maximumRows, items <= Self.maximumRows, latentDimension <= 1_024 else {
            throw DataError.invalidArgument("users, items (≤ \(Self.maximumRows)) or latent dimension (≤ 1024) too large")
        }
        guard users >= 1, items >= 1 || videos != nil else { throw DataError.invalidArgument("users and items must be ≥ 1") }
        guard latentDimension >= 2, latentDimension % 2 == 0 else { throw DataError.invalidArgument("latent dimension must be even and ≥ 2") }
        guard validationFraction > 0, testFraction > 0, validationFraction + testFraction < 1 else {
            throw DataError.invalidArgument("validation and test fractions must be > 0 with sum < 1")
        }
        if let v = videos, v.count == 0 { throw DataError.invalidArgument("the video file has no videos") }
        self.kind = kind; self.users = users; self.items = videos?.count ?? items; self.rows = rows
        self.latentDimension = latentDimension; self.conflict = conflict; self.seed = seed
        self.validationFraction = validationFraction; self.testFraction = testFraction; self.videos = videos
        self.objectiveCount = objectives
    }

    /// The third simulated objective of a scenario (`like`, `favourite`, `share`), or `nil` (census).
    public static func thirdObjective(of kind: ScenarioKind) -> ObjectiveSpec? {
        switch kind {
        case .video: return .init(name: "like", kind: .binary)
        case .ecommerce: return .init(name: "favourite", kind: .binary)
        case .music: return .init(name: "share", kind: .binary)
        case .census: return nil
        }
    }

    /// Most rows the generator produces (about 2 GB of tables); larger requests are refused up front.
    public static let maximumRows = 20_000_000

    /// The default configuration for a scenario (100,000 rows, conflict 0.5, seed 42).
    public static func defaultConfiguration(for kind: ScenarioKind) -> SyntheticScenario {
        // Valid by construction.
        (try? SyntheticScenario(kind: kind))!
    }

    /// Generates the scenario: rows split at random (by `seed`), encoder fitted on the training split.
    /// - Complexity: O(rows × d).
    /// - Throws: `DataError` (only on internal inconsistencies).
    public func generate() throws -> ScenarioData {
        let d = latentDimension
        let root = SeededGenerator(seed: seed)
        var g = root.split("users")
        let uf = (0..<(users * d)).map { _ in g.nextGaussian() }
        let ub = (0..<users).map { _ in 0.5 * g.nextGaussian() }
        let region = (0..<users).map { _ in Int64(g.nextInt(below: 10)) }
        g = root.split("items")
        let vf = (0..<(items * d)).map { _ in g.nextGaussian() }
        let ib = (0..<items).map { _ in 0.5 * g.nextGaussian() }
        let creator = (0..<items).map { _ in Int64(g.nextInt(below: max(1, items / 10))) }
        let synthDurationS = (0..<items).map { _ in exp(3.3 + 0.8 * g.nextGaussian()) }
        let theta = conflict * Double.pi, c = cos(theta), s = sin(theta)
        let scale = 1 / Double(d).squareRoot()

        var uKeys = [Int64](), iKeys = [Int64](), y1 = [Double](), y2 = [Double](), y3 = [Double]()
        // The third objective rotates by −θ/2 and draws from its own stream (the first two are unchanged).
        let c3 = cos(-theta / 2), s3 = sin(-theta / 2)
        var tg = root.split("third-objective")
        var uSeg = [Int64](), uReg = [Int64](), iCat = [Int64](), iCre = [Int64]()
        var uDense = Array(repeating: [Double](), count: 5), iDense = Array(repeating: [Double](), count: 5)
        var rg = root.split("rows")
        let noise = root.split("features")
        var ng = noise
        for _ in 0..<rows {
            let u = rg.nextInt(below: users), i = rg.nextInt(below: items)
            var s1 = 0.0, s2 = 0.0
            for p in stride(from: 0, to: d, by: 2) {
                let a = uf[u * d + p], b = uf[u * d + p + 1], x = vf[i * d + p], y = vf[i * d + p + 1]
                s1 += a * x + b * y
                s2 += a * (c * x - s * y) + b * (s * x + c * y)
            }
            s1 *= scale; s2 *= scale
            if objectiveCount == 3 {
                var a3 = 0.0
                for p in stride(from: 0, to: d, by: 2) {
                    let a = uf[u * d + p], b = uf[u * d + p + 1], x = vf[i * d + p], y = vf[i * d + p + 1]
                    a3 += a * (c3 * x - s3 * y) + b * (s3 * x + c3 * y)
                }
                let bias = kind == .ecommerce ? ub[u] : ib[i]
                y3.append(tg.nextUniform() < sigmoid(2 * a3 * scale + bias - 1.5) ? 1 : 0)
            }
            switch kind {
            case .ecommerce:
                y1.append(rg.nextUniform() < sigmoid(2 * s1 + ub[u] + ib[i] - 0.5) ? 1 : 0)
                y2.append(rg.nextUniform() < sigmoid(2 * s2 + ub[u] + ib[i] - 2) ? 1 : 0)
            case .music, .census:
                y1.append(rg.nextUniform() < sigmoid(2 * s1 + ub[u] + ib[i]) ? 1 : 0)
                y2.append(rg.nextUniform() < sigmoid(2 * s2 + ub[u] - 0.5) ? 1 : 0)
            case .video:
                y1.append(rg.nextUniform() < sigmoid(2 * s1 + ub[u] + ib[i]) ? 1 : 0)
                let duration = videoDurationSeconds(i) ?? synthDurationS[i]
                let ratio = 1.2 * sigmoid(2 * s2 + ib[i] + 0.5 * rg.nextGaussian())
                y2.append(log1p(duration * ratio))
            }
            uKeys.append(Int64(u))
            iKeys.append(videos?.videoIDs[i] ?? Int64(i))
            var best = 0
            for p in 1..<min(4, d) where uf[u * d + p] > uf[u * d + best] { best = p }
            uSeg.append(Int64(best)); uReg.append(region[u])
            var cat: Int64 = 0
            for p in 0..<min(3, d) where vf[i * d + p] > 0 { cat |= 1 << Int64(p) }
            if let v = videos { iCat.append(v.tags[i].first ?? RawTable.missingKey); iCre.append(v.authorIDs[i]) }
            else { iCat.append(cat); iCre.append(creator[i]) }
            for p in 0..<4 {
                uDense[p].append(uf[u * d + min(p, d - 1)] + 0.5 * ng.nextGaussian())
                iDense[p].append(vf[i * d + min(p, d - 1)] + 0.5 * ng.nextGaussian())
            }
            uDense[4].append(ub[u] + 0.25 * ng.nextGaussian())
            if let v = videos { iDense[4].append(v.durationsMs[i]) }  // NaN stays missing → filled + indicator
            else { iDense[4].append(ib[i] + 0.25 * ng.nextGaussian()) }
        }
        var objectives: [ObjectiveSpec]
        switch kind {
        case .ecommerce: objectives = [.init(name: "click", kind: .binary), .init(name: "purchase", kind: .binary)]
        case .music: objectives = [.init(name: "depth", kind: .binary), .init(name: "repeat", kind: .binary)]
        case .census: objectives = [.init(name: "income", kind: .binary), .init(name: "marital_status", kind: .binary)]
        case .video: objectives = [.init(name: "depth", kind: .binary), .init(name: "watch_time", kind: .continuous)]
        }
        var labels = [y1, y2]
        if objectiveCount == 3, let third = Self.thirdObjective(of: kind) {
            objectives.append(third)
            labels.append(y3)
        }
        var numeric = (0..<4).map { RawTable.NumericColumn(name: "user_f\($0)", tower: .user, values: uDense[$0]) }
        numeric.append(.init(name: "user_activity", tower: .user, values: uDense[4]))
        numeric += (0..<4).map { RawTable.NumericColumn(name: "item_f\($0)", tower: .item, values: iDense[$0]) }
        if videos != nil {
            numeric.append(.init(name: "log_duration", tower: .item, transform: .log1pStandardize, missingIndicator: true, values: iDense[4]))
        } else {
            numeric.append(.init(name: "item_popularity", tower: .item, values: iDense[4]))
        }
        let raw = RawTable(
            categorical: [.init(name: "user_id", tower: .user, values: uKeys), .init(name: "user_segment", tower: .user, values: uSeg),
                          .init(name: "user_region", tower: .user, values: uReg), .init(name: "item_id", tower: .item, values: iKeys),
                          .init(name: "item_category", tower: .item, values: iCat), .init(name: "item_creator", tower: .item, values: iCre)],
            numeric: numeric, objectives: objectives, labels: labels, userKeys: uKeys, itemKeys: iKeys)
        let split = try DatasetSplitter.split(count: rows, strategy: .random(validation: validationFraction, test: testFraction, seed: seed))
        var notes = ["SIMULATED \(kind.rawValue) data: \(users) synthetic users, \(rows) rows, latent dimension \(d), conflict \(conflict), seed \(seed)"]
        if videos != nil {
            notes.append("items are \(items) real KuaiRand videos (ids, authors, first tags, durations); users and responses (\(objectives.map(\.name).joined(separator: ", "))) are SIMULATED — KuaiRand interaction logs are not available here")
        } else {
            notes.append("SIMULATED items (\(items)) and labels; no real dataset was used")
        }
        var data = try ScenarioData.encode(kind: kind, train: raw.subset(split.train), validation: raw.subset(split.validation),
                                           test: raw.subset(split.test), options: EncoderOptions(), isSimulated: true, notes: notes, report: nil)
        // Row r happens at time r; a user's history is their earlier training rows with a positive
        // first objective (behaviour 1), or positive on both binary objectives (behaviour 2).
        var history = BehaviourLog()
        let secondIsBinary = objectives[1].kind == .binary
        for r in split.train where y1[r] >= 0.5 {
            history.append(user: uKeys[r], item: iKeys[r], category: iCat[r], behaviour: secondIsBinary && y2[r] >= 0.5 ? 2 : 1,
                           time: Int64(r))
        }
        try BehaviourSequenceBuilder.attach(to: &data, history: history, behaviourCardinality: 3, itemField: "item_id",
                                            categoryField: "item_category",
                                            times: (split.train.map(Int64.init), split.validation.map(Int64.init), split.test.map(Int64.init)))
        data.notes.append("SIMULATED behaviour histories: row r happens at time r; a history holds the user's earlier training rows with a positive \(objectives[0].name)")
        return data
    }

    private func videoDurationSeconds(_ i: Int) -> Double? {
        guard let v = videos, v.durationsMs[i].isFinite, v.durationsMs[i] > 0 else { return nil }
        return v.durationsMs[i] / 1000
    }
}

@inline(__always) func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
