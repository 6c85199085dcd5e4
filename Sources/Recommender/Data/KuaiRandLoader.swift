/// KuaiRand video features (`video_features_basic_*.csv`), column-major. Missing numeric values are NaN,
/// missing categorical values `RawTable.missingKey`.
public struct KuaiRandVideos: Sendable, Equatable {
    /// `video_id`.
    public var videoIDs: [Int64] = []
    /// `author_id`.
    public var authorIDs: [Int64] = []
    /// `video_type` (NORMAL / AD / …) as a text key.
    public var videoTypes: [Int64] = []
    /// `upload_type` as a text key.
    public var uploadTypes: [Int64] = []
    /// `music_id`.
    public var musicIDs: [Int64] = []
    /// `video_duration` in milliseconds (NaN when missing).
    public var durationsMs: [Double] = []
    /// `tag`: comma-separated tag ids (quoted in the file), possibly empty.
    public var tags: [[Int64]] = []
    /// Number of videos.
    public var count: Int { videoIDs.count }
    /// An empty table.
    public init() {}
}

/// One KuaiRand interaction log (`log_standard_*.csv`, `log_random_*.csv`), column-major.
public struct KuaiRandLog: Sendable, Equatable {
    /// `user_id`.
    public var users: [Int64] = []
    /// `video_id`.
    public var videos: [Int64] = []
    /// Unix milliseconds.
    public var timeMs: [Int64] = []
    /// `is_click` (0/1).
    public var isClick: [Float] = []
    /// `long_view` as logged, or derived by `DerivedObjectives.longView` when the column is absent.
    public var longView: [Float] = []
    /// `play_time_ms`.
    public var playTimeMs: [Double] = []
    /// `duration_ms`.
    public var durationMs: [Double] = []
    /// Other 0/1 feedback columns present in the file (`is_like`, `is_follow`, …), by name.
    public var feedback: [String: [Float]] = [:]
    /// Number of impressions.
    public var count: Int { users.count }
    /// An empty table.
    public init() {}
}

/// Loaders for the KuaiRand (Gao et al., CIKM 2022, doi:10.1145/3511808.3557624) file formats. Both
/// read columns by header name, so column order and extra columns do not matter.
public enum KuaiRandLoader {
    /// Reads a video-feature file. Required columns: `video_id`, `author_id`, `video_duration`, `tag`;
    /// `video_type`, `upload_type`, `music_id` are read when present.
    /// - Throws: `DataError`.
    public static func loadVideos(path: String, options: LoadOptions = LoadOptions()) throws -> (KuaiRandVideos, LoadReport) {
        let reader = try DelimitedReader(path: path, format: .csv)
        let vid = try reader.columnIndex("video_id"), aut = try reader.columnIndex("author_id")
        let dur = try reader.columnIndex("video_duration"), tag = try reader.columnIndex("tag")
        let vtype = reader.header.firstIndex(of: "video_type"), utype = reader.header.firstIndex(of: "upload_type")
        let music = reader.header.firstIndex(of: "music_id")
        let n = reader.header.count
        var v = KuaiRandVideos()
        var report = LoadReport()
        try reader.forEachRecord(report: &report, options: options) { r, report in
            func reject(_ column: Int?, _ why: String) throws -> Bool {
                try report.reject(DataIssue(file: path, line: r.line, column: column.map { $0 + 1 }, reason: why), options: options)
                return false
            }
            guard r.fieldCount == n else { return try reject(nil, "expected \(n) fields, found \(r.fieldCount)") }
            guard let id = r.int64(vid) else { return try reject(vid, "video_id '\(r.string(vid))' is not an integer") }
            var missing = 0
            let a = r.key(aut) ?? { missing += 1; return RawTable.missingKey }()
            let d: Double
            if r.isEmpty(dur) { d = .nan; missing += 1 } else if let x = r.double(dur) { d = x } else {
                return try reject(dur, "video_duration '\(r.string(dur))' is not a number")
            }
            var tags = [Int64]()
            if !r.isEmpty(tag) {
                for t in r.string(tag).split(separator: ",") {
                    guard let k = Int64(t.trimmingCharacters(in: .whitespaces)) else { return try reject(tag, "tag '\(t)' is not an integer") }
                    tags.append(k)
                }
            }
            v.videoIDs.append(id); v.authorIDs.append(a); v.durationsMs.append(d); v.tags.append(tags)
            v.videoTypes.append(vtype.flatMap { r.key($0) } ?? RawTable.missingKey)
            v.uploadTypes.append(utype.flatMap { r.key($0) } ?? RawTable.missingKey)
            v.musicIDs.append(music.flatMap { r.key($0) } ?? RawTable.missingKey)
            report.missingCells += missing
            return true
        }
        return (v, report)
    }

    /// Reads an interaction log. Required columns: `user_id`, `video_id`, `time_ms`, `is_click`,
    /// `play_time_ms`, `duration_ms`; `long_view` and any other `is_*` columns are read when present.
    /// - Throws: `DataError`.
    public static func loadLog(path: String, options: LoadOptions = LoadOptions()) throws -> (KuaiRandLog, LoadReport) {
        let reader = try DelimitedReader(path: path, format: .csv)
        let user = try reader.columnIndex("user_id"), video = try reader.columnIndex("video_id")
        let time = try reader.columnIndex("time_ms"), click = try reader.columnIndex("is_click")
        let play = try reader.columnIndex("play_time_ms"), dur = try reader.columnIndex("duration_ms")
        let long = reader.header.firstIndex(of: "long_view")
        let flags = reader.header.enumerated().filter { $0.element.hasPrefix("is_") && $0.offset != click }
        let n = reader.header.count
        var log = KuaiRandLog()
        for f in flags { log.feedback[f.element] = [] }
        var flagRow = [Float](repeating: 0, count: flags.count)
        var report = LoadReport()
        try reader.forEachRecord(report: &report, options: options) { r, report in
            func reject(_ column: Int?, _ why: String) throws -> Bool {
                try report.reject(DataIssue(file: path, line: r.line, column: column.map { $0 + 1 }, reason: why), options: options)
                return false
            }
            func binary(_ f: Int) -> Float? {
                guard let x = r.int64(f), x == 0 || x == 1 else { return nil }
                return Float(x)
            }
            guard r.fieldCount == n else { return try reject(nil, "expected \(n) fields, found \(r.fieldCount)") }
            guard let u = r.int64(user) else { return try reject(user, "user_id '\(r.string(user))' is not an integer") }
            guard let v = r.int64(video) else { return try reject(video, "video_id '\(r.string(video))' is not an integer") }
            guard let t = r.int64(time) ?? r.double(time).flatMap({ $0.isFinite ? Int64($0) : nil }) else {
                return try reject(time, "time_ms '\(r.string(time))' is not a number")
            }
            guard let c = binary(click) else { return try reject(click, "is_click must be 0 or 1, found '\(r.string(click))'") }
            guard let p = r.double(play), p.isFinite, p >= 0 else { return try reject(play, "play_time_ms '\(r.string(play))' is not a non-negative number") }
            guard let d = r.double(dur), d.isFinite, d >= 0 else { return try reject(dur, "duration_ms '\(r.string(dur))' is not a non-negative number") }
            var lv = DerivedObjectives.longView(playTimeMs: p, durationMs: d) ? Float(1) : 0
            if let long {
                guard let x = binary(long) else { return try reject(long, "long_view must be 0 or 1, found '\(r.string(long))'") }
                lv = x
            }
            for (j, f) in flags.enumerated() {
                guard let x = binary(f.offset) else { return try reject(f.offset, "\(f.element) must be 0 or 1, found '\(r.string(f.offset))'") }
                flagRow[j] = x
            }
            log.users.append(u); log.videos.append(v); log.timeMs.append(t); log.isClick.append(c)
            log.longView.append(lv); log.playTimeMs.append(p); log.durationMs.append(d)
            for (j, f) in flags.enumerated() { log.feedback[f.element]!.append(flagRow[j]) }
            return true
        }
        return (log, report)
    }
}
