import Foundation

/// The video scenario (objectives `depth` and `watch_time`) from KuaiRand.
public enum VideoDataset {
    /// Real KuaiRand videos with simulated users and responses: loads the video-feature file and runs
    /// `SyntheticScenario(kind: .video, videos:)`. The result's notes say that users and labels are
    /// simulated (no interaction log is available here). `objectives: 3` adds the simulated `like`.
    /// - Throws: `DataError`.
    public static func kuaiRandSimulated(videoFeaturesPath: String, users: Int = 2_000, rows: Int = 100_000, conflict: Double = 0.5,
                                         seed: UInt64 = 42, load: LoadOptions = LoadOptions(), objectives: Int = 2) throws -> ScenarioData {
        let (videos, report) = try KuaiRandLoader.loadVideos(path: videoFeaturesPath, options: load)
        var data = try SyntheticScenario(kind: .video, users: users, rows: rows, conflict: conflict, seed: seed, videos: videos,
                                         objectives: objectives).generate()
        data.loadReport = report
        data.notes.insert("item features read from \(videoFeaturesPath) (\(videos.count) videos)", at: 0)
        return data
    }

    /// A real KuaiRand interaction log (`log_standard_*.csv`): one row per logged impression, objectives
    /// `depth` (the user continues the 30-minute-gap session after this impression,
    /// `DerivedObjectives.sessions`) and `watch_time` (continuous, `log1p(play_time_ms / 1000)`).
    /// Features: user `user_id`; item `video_id`, plus `author_id`, first tag and `log_duration` when a
    /// video-feature file is given (otherwise the log's `duration_ms`). Split: temporal by default.
    /// - Throws: `DataError`.
    public static func kuaiRandLog(path: String, videoFeaturesPath: String? = nil,
                                   split: SplitStrategy = .temporal(validation: 0.1, test: 0.1),
                                   load: LoadOptions = LoadOptions(), encoder: EncoderOptions = EncoderOptions()) throws -> ScenarioData {
        var (log, report) = try KuaiRandLoader.loadLog(path: path, options: load)
        var author = [Int64: Int64](), tag = [Int64: Int64](), duration = [Int64: Double]()
        if let vp = videoFeaturesPath {
            let (v, r2) = try KuaiRandLoader.loadVideos(path: vp, options: load)
            for i in 0..<v.count {
                author[v.videoIDs[i]] = v.authorIDs[i]; tag[v.videoIDs[i]] = v.tags[i].first ?? RawTable.missingKey
                duration[v.videoIDs[i]] = v.durationsMs[i]
            }
            report.absorbMalformed(r2)
        }
        let sessions = DerivedObjectives.sessions(users: log.users, timestamps: log.timeMs, gap: 1_800_000)
        let raw = RawTable(
            categorical: [.init(name: "user_id", tower: .user, values: log.users), .init(name: "video_id", tower: .item, values: log.videos),
                          .init(name: "author_id", tower: .item, values: log.videos.map { author[$0] ?? RawTable.missingKey }),
                          .init(name: "tag", tower: .item, values: log.videos.map { tag[$0] ?? RawTable.missingKey })],
            numeric: [.init(name: "log_duration", tower: .item, transform: .log1pStandardize, missingIndicator: true,
                            values: log.videos.indices.map { duration[log.videos[$0]] ?? log.durationMs[$0] })],
            objectives: [.init(name: "depth", kind: .binary), .init(name: "watch_time", kind: .continuous)],
            labels: [sessions.continues.map(Double.init), log.playTimeMs.map { log1pSafe($0 / 1000) }],
            userKeys: log.users, itemKeys: log.videos, timestamps: log.timeMs)
        let s = try DatasetSplitter.split(count: raw.count, users: raw.userKeys, timestamps: raw.timestamps, strategy: split)
        return try ScenarioData.encode(kind: .video, train: raw.subset(s.train), validation: raw.subset(s.validation), test: raw.subset(s.test),
                                       options: encoder, isSimulated: false,
                                       notes: ["KuaiRand interaction log (\(path)): \(log.count) impressions; depth = session continues (30-min gap), watch_time = log1p(play seconds)"],
                                       report: report)
    }
}

@inline(__always) private func log1pSafe(_ x: Double) -> Double { log1p(max(x, 0)) }
