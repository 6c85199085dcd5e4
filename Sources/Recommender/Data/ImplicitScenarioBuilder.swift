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
                      report: LoadReport, notes: [String]) throws -> ScenarioData {
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
        func part(_ rows: [Int], _ name: String, isTrain: Bool = false) throws -> RawTable {
            let pu = rows.map { positives.users[$0] }, pi = rows.map { positives.items[$0] }
            let neg = try NegativeSampler.sample(positiveUsers: pu, positiveItems: pi, interactions: interactions, candidates: candidates,
                                                 perPositive: options.negativesPerPositive, seed: seedFor(name))
            let users = pu + neg.users, items = pi + neg.items
            let first = [Double](repeating: 1, count: pu.count) + [Double](repeating: 0, count: neg.users.count)
            let second = rows.map { positives.secondLabel[$0] } + [Double](repeating: 0, count: neg.users.count)
            var cats: [RawTable.CategoricalColumn] = [
                .init(name: "user_id", tower: .user, values: users),
                .init(name: "item_id", tower: .item, values: items)]
            for (name, f) in itemCategorical { cats.append(.init(name: name, tower: .item, values: items.map(f))) }
            let nums: [RawTable.NumericColumn] = [
                .init(name: "user_activity", tower: .user, transform: .log1pStandardize, values: users.map { Double(userCount[$0] ?? 0) }),
                .init(name: "item_popularity", tower: .item, transform: .log1pStandardize,
                      values: items.enumerated().map { r, item in
                          let own = isTrain && r < pu.count ? 1 : 0  // the first pu.count rows are the positives
                          return Double((itemCount[item] ?? 0) - own)
                      })]
            return RawTable(categorical: cats, numeric: nums,
                            objectives: objectives.map { ObjectiveSpec(name: $0, kind: .binary) },
                            labels: [first, second], userKeys: users, itemKeys: items)
        }
        return try ScenarioData.encode(kind: kind, train: try part(split.train, "train", isTrain: true), validation: try part(split.validation, "validation"),
                                       test: try part(split.test, "test"), options: options.encoder, isSimulated: false,
                                       notes: notes, report: report)
    }
}
