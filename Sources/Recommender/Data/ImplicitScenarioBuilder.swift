import NumericCore

/// Positives of an implicit-feedback log: one row per (user, item) with an optional time and the
/// second objective's label (the first objective is 1 for every positive).
struct ImplicitPositives {
    var users: [Int64]
    var items: [Int64]
    var timestamps: [Int64]?
    var secondLabel: [Double]
}

/// Shared assembly of the implicit-feedback scenarios (Taobao, Last.fm): split positives, sample
/// negatives per split, add train-only count features, encode.
enum ImplicitScenarioBuilder {
    static func build(kind: ScenarioKind, positives: ImplicitPositives, objectives: [String],
                      interactions: (users: [Int64], items: [Int64]), candidates: [Int64],
                      itemCategorical: [(String, (Int64) -> Int64)], options: RealScenarioOptions,
                      report: LoadReport, notes: [String], history: SequenceSource? = nil) throws -> ScenarioData {
        var data = try buildTables(kind: kind, positives: positives, objectives: objectives, interactions: interactions,
                                   candidates: candidates, itemCategorical: itemCategorical, options: options, report: report, notes: notes)
        if let history, let ts = positives.timestamps {
            try attachHistories(to: &data.data, source: history, positives: positives, timestamps: ts, split: data.split,
                                times: data.times)
        }
        return data.data
    }

    /// The behaviour log a scenario's histories come from, and how its codes map to item fields.
    struct SequenceSource {
        var log: BehaviourLog
        var behaviourCardinality: Int
        var itemField: String
        var categoryField: String
    }

    /// Keeps the behaviours of training positives at or after the positive's own time (so a training
    /// example's own interaction, timed by its first occurrence, is never in its history, and nothing of
    /// a validation or test pair is ever stored) and attaches every split's histories.
    private static func attachHistories(to data: inout ScenarioData, source: SequenceSource, positives: ImplicitPositives,
                                        timestamps: [Int64], split: SplitIndices, times: [[Int64]]) throws {
        var trainingPairs = [Pair: Int64]()
        for i in split.train { trainingPairs[Pair(positives.users[i], positives.items[i])] = timestamps[i] }
        var kept = BehaviourLog()
        let log = source.log
        for r in 0..<log.count {
            guard let start = trainingPairs[Pair(log.users[r], log.items[r])], log.times[r] >= start else { continue }
            kept.append(user: log.users[r], item: log.items[r], category: log.categories[r], behaviour: log.behaviours[r], time: log.times[r])
        }
        try BehaviourSequenceBuilder.attach(to: &data, history: kept, behaviourCardinality: source.behaviourCardinality,
                                            itemField: source.itemField, categoryField: source.categoryField,
                                            times: (times[0], times[1], times[2]))
    }

    private static func buildTables(kind: ScenarioKind, positives: ImplicitPositives, objectives: [String],
                                    interactions: (users: [Int64], items: [Int64]), candidates: [Int64],
                                    itemCategorical: [(String, (Int64) -> Int64)], options: RealScenarioOptions,
                                    report: LoadReport, notes: [String]) throws -> (data: ScenarioData, split: SplitIndices, times: [[Int64]]) {
        let split = try DatasetSplitter.split(count: positives.users.count, users: positives.users, timestamps: positives.timestamps,
                                              strategy: options.split)
        // Train-only popularity / activity counts.
        var userCount = [Int64: Int](), itemCount = [Int64: Int]()
        for i in split.train { userCount[positives.users[i], default: 0] += 1; itemCount[positives.items[i], default: 0] += 1 }
        let base = SeededGenerator(seed: options.seed)
        func seedFor(_ name: String) -> UInt64 { var g = base.split(name); return g.next() }
        // `isTrain`: a training positive's own occurrence is left out of its item-popularity count
        // (leave-one-out), otherwise every training positive has popularity ≥ 1 and sampled negatives
        // often 0 — a label leak that inverts on held-out rows, whose counts come from training only.
        // `positiveCount` rows come first; the rest are negatives or catalogue rows (full counts).
        func table(users: [Int64], items: [Int64], second: [Double], positiveCount: Int, isTrain: Bool) -> RawTable {
            let first = [Double](repeating: 1, count: positiveCount) + [Double](repeating: 0, count: users.count - positiveCount)
            var cats: [RawTable.CategoricalColumn] = [
                .init(name: "user_id", tower: .user, values: users),
                .init(name: "item_id", tower: .item, values: items)]
            for (name, f) in itemCategorical { cats.append(.init(name: name, tower: .item, values: items.map(f))) }
            let nums: [RawTable.NumericColumn] = [
                .init(name: "user_activity", tower: .user, transform: .log1pStandardize,
                      values: users.map { $0 == RawTable.missingKey ? .nan : Double(userCount[$0] ?? 0) }),
                .init(name: "item_popularity", tower: .item, transform: .log1pStandardize,
                      values: items.enumerated().map { r, item in
                          let own = isTrain && r < positiveCount ? 1 : 0
                          return Double((itemCount[item] ?? 0) - own)
                      })]
            return RawTable(categorical: cats, numeric: nums, objectives: objectives.map { ObjectiveSpec(name: $0, kind: .binary) },
                            labels: [first, second], userKeys: users, itemKeys: items)
        }
        // Each example's time: a positive's own, a negative's that of the positive it was drawn for.
        var times: [[Int64]] = []
        func part(_ rows: [Int], _ name: String, isTrain: Bool = false) throws -> RawTable {
            let pu = rows.map { positives.users[$0] }, pi = rows.map { positives.items[$0] }
            let second = rows.map { positives.secondLabel[$0] }
            let pt = positives.timestamps.map { ts in rows.map { ts[$0] } } ?? [Int64](repeating: 0, count: rows.count)
            if isTrain, options.trainingNegatives == .perEpoch {
                times.append(pt)
                return table(users: pu, items: pi, second: second, positiveCount: pu.count, isTrain: true)
            }
            let neg = try NegativeSampler.sample(positiveUsers: pu, positiveItems: pi, interactions: interactions, candidates: candidates,
                                                 perPositive: options.negativesPerPositive, seed: seedFor(name))
            times.append(pt + neg.positiveIndex.map { pt[$0] })
            return table(users: pu + neg.users, items: pi + neg.items, second: second + [Double](repeating: 0, count: neg.users.count),
                         positiveCount: pu.count, isTrain: isTrain)
        }
        let train = try part(split.train, "train", isTrain: true), validation = try part(split.validation, "validation"), test = try part(split.test, "test")
        guard options.trainingNegatives == .perEpoch else {
            return (try ScenarioData.encode(kind: kind, train: train, validation: validation, test: test, options: options.encoder,
                                            isSimulated: false, notes: notes, report: report), split, times)
        }
        // Per-epoch negatives: one catalogue row per candidate item; the encoder is fitted on the
        // training positives and the catalogue, so every candidate item has its own embedding row.
        let pool = Array(Set(candidates)).sorted()
        let catalogue = table(users: [Int64](repeating: RawTable.missingKey, count: pool.count), items: pool,
                              second: [Double](repeating: 0, count: pool.count), positiveCount: 0, isTrain: false)
        let fitting = table(users: train.userKeys + catalogue.userKeys, items: train.itemKeys + catalogue.itemKeys,
                            second: train.labels[1] + catalogue.labels[1], positiveCount: train.count, isTrain: true)
        guard train.count > 0, validation.count > 0, test.count > 0 else {
            throw DataError.emptySplit(name: train.count == 0 ? "train" : validation.count == 0 ? "validation" : "test")
        }
        let encoder = try FeatureEncoder(fitting: fitting, options: options.encoder)
        var data = ScenarioData(kind: kind, train: try encoder.encode(train), validation: try encoder.encode(validation),
                                test: try encoder.encode(test), encoder: encoder, isSimulated: false,
                                notes: notes + ["training negatives drawn per epoch (\(options.negativesPerPositive) per positive, seed \(options.seed)); validation and test negatives stored"],
                                loadReport: report)
        data.trainingNegatives = try EpochNegativeSampler(pool: pool, catalogue: try encoder.encode(catalogue), interactions: interactions,
                                                          perPositive: options.negativesPerPositive, seed: seedFor("train"))
        return (data, split, times)
    }
}
