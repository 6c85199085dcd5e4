extension ScenarioData {
    /// The data a scenario run uses: the real file at `dataPath` when given, otherwise the embedded
    /// synthetic default (`SyntheticScenario`, marked simulated). What `paretorec train --scenario …
    /// [--data PATH] [--synthetic-rows N]` needs.
    ///
    /// File formats by scenario, recognised from the header:
    /// - ecommerce: a Taobao UserBehavior file (`EcommerceDataset.taobao`);
    /// - music: HetRec `user_artists.dat` (header `userID\tartistID\tweight`), otherwise an
    ///   Audioscrobbler `user artist playcount` file (`MusicDataset`);
    /// - video: a KuaiRand log (header with `play_time_ms`, `VideoDataset.kuaiRandLog`) or a KuaiRand
    ///   video-feature file (header with `video_duration`: real videos, simulated users,
    ///   `VideoDataset.kuaiRandSimulated`).
    /// - Throws: `DataError` (missing file, unrecognised header, empty split, …).
    public static func make(kind: ScenarioKind, dataPath: String? = nil, syntheticRows: Int = 100_000, conflict: Double = 0.5,
                            seed: UInt64 = 42) throws -> ScenarioData {
        guard let path = dataPath else {
            return try SyntheticScenario(kind: kind, rows: syntheticRows, conflict: conflict, seed: seed).generate()
        }
        do {
            var data = try makeFromFile(kind: kind, path: path, syntheticRows: syntheticRows, conflict: conflict, seed: seed)
            if let summary = data.loadReport?.malformedSummary { data.notes.append("\(path): \(summary)") }
            return data
        } catch DataError.emptySplit(let name) {
            // Usually a file of another format whose every row was skipped as malformed: name the file.
            throw DataError.schemaMismatch(file: path, line: nil, reason: "no usable rows for the \(kind.rawValue) scenario "
                                           + "(the \(name) split is empty); is it the right file and format?")
        }
    }

    private static func makeFromFile(kind: ScenarioKind, path: String, syntheticRows: Int, conflict: Double,
                                     seed: UInt64) throws -> ScenarioData {
        switch kind {
        case .ecommerce:
            return try EcommerceDataset.taobao(path: path, options: RealScenarioOptions(seed: seed))
        case .music:
            let options = RealScenarioOptions(split: .random(validation: 0.1, test: 0.1, seed: seed), seed: seed)
            let first = try DelimitedReader(path: path, format: DelimitedFormat(delimiter: 9, quote: nil, hasHeader: true)).header
            return first.contains("userID")
                ? try MusicDataset.lastFM(path: path, options: options)
                : try MusicDataset.audioscrobbler(path: path, options: options)
        case .video:
            let header = try DelimitedReader(path: path, format: .csv).header
            if header.contains("play_time_ms") { return try VideoDataset.kuaiRandLog(path: path) }
            if header.contains("video_duration") {
                return try VideoDataset.kuaiRandSimulated(videoFeaturesPath: path, rows: syntheticRows, conflict: conflict, seed: seed)
            }
            throw DataError.schemaMismatch(file: path, line: 1,
                                           reason: "not a KuaiRand log (needs play_time_ms) or video-feature file (needs video_duration)")
        }
    }
}
