import Foundation
import NumericCore

/// The Taobao UserBehavior log with its ids encoded as dense 32-bit indices, in file order: the
/// compact form the e-commerce scenario is built from at the full dataset's scale.
///
/// Users, items and categories are numbered `0, 1, …` in order of first appearance in the file;
/// `userKeys[u]`, `itemKeys[i]`, `categoryKeys[c]` give the raw ids back. Every accepted line is an
/// event (duplicate lines included: `TaobaoEventGroups` counts them, and the scenario is unaffected
/// by them). `itemCategory[i]` is the category of the item's first event in the file.
///
/// Memory: 21 bytes per event (three `UInt32` indices, a behaviour byte, an `Int64` timestamp) plus
/// 8 bytes per distinct user, item and category, against 41 bytes per event for `TaobaoLog`.
public struct TaobaoEventLog: Sendable, Equatable {
    /// Dense user index of each event.
    public var users: [UInt32] = []
    /// Dense item index of each event.
    public var items: [UInt32] = []
    /// Dense category index of each event.
    public var categories: [UInt32] = []
    /// Behaviour of each event (`TaobaoBehavior.rawValue`).
    public var behaviors: [UInt8] = []
    /// Unix seconds of each event.
    public var timestamps: [Int64] = []
    /// Raw `user_id` of each dense user index.
    public var userKeys: [Int64] = []
    /// Raw `item_id` of each dense item index.
    public var itemKeys: [Int64] = []
    /// Raw `category_id` of each dense category index.
    public var categoryKeys: [Int64] = []
    /// Dense category of each item (that of its first event).
    public var itemCategory: [UInt32] = []
    /// Number of events.
    public var count: Int { users.count }
    /// An empty log.
    public init() {}

    /// Checks the internal consistency a cache file or a caller could break: equal column lengths,
    /// indices within their key tables, known behaviours.
    /// - Returns: false on the first inconsistency.
    /// - Complexity: O(events).
    public func isConsistent() -> Bool {
        let n = users.count
        guard items.count == n, categories.count == n, behaviors.count == n, timestamps.count == n,
              itemCategory.count == itemKeys.count,
              userKeys.count <= Int(UInt32.max), itemKeys.count <= Int(UInt32.max), categoryKeys.count <= Int(UInt32.max) else { return false }
        let nu = UInt32(userKeys.count), ni = UInt32(itemKeys.count), nc = UInt32(categoryKeys.count)
        for e in 0..<n where users[e] >= nu || items[e] >= ni || categories[e] >= nc || behaviors[e] > 3 { return false }
        for c in itemCategory where c >= nc { return false }
        return true
    }
}

extension TaobaoLoader {
    /// Reads the log into encoded columns (`TaobaoEventLog`). Malformed rows are reported and skipped
    /// (or thrown in strict mode) as in `load(path:options:)`; duplicate lines are kept here and
    /// counted when the events are grouped (`options.dropDuplicates` is ignored by the parse), and
    /// `options.rowLimit` counts lines before duplicates are removed.
    /// - Throws: `DataError`.
    /// - Complexity: O(file size) time; memory 21 bytes per event plus the key tables.
    public static func loadEvents(path: String, options: LoadOptions = LoadOptions()) throws -> (TaobaoEventLog, LoadReport) {
        try loadEvents(path: path, options: options, parts: ParallelParts.defaultCount)
    }

    /// Files smaller than this per part are parsed on one thread.
    static let minimumBytesPerPart = 32 << 20

    /// `loadEvents(path:options:)` on up to `parts` threads: the file is cut into line-aligned byte
    /// ranges, each parsed into its own columns and id tables, then the ranges are joined in file
    /// order with their ids renumbered (`TaobaoEventParser.append(contentsOf:)`) and their reports'
    /// line numbers shifted: the same log, report and errors as one pass. A row limit, or a file of
    /// less than `minimumBytesPerPart` per part, is parsed in one pass.
    /// - Throws: `DataError`; in strict mode the first malformed row of the file.
    static func loadEvents(path: String, options: LoadOptions, parts requested: Int,
                           minimumBytesPerPart: Int = TaobaoLoader.minimumBytesPerPart) throws -> (TaobaoEventLog, LoadReport) {
        let reader = try DelimitedReader(path: path, format: DelimitedFormat(quote: nil, hasHeader: false))
        let expected = min(reader.estimatedRowCount(), options.rowLimit ?? .max)
        var ranges: [Range<Int>] = []
        if requested > 1, options.rowLimit == nil {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            let parts = min(requested, size / max(minimumBytesPerPart, 1))
            if parts > 1 { ranges = try reader.lineAlignedRanges(parts) }
        }
        func tooManyEvents() -> DataError { .invalidArgument("\(path): more than \(UInt32.max - 2) events; split the file") }
        guard ranges.count > 1 else {
            var parser = TaobaoEventParser(expected: expected)
            let (report, _) = try parse(reader, path: path, options: options, into: &parser)
            if parser.overflow { throw tooManyEvents() }
            return (parser.finish(), report)
        }
        // The first range's columns get the whole file's capacity (reserved, not touched), so that
        // the later ranges append without moving them.
        var parsers = ranges.indices.map { TaobaoEventParser(expected: $0 == 0 ? expected : expected / ranges.count + 1) }
        var outcomes = [Result<(report: LoadReport, lines: Int), any Error>](repeating: .success((LoadReport(), 0)), count: ranges.count)
        parsers.withUnsafeMutableBufferPointer { parsers in
            outcomes.withUnsafeMutableBufferPointer { outcomes in
                ParallelParts.run(ranges.count) { part in
                    var rangeReader = reader
                    rangeReader.byteRange = ranges[part]
                    outcomes[part] = Result(catching: { try parse(rangeReader, path: path, options: options, into: &parsers[part]) })
                }
            }
        }
        // Join in file order; a range's lines follow the lines of the ranges before it.
        var report = LoadReport(), linesBefore = 0
        var joined = TaobaoEventParser(expected: 0)
        swap(&joined, &parsers[0])
        for part in ranges.indices {
            switch outcomes[part] {
            case .failure(let error):
                if case .malformedRow(let file, let line, let column, let reason)? = error as? DataError {
                    throw DataError.malformedRow(file: file, line: line + linesBefore, column: column, reason: reason)
                }
                throw error
            case .success(let (rangeReport, lines)):
                report.absorb(rangeReport, lineOffset: linesBefore, maxRecordedIssues: options.maxRecordedIssues)
                linesBefore += lines
            }
            if part > 0 { joined.append(contentsOf: &parsers[part]) }
        }
        if joined.overflow { throw tooManyEvents() }
        return (joined.finish(), report)
    }

    /// Parses the lines of `reader` (its whole file or its byte range) into `parser`.
    /// - Returns: the range's report and its number of lines.
    private static func parse(_ reader: DelimitedReader, path: String, options: LoadOptions,
                              into parser: inout TaobaoEventParser) throws -> (report: LoadReport, lines: Int) {
        var parseOptions = options
        parseOptions.dropDuplicates = false
        var report = LoadReport()
        let lines = try reader.forEachRecord(report: &report, options: parseOptions, fast: { parser.parse($0) }) { r, report in
            func reject(_ column: Int?, _ why: String) throws -> Bool {
                try report.reject(DataIssue(file: path, line: r.line, column: column, reason: why), options: options)
                return false
            }
            if parser.overflow { return false }
            guard r.fieldCount == 5 else { return try reject(nil, "expected 5 fields, found \(r.fieldCount)") }
            guard let u = r.int64(0) else { return try reject(1, "user_id '\(r.string(0))' is not an integer") }
            guard let i = r.int64(1) else { return try reject(2, "item_id '\(r.string(1))' is not an integer") }
            guard let c = r.int64(2) else { return try reject(3, "category_id '\(r.string(2))' is not an integer") }
            let b: TaobaoBehavior
            if r.equals(3, "pv") { b = .pv } else if r.equals(3, "buy") { b = .buy }
            else if r.equals(3, "cart") { b = .cart } else if r.equals(3, "fav") { b = .fav }
            else { return try reject(4, "unknown behavior_type '\(r.string(3))'") }
            guard let t = r.int64(4) else { return try reject(5, "timestamp '\(r.string(4))' is not an integer") }
            return parser.append(user: u, item: i, category: c, behavior: b.rawValue, time: t)
        }
        return (report, lines)
    }
}
