@testable import Recommender

/// The straightforward e-commerce scenario build on raw 64-bit keys (`TaobaoLoader.load`, hash tables
/// of pairs and categories, `InteractionFilter`, `ImplicitScenarioBuilder` with `RawTable` and
/// `FeatureEncoder`): the reference the compact `TaobaoScenarioBuilder` must reproduce exactly.
enum ReferenceTaobaoScenario {
    static func build(path: String, options: RealScenarioOptions) throws -> ScenarioData {
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
        return try ImplicitScenarioBuilder.build(
            kind: .ecommerce, positives: positives, objectives: ["click", "purchase"],
            interactions: (log.users, log.items), candidates: log.items,
            itemCategorical: [("category_id", { category[$0] ?? RawTable.missingKey })],
            options: options, report: report,
            notes: ["Taobao UserBehavior (\(path)): \(log.count) events, \(positives.users.count) viewed (user, item) pairs after filtering",
                    "click = viewed pair vs sampled never-touched item (\(options.negativesPerPositive) per positive, seed \(options.seed)); purchase = view followed by a buy of the same pair"])
    }
}
