/// User–artist listening counts (HetRec 2011 Last.fm-2k `user_artists.dat`, Audioscrobbler
/// `user_artist_data.txt`), column-major in file order. There are no timestamps in either source.
public struct ListeningLog: Sendable, Equatable {
    /// User ids.
    public var users: [Int64] = []
    /// Artist ids.
    public var artists: [Int64] = []
    /// Play count of the user for the artist.
    public var counts: [Double] = []
    /// Source line of each row.
    public var lines: [Int] = []
    /// Number of rows.
    public var count: Int { users.count }
    /// An empty log.
    public init() {}
}

/// Loaders for the two listening-count formats.
public enum ListeningLoader {
    /// HetRec Last.fm `user_artists.dat`: tab-separated with the header `userID artistID weight`.
    /// - Throws: `DataError` (missing file, header without these columns, malformed rows in strict mode).
    public static func loadLastFM(path: String, options: LoadOptions = LoadOptions()) throws -> (ListeningLog, LoadReport) {
        let reader = try DelimitedReader(path: path, format: DelimitedFormat(delimiter: 9, quote: nil, hasHeader: true))
        let cols = [try reader.columnIndex("userID"), try reader.columnIndex("artistID"), try reader.columnIndex("weight")]
        return try read(reader, columns: cols, fields: reader.header.count, options: options)
    }

    /// Audioscrobbler `user_artist_data.txt`: `userid artistid playcount`, single-space separated, no header.
    /// - Throws: `DataError`.
    public static func loadAudioscrobbler(path: String, options: LoadOptions = LoadOptions()) throws -> (ListeningLog, LoadReport) {
        let reader = try DelimitedReader(path: path, format: DelimitedFormat(delimiter: 32, quote: nil, hasHeader: false))
        return try read(reader, columns: [0, 1, 2], fields: 3, options: options)
    }

    private static func read(_ reader: DelimitedReader, columns c: [Int], fields: Int, options: LoadOptions) throws -> (ListeningLog, LoadReport) {
        var log = ListeningLog()
        let expected = min(reader.estimatedRowCount(), options.rowLimit ?? .max)
        log.users.reserveCapacity(expected); log.artists.reserveCapacity(expected)
        log.counts.reserveCapacity(expected); log.lines.reserveCapacity(expected)
        var report = LoadReport()
        let path = reader.path
        try reader.forEachRecord(report: &report, options: options) { r, report in
            func reject(_ column: Int?, _ why: String) throws -> Bool {
                try report.reject(DataIssue(file: path, line: r.line, column: column.map { $0 + 1 }, reason: why), options: options)
                return false
            }
            guard r.fieldCount == fields else { return try reject(nil, "expected \(fields) fields, found \(r.fieldCount)") }
            guard let u = r.int64(c[0]) else { return try reject(c[0], "user id '\(r.string(c[0]))' is not an integer") }
            guard let a = r.int64(c[1]) else { return try reject(c[1], "artist id '\(r.string(c[1]))' is not an integer") }
            guard let w = r.double(c[2]), w.isFinite, w >= 0 else { return try reject(c[2], "play count '\(r.string(c[2]))' is not a non-negative number") }
            log.users.append(u); log.artists.append(a); log.counts.append(w); log.lines.append(r.line)
            return true
        }
        return (log, report)
    }
}
