import Foundation
import NumericCore

/// A binary cache of a parsed Taobao UserBehavior log, so that the second run on the same file skips
/// the text parser: the columns are stored raw beside a header that must match before they are used.
///
/// Layout (little-endian): the 8-byte magic `PRTBLOG1`, then `UInt64` fields — pipeline version,
/// source size in bytes, source modification time (ns since 1970), FNV-1a hash of the source's first
/// and last 64 KiB, the load options (duplicates dropped, row limit or `UInt64.max`), rows, and the
/// report counts (accepted, malformed, duplicates, blank lines, missing cells) — then the columns
/// `users`, `items`, `categories`, `timestamps`, `lines` (`Int64 × rows` each) and `behaviors`
/// (`UInt8 × rows`). Written atomically (`AtomicFile`); read through a memory-mapped `Data`. A
/// header that differs in any field (another file, an edited file, other options, another pipeline
/// version) or a truncated cache means the text is parsed again and the cache rewritten. The first
/// recorded issues (line, column, reason) are not cached, only their count.
public enum TaobaoLogCache {
    /// Bumped whenever the parser or the cached layout changes meaning.
    public static let pipelineVersion: UInt64 = 1
    static let magic = Array("PRTBLOG1".utf8)
    static let headerWords = 13

    /// Where the cache of `path` lives: `directory/<file name>.paretorec-cache`, or beside the file.
    public static func cachePath(for path: String, directory: String? = nil) -> String {
        let url = URL(fileURLWithPath: path)
        let dir = directory.map { URL(fileURLWithPath: $0) } ?? url.deletingLastPathComponent()
        return dir.appendingPathComponent(url.lastPathComponent + ".paretorec-cache").path
    }

    /// The log from the cache when its header matches the file and options, else parsed by
    /// `TaobaoLoader.load` and cached. Strict mode with cached malformed rows parses again (to throw
    /// at the row). A cache that cannot be written is skipped silently (the parse result is returned).
    /// - Returns: the log, its report, and whether it came from the cache.
    /// - Throws: what `TaobaoLoader.load` throws.
    public static func load(path: String, options: LoadOptions = LoadOptions(), cacheDirectory: String? = nil) throws
        -> (log: TaobaoLog, report: LoadReport, fromCache: Bool) {
        guard FileManager.default.isReadableFile(atPath: path) else { throw DataError.fileNotFound(path: path) }
        let cache = cachePath(for: path, directory: cacheDirectory)
        let key = try header(source: path, options: options)
        if let (log, report) = read(cache, expecting: key), !(options.strict && report.malformedRows > 0) {
            return (log, report, true)
        }
        let (log, report) = try TaobaoLoader.load(path: path, options: options)
        try? write(log, report: report, header: key, to: cache)
        return (log, report, false)
    }

    /// The header words identifying `source` and `options` (rows and counts left at 0).
    static func header(source: String, options: LoadOptions) throws -> [UInt64] {
        let attributes = try FileManager.default.attributesOfItem(atPath: source)
        let size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
        let mtime = (attributes[.modificationDate] as? Date).map { UInt64(max(0, $0.timeIntervalSince1970 * 1e9)) } ?? 0
        var words = [UInt64](repeating: 0, count: headerWords)
        words[0] = pipelineVersion; words[1] = size; words[2] = mtime; words[3] = try headTailHash(source, size: size)
        words[4] = options.dropDuplicates ? 1 : 0
        words[5] = options.rowLimit.map { UInt64($0) } ?? .max
        return words
    }

    /// FNV-1a over the first and the last 64 KiB of the file.
    static func headTailHash(_ path: String, size: UInt64) throws -> UInt64 {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw DataError.fileNotFound(path: path) }
        defer { try? handle.close() }
        let block: UInt64 = 1 << 16
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ data: Data) { for b in data { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 } }
        mix(try handle.read(upToCount: Int(block)) ?? Data())
        if size > block {
            try handle.seek(toOffset: size - min(block, size - block))
            mix(try handle.readToEnd() ?? Data())
        }
        return h
    }

    static func write(_ log: TaobaoLog, report: LoadReport, header key: [UInt64], to path: String) throws {
        var words = key
        words[6] = UInt64(log.count)
        words[7] = UInt64(report.rowsAccepted); words[8] = UInt64(report.malformedRows); words[9] = UInt64(report.duplicateRows)
        words[10] = UInt64(report.blankLines); words[11] = UInt64(report.missingCells)
        var data = Data(magic)
        data.reserveCapacity(magic.count + 8 * headerWords + log.count * 41)
        words.withUnsafeBytes { data.append(contentsOf: $0) }
        for column in [log.users, log.items, log.categories, log.timestamps, log.lines.map(Int64.init)] {
            column.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        log.behaviors.map(\.rawValue).withUnsafeBytes { data.append(contentsOf: $0) }
        try AtomicFile.write(data, to: URL(fileURLWithPath: path))
    }

    /// The cached log when the file exists, is complete and its header equals `key` (rows and counts aside).
    static func read(_ path: String, expecting key: [UInt64]) -> (TaobaoLog, LoadReport)? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return nil }
        let headerBytes = magic.count + 8 * headerWords
        guard data.count >= headerBytes, Array(data.prefix(magic.count)) == magic else { return nil }
        return data.withUnsafeBytes { raw -> (TaobaoLog, LoadReport)? in
            let words = (0..<headerWords).map { raw.loadUnaligned(fromByteOffset: magic.count + 8 * $0, as: UInt64.self) }
            guard words[0..<6] == key[0..<6] else { return nil }
            let n = Int(words[6])
            guard n >= 0, data.count == headerBytes + n * 41 else { return nil }
            func column(_ k: Int) -> [Int64] {
                let base = headerBytes + k * 8 * n
                return [Int64](unsafeUninitializedCapacity: n) { buffer, count in
                    if n > 0, let dst = buffer.baseAddress, let src = raw.baseAddress { memcpy(dst, src + base, 8 * n) }
                    count = n
                }
            }
            var log = TaobaoLog()
            log.users = column(0); log.items = column(1); log.categories = column(2); log.timestamps = column(3)
            log.lines = column(4).map { Int($0) }
            let base = headerBytes + 5 * 8 * n
            var behaviors = [TaobaoBehavior]()
            behaviors.reserveCapacity(n)
            for i in 0..<n {
                guard let b = TaobaoBehavior(rawValue: raw[base + i]) else { return nil }
                behaviors.append(b)
            }
            log.behaviors = behaviors
            var report = LoadReport()
            report.rowsAccepted = Int(words[7]); report.malformedRows = Int(words[8]); report.duplicateRows = Int(words[9])
            report.blankLines = Int(words[10]); report.missingCells = Int(words[11])
            return (log, report)
        }
    }
}
