import Foundation
import NumericCore

/// The e-commerce scenario from the Taobao UserBehavior log: objectives `click` and `purchase`.
public enum EcommerceDataset {
    /// Builds train / validation / test tables from a Taobao UserBehavior file.
    ///
    /// Positives are the distinct viewed (user, item) pairs, timed by their first view; `click` = 1
    /// and `purchase` = 1 when one of the pair's views is followed by a buy of the same pair
    /// (`DerivedObjectives.purchaseAfterView`). The log has no exposures, so for every positive
    /// `negativesPerPositive` items the user never touched (in any behaviour, anywhere in the log) are
    /// sampled from all logged items with `click` = `purchase` = 0. Positives are filtered (k-core),
    /// split (default per-user leave-last-out by first-view time), and negatives sampled per split.
    ///
    /// Features: user tower `user_id`, `user_activity` (the user's training positives, log1p +
    /// standardized); item tower `item_id`, `category_id`, `item_popularity` (the item's training
    /// positives). Counts come from the training split only, also for validation/test rows.
    ///
    /// Built on dense 32-bit ids (`TaobaoEventLog`, `TaobaoScenarioBuilder`): about 21 bytes per
    /// event while loading and 44 bytes per encoded example; with `trainingNegatives = .perEpoch`
    /// the full 100 M-event log fits a few GB. Duplicate lines (same five fields) are counted and
    /// have no effect on the positives.
    ///
    /// With `options.behaviourHistories` the examples carry behaviour histories
    /// (`ExampleTable.sequences`, for the sequence user towers): every logged event (pv, buy, cart, fav)
    /// of a training pair from that pair's first view on, strictly before the example's time (a negative
    /// is timed by its positive). That path reads the log with 64-bit keys (`TaobaoLoader.load`) and
    /// builds through `ImplicitScenarioBuilder`: several times the memory of the compact path.
    /// - Throws: `DataError`.
    public static func taobao(path: String, options: RealScenarioOptions = RealScenarioOptions()) throws -> ScenarioData {
        if options.behaviourHistories { return try taobaoWithHistories(path: path, options: options) }
        // With a cache, the built scenario itself is cached too (`TaobaoScenarioCache`): a second run
        // on the same file and options reads its tables back.
        var scenarioCache: (path: String, header: [UInt64])?
        switch options.parsedLogCache {
        case .off: break
        case .besideSource, .directory:
            guard FileManager.default.isReadableFile(atPath: path) else { throw DataError.fileNotFound(path: path) }
            var directory: String?
            if case .directory(let d) = options.parsedLogCache { directory = d }
            let cachePath = TaobaoScenarioCache.cachePath(for: path, directory: directory)
            let header = try TaobaoScenarioCache.header(source: path, options: options)
            if var cached = TaobaoScenarioCache.read(cachePath, header: header) {
                cached.notes.append("tables read from the scenario cache \(cachePath)")
                return cached
            }
            scenarioCache = (cachePath, header)
        }
        var (log, report): (TaobaoEventLog, LoadReport)
        switch options.parsedLogCache {
        case .off: (log, report) = try TaobaoLoader.loadEvents(path: path, options: options.load)
        case .besideSource: (log, report, _) = try TaobaoLogCache.load(path: path, options: options.load)
        case .directory(let d): (log, report, _) = try TaobaoLogCache.load(path: path, options: options.load, cacheDirectory: d)
        }
        let data = try TaobaoScenarioBuilder.build(log: &log, report: report, path: path, options: options)
        if let scenarioCache { try? TaobaoScenarioCache.write(data, header: scenarioCache.header, to: scenarioCache.path) }
        return data
    }

    /// The Taobao scenario with behaviour histories (see `taobao(path:options:)`).
    static func taobaoWithHistories(path: String, options: RealScenarioOptions) throws -> ScenarioData {
        let (log, report) = try TaobaoLoader.load(path: path, options: options.load)
        let pav = DerivedObjectives.purchaseAfterView(users: log.users, items: log.items, behaviors: log.behaviors, timestamps: log.timestamps)
        var pairIndex = [Pair: Int]()
        var pu = [Int64](), pi = [Int64](), pt = [Int64](), pp = [Double]()
        var category = [Int64: Int64]()
        for r in 0..<log.count {
            if category[log.items[r]] == nil { category[log.items[r]] = log.categories[r] }
            guard log.behaviors[r] == .pv else { continue }
            let key = Pair(log.users[r], log.items[r])
            if let k = pairIndex[key] {
                pt[k] = min(pt[k], log.timestamps[r])
                pp[k] = max(pp[k], Double(pav[r]))
            } else {
                pairIndex[key] = pu.count
                pu.append(log.users[r]); pi.append(log.items[r]); pt.append(log.timestamps[r]); pp.append(Double(pav[r]))
            }
        }
        let kept = InteractionFilter.minimumCounts(users: pu, items: pi, minUserCount: options.minUserCount, minItemCount: options.minItemCount)
        let positives = ImplicitPositives(users: kept.map { pu[$0] }, items: kept.map { pi[$0] }, timestamps: kept.map { pt[$0] },
                                          secondLabel: kept.map { pp[$0] })
        let data = try ImplicitScenarioBuilder.build(
            kind: .ecommerce, positives: positives, objectives: ["click", "purchase"],
            interactions: (log.users, log.items), candidates: log.items,
            itemCategorical: [("category_id", { category[$0] ?? RawTable.missingKey })],
            options: options, report: report,
            notes: ["Taobao UserBehavior (\(path)): \(log.count) events, \(positives.users.count) viewed (user, item) pairs after filtering",
                    "click = viewed pair vs sampled never-touched item (\(options.negativesPerPositive) per positive, seed \(options.seed)); purchase = view followed by a buy of the same pair"],
            history: .init(log: behaviourLog(log), behaviourCardinality: 5, itemField: "item_id", categoryField: "category_id"))
        return data
    }

    /// Every event of the log with behaviour codes pv 1, buy 2, cart 3, fav 4 (the histories' source).
    static func behaviourLog(_ log: TaobaoLog) -> BehaviourLog {
        var out = BehaviourLog()
        out.users = log.users; out.items = log.items; out.categories = log.categories; out.times = log.timestamps
        out.behaviours = log.behaviors.map { b -> Int32 in
            switch b { case .pv: return 1; case .buy: return 2; case .cart: return 3; case .fav: return 4 }
        }
        return out
    }
}
