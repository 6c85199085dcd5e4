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
    /// - ecommerce also reads Ali-CCP (header with `click` and `purchase`) and AliExpress (header with
    ///   `search_id`) training files with their sibling validation / test files (`ProtocolDataset`);
    /// - census: a census-income file in the original or the label-encoded layout (`ProtocolDataset`).
    ///
    /// `format`, when given, names the loader instead (a protocol configuration's `data.format`); it
    /// must belong to `kind`. `trainingNegatives` and `parsedLogCache` apply to Taobao files: per-epoch
    /// negatives and the encoded-column cache are what a full-size log needs. `objectives: 3` adds the
    /// scenario's third simulated objective (`SyntheticScenario.thirdObjective(of:)`) where responses
    /// are simulated: the synthetic default and the KuaiRand video-feature file.
    /// - Throws: `DataError` (missing file, unrecognised header, empty split, a format of another scenario,
    ///   a third objective asked of real responses, …).
    public static func make(kind: ScenarioKind, dataPath: String? = nil, format: DataFormat? = nil, syntheticRows: Int = 100_000,
                            conflict: Double = 0.5, seed: UInt64 = 42, trainingNegatives: NegativeStorage = .stored,
                            parsedLogCache: ParsedLogCache = .off, behaviourHistories: Bool = false,
                            objectives: Int = 2) throws -> ScenarioData {
        if let format, format.kind != kind {
            throw DataError.invalidArgument("data format \(format.rawValue) belongs to the \(format.kind.rawValue) scenario, not \(kind.rawValue)")
        }
        guard let path = dataPath else {
            return try SyntheticScenario(kind: kind, rows: syntheticRows, conflict: conflict, seed: seed, objectives: objectives).generate()
        }
        // Refused before any loading: only simulated responses have a third objective.
        if objectives != 2 {
            let simulated = format == .kuaiRandVideos
                || (format == nil && kind == .video && (try? DelimitedReader(path: path, format: .csv).header.contains("video_duration")) == true)
            guard simulated else {
                throw DataError.invalidArgument("\(objectives) objectives need simulated responses (the synthetic generator or a KuaiRand "
                                                + "video-feature file); \(path) has real labels for 2")
            }
        }
        do {
            var taobao = RealScenarioOptions(seed: seed, trainingNegatives: trainingNegatives)
            taobao.parsedLogCache = parsedLogCache
            taobao.behaviourHistories = behaviourHistories
            var loaded = try format.map { try make(format: $0, path: path, syntheticRows: syntheticRows, conflict: conflict, seed: seed,
                                                   objectives: objectives, taobao: taobao) }
                ?? makeFromFile(kind: kind, path: path, syntheticRows: syntheticRows, conflict: conflict, seed: seed,
                                objectives: objectives, taobao: taobao)
            if let summary = loaded.loadReport?.malformedSummary { loaded.notes.append("\(path): \(summary)") }
            return loaded
        } catch DataError.emptySplit(let name) {
            // Usually a file of another format whose every row was skipped as malformed: name the file.
            throw DataError.schemaMismatch(file: path, line: nil, reason: "no usable rows for the \(kind.rawValue) scenario "
                                           + "(the \(name) split is empty); is it the right file and format?")
        }
    }

    private static func makeFromFile(kind: ScenarioKind, path: String, syntheticRows: Int, conflict: Double,
                                     seed: UInt64, objectives: Int, taobao: RealScenarioOptions) throws -> ScenarioData {
        switch kind {
        case .ecommerce:
            let first = try DelimitedReader(path: path, format: DelimitedFormat(quote: nil, hasHeader: true)).header
            if first.contains("click") && first.contains("purchase") { return try ProtocolDataset.make(format: .aliCCP, trainPath: path, seed: seed) }
            if first.contains("search_id") { return try ProtocolDataset.make(format: .aliExpress, trainPath: path, seed: seed) }
            return try EcommerceDataset.taobao(path: path, options: taobao)
        case .census:
            return try ProtocolDataset.make(format: .censusIncome, trainPath: path, seed: seed)
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
                return try VideoDataset.kuaiRandSimulated(videoFeaturesPath: path, rows: syntheticRows, conflict: conflict, seed: seed,
                                                          objectives: objectives)
            }
            throw DataError.schemaMismatch(file: path, line: 1,
                                           reason: "not a KuaiRand log (needs play_time_ms) or video-feature file (needs video_duration)")
        }
    }

    private static func make(format: DataFormat, path: String, syntheticRows: Int, conflict: Double, seed: UInt64,
                             objectives: Int, taobao: RealScenarioOptions) throws -> ScenarioData {
        switch format {
        case .taobao: return try EcommerceDataset.taobao(path: path, options: taobao)
        case .lastFM, .audioscrobbler:
            let options = RealScenarioOptions(split: .random(validation: 0.1, test: 0.1, seed: seed), seed: seed)
            return format == .lastFM ? try MusicDataset.lastFM(path: path, options: options) : try MusicDataset.audioscrobbler(path: path, options: options)
        case .kuaiRandLog: return try VideoDataset.kuaiRandLog(path: path)
        case .kuaiRandVideos:
            return try VideoDataset.kuaiRandSimulated(videoFeaturesPath: path, rows: syntheticRows, conflict: conflict, seed: seed,
                                                          objectives: objectives)
        case .aliCCP, .aliExpress, .censusIncome: return try ProtocolDataset.make(format: format, trainPath: path, seed: seed)
        }
    }
}
