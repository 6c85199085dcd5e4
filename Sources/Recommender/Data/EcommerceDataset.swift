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
    /// - Throws: `DataError`.
    public static func taobao(path: String, options: RealScenarioOptions = RealScenarioOptions()) throws -> ScenarioData {
        var (log, report): (TaobaoEventLog, LoadReport)
        switch options.parsedLogCache {
        case .off: (log, report) = try TaobaoLoader.loadEvents(path: path, options: options.load)
        case .besideSource: (log, report, _) = try TaobaoLogCache.load(path: path, options: options.load)
        case .directory(let d): (log, report, _) = try TaobaoLogCache.load(path: path, options: options.load, cacheDirectory: d)
        }
        return try TaobaoScenarioBuilder.build(log: &log, report: report, path: path, options: options)
    }
}
