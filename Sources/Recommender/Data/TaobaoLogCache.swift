import Foundation
import NumericCore
#if canImport(Glibc)
import Glibc
#endif

/// A binary cache of a Taobao UserBehavior log's encoded columns (`TaobaoEventLog`), so that the
/// second run on the same file skips the text parser and the id encoding.
///
/// Layout (little-endian): the 8-byte magic `PRTBEVT2`, then 14 `UInt64` header words — pipeline
/// version, source size in bytes, source modification time (ns since 1970), FNV-1a hash of the
/// source's first and last 64 KiB, row limit (or `UInt64.max`), events, users, items, categories,
/// the report counts (accepted, malformed, blank lines, missing cells) and a checksum of those
/// counts and the payload — then the columns `timestamps` (`Int64 × events`), `userKeys`, `itemKeys`, `categoryKeys`
/// (`Int64` each), `users`, `items`, `categories` (`UInt32 × events`), `itemCategory`
/// (`UInt32 × items`) and `behaviors` (`UInt8 × events`).
///
/// Written atomically (`AtomicFile.stream`: a temporary file beside it, then `rename`; not flushed to
/// the disk, since a file a power loss damaged fails the checksum and is rebuilt), streamed column by column
/// (no second copy of the columns in memory); read with `pread` straight into the columns. A
/// header that differs in any field (another file, an edited file, another row limit or pipeline
/// version), a file of the wrong length, a checksum mismatch or an index out of range means the
/// text is parsed again and the cache rewritten: a damaged cache is never trusted and never crashes the reader. The first
/// recorded issues (line, column, reason) are not cached, only their count.
public enum TaobaoLogCache {
    /// Bumped whenever the parser or the cached layout changes meaning.
    public static let pipelineVersion: UInt64 = 2
    static let magic = Array("PRTBEVT2".utf8)
    static let headerWords = 14

    /// Where the cache of `path` lives: `directory/<file name>.paretorec-cache`, or beside the file.
    public static func cachePath(for path: String, directory: String? = nil) -> String {
        let url = URL(fileURLWithPath: path)
        let dir = directory.map { URL(fileURLWithPath: $0) } ?? url.deletingLastPathComponent()
        return dir.appendingPathComponent(url.lastPathComponent + ".paretorec-cache").path
    }

    /// The encoded log from the cache when its header matches the file and options, else parsed by
    /// `TaobaoLoader.loadEvents` and cached. Strict mode with cached malformed rows parses again (to
    /// throw at the row). A cache that cannot be written is skipped silently (the parse result is
    /// returned).
    /// - Returns: the log, its report, and whether it came from the cache.
    /// - Throws: what `TaobaoLoader.loadEvents` throws.
    public static func load(path: String, options: LoadOptions = LoadOptions(), cacheDirectory: String? = nil) throws
        -> (log: TaobaoEventLog, report: LoadReport, fromCache: Bool) {
        guard FileManager.default.isReadableFile(atPath: path) else { throw DataError.fileNotFound(path: path) }
        let cache = cachePath(for: path, directory: cacheDirectory)
        let key = try header(source: path, options: options)
        if let (log, report) = read(cache, expecting: key), !(options.strict && report.malformedRows > 0) {
            return (log, report, true)
        }
        let (log, report) = try TaobaoLoader.loadEvents(path: path, options: options)
        try? write(log, report: report, header: key, to: cache)
        return (log, report, false)
    }

    /// The header words identifying `source` and `options` (counts and checksum left at 0).
    static func header(source: String, options: LoadOptions) throws -> [UInt64] {
        let attributes = try FileManager.default.attributesOfItem(atPath: source)
        let size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
        let mtime = (attributes[.modificationDate] as? Date).map { UInt64(max(0, $0.timeIntervalSince1970 * 1e9)) } ?? 0
        var words = [UInt64](repeating: 0, count: headerWords)
        words[0] = pipelineVersion; words[1] = size; words[2] = mtime; words[3] = try headTailHash(source, size: size)
        words[4] = options.rowLimit.map { UInt64($0) } ?? .max
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

    /// Reads exactly `bytes` bytes of `fd` at `offset` into `destination` (`pread`, in pieces of at most
    /// 64 MiB, retried on `EINTR`). Returns false on an error or a short file.
    static func readFully(_ fd: Int32, into destination: UnsafeMutableRawPointer?, _ bytes: Int, at offset: Int) -> Bool {
        var done = 0
        while done < bytes, let destination {
            let got = pread(fd, destination + done, min(bytes - done, 1 << 26), off_t(offset + done))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return false }
            done += got
        }
        return true
    }

    /// A checksum of byte buffers in sequence: 8-byte words mixed by multiply-rotate, the tail by bytes.
    struct Checksum {
        private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15
        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            var h = value, i = 0
            let n = bytes.count
            while i + 8 <= n {
                h = ((h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xff51_afd7_ed55_8ccd)
                h = (h << 31) | (h >> 33)
                i += 8
            }
            while i < n { h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01b3; i += 1 }
            value = h
        }
    }

    /// The payload columns in file order.
    private static func columns(_ log: TaobaoEventLog, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try log.timestamps.withUnsafeBytes(body); try log.userKeys.withUnsafeBytes(body)
        try log.itemKeys.withUnsafeBytes(body); try log.categoryKeys.withUnsafeBytes(body)
        try log.users.withUnsafeBytes(body); try log.items.withUnsafeBytes(body); try log.categories.withUnsafeBytes(body)
        try log.itemCategory.withUnsafeBytes(body); try log.behaviors.withUnsafeBytes(body)
    }

    static func payloadBytes(events n: Int, users: Int, items: Int, categories: Int) -> Int {
        21 * n + 8 * (users + items + categories) + 4 * items
    }

    static func write(_ log: TaobaoEventLog, report: LoadReport, header key: [UInt64], to path: String) throws {
        var words = key
        words[5] = UInt64(log.count); words[6] = UInt64(log.userKeys.count); words[7] = UInt64(log.itemKeys.count)
        words[8] = UInt64(log.categoryKeys.count)
        words[9] = UInt64(report.rowsAccepted); words[10] = UInt64(report.malformedRows)
        words[11] = UInt64(report.blankLines); words[12] = UInt64(report.missingCells)
        var sum = Checksum()
        words[5...12].withUnsafeBytes { sum.add($0) }
        columns(log) { sum.add($0) }
        words[13] = sum.value
        try AtomicFile.stream(to: path, durable: false) { emit in
            try magic.withUnsafeBytes(emit)
            try words.withUnsafeBytes(emit)
            try columns(log, emit)
        }
    }

    /// The cached log when the file exists, is complete, its header equals `key` (counts aside), its
    /// checksum matches and its indices are in range. The columns are read straight into their
    /// arrays with `pread` (a mapping would hold the file's pages beside the arrays' copy).
    static func read(_ path: String, expecting key: [UInt64]) -> (TaobaoEventLog, LoadReport)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        var offset = 0
        func fill(_ destination: UnsafeMutableRawPointer?, _ bytes: Int) -> Bool {
            guard readFully(fd, into: destination, bytes, at: offset) else { return false }
            offset += bytes
            return true
        }
        let headerBytes = magic.count + 8 * headerWords
        guard size >= headerBytes else { return nil }
        var head = [UInt8](repeating: 0, count: headerBytes)
        guard head.withUnsafeMutableBytes({ fill($0.baseAddress, headerBytes) }), Array(head.prefix(magic.count)) == magic else { return nil }
        let words = (0..<headerWords).map { w in head.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: magic.count + 8 * w, as: UInt64.self) } }
        guard words[0..<5] == key[0..<5] else { return nil }
        guard words[5...8].allSatisfy({ $0 <= UInt64(Int32.max) }) else { return nil }
        let n = Int(words[5]), nu = Int(words[6]), ni = Int(words[7]), nc = Int(words[8])
        guard size == headerBytes + payloadBytes(events: n, users: nu, items: ni, categories: nc) else { return nil }
        var complete = true
        func column<T>(_ count: Int, _ zero: T) -> [T] {
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                let bytes = count * MemoryLayout<T>.stride
                if bytes > 0, !fill(UnsafeMutableRawPointer(buffer.baseAddress), bytes) {
                    complete = false
                    buffer.initialize(repeating: zero)
                }
                initialized = count
            }
        }
        var log = TaobaoEventLog()
        log.timestamps = column(n, Int64(0)); log.userKeys = column(nu, Int64(0))
        log.itemKeys = column(ni, Int64(0)); log.categoryKeys = column(nc, Int64(0))
        log.users = column(n, UInt32(0)); log.items = column(n, UInt32(0)); log.categories = column(n, UInt32(0))
        log.itemCategory = column(ni, UInt32(0)); log.behaviors = column(n, UInt8(0))
        guard complete else { return nil }
        var sum = Checksum()
        words[5...12].withUnsafeBytes { sum.add($0) }
        columns(log) { sum.add($0) }
        guard sum.value == words[13], log.isConsistent() else { return nil }
        var report = LoadReport()
        report.rowsAccepted = Int(words[9]); report.malformedRows = Int(words[10])
        report.blankLines = Int(words[11]); report.missingCells = Int(words[12])
        return (log, report)
    }
}
