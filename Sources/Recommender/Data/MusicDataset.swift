/// The music scenario from listening counts: objectives `depth` (the user listens to the artist:
/// logged pair vs sampled never-listened artist) and `repeat` (play count above the user's median).
public enum MusicDataset {
    /// Builds the scenario from HetRec Last.fm `user_artists.dat`. The files have no timestamps, so
    /// the default split is random by seed (leave-last-out and temporal are rejected).
    /// - Throws: `DataError`.
    public static func lastFM(path: String, options: RealScenarioOptions = RealScenarioOptions(split: .random(validation: 0.1, test: 0.1, seed: 42))) throws -> ScenarioData {
        let (log, report) = try ListeningLoader.loadLastFM(path: path, options: options.load)
        return try build(log: log, report: report, source: "HetRec 2011 Last.fm (\(path))", options: options)
    }

    /// Builds the scenario from an Audioscrobbler `user_artist_data.txt`.
    /// - Throws: `DataError`.
    public static func audioscrobbler(path: String, options: RealScenarioOptions = RealScenarioOptions(split: .random(validation: 0.1, test: 0.1, seed: 42))) throws -> ScenarioData {
        let (log, report) = try ListeningLoader.loadAudioscrobbler(path: path, options: options.load)
        return try build(log: log, report: report, source: "Audioscrobbler (\(path))", options: options)
    }

    /// Builds the scenario from a loaded listening log. `repeat` uses the median over all of the
    /// user's artists (a label definition, not a feature). Features as in `EcommerceDataset.taobao`
    /// (`user_id`, `user_activity`; `item_id`, `item_popularity`), counts from the training split only.
    /// - Throws: `DataError.invalidArgument` for a time-based split (no timestamps), `.emptySplit`.
    public static func build(log: ListeningLog, report: LoadReport, source: String, options: RealScenarioOptions) throws -> ScenarioData {
        if case .random = options.split {} else {
            throw DataError.invalidArgument("listening counts have no timestamps: use a random split")
        }
        let repeatLabel = DerivedObjectives.repeatListening(users: log.users, counts: log.counts)
        let kept = InteractionFilter.minimumCounts(users: log.users, items: log.artists, minUserCount: options.minUserCount,
                                                   minItemCount: options.minItemCount)
        let positives = ImplicitPositives(users: kept.map { log.users[$0] }, items: kept.map { log.artists[$0] }, timestamps: nil,
                                          secondLabel: kept.map { Double(repeatLabel[$0]) })
        return try ImplicitScenarioBuilder.build(
            kind: .music, positives: positives, objectives: ["depth", "repeat"], interactions: (log.users, log.artists),
            candidates: log.artists, itemCategorical: [], options: options, report: report,
            notes: ["\(source): \(log.count) user–artist rows, \(positives.users.count) after filtering",
                    "depth = listened artist vs sampled never-listened artist (\(options.negativesPerPositive) per positive, seed \(options.seed)); repeat = play count above the user's median",
                    "no listening timestamps exist in this source: sessions and skips cannot be derived"])
    }
}
