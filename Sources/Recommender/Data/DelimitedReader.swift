import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shape of a delimited text file: field separator, optional quote character, header line.
public struct DelimitedFormat: Sendable, Equatable {
    /// Field separator byte (`,`, `\t`, ` `).
    public var delimiter: UInt8
    /// Quote byte for RFC 4180 quoting (`"`), or nil for none. A quoted field may contain the
    /// delimiter and doubled quotes; it may not span lines.
    public var quote: UInt8?
    /// Whether the first line names the columns.
    public var hasHeader: Bool

    /// A format; defaults to RFC 4180 CSV with a header.
    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8? = UInt8(ascii: "\""), hasHeader: Bool = true) {
        self.delimiter = delimiter
        self.quote = quote
        self.hasHeader = hasHeader
    }

    /// Comma-separated with a header and `"` quoting.
    public static let csv = DelimitedFormat()
}

/// Streams a delimited text file in fixed-size chunks and hands each line to a callback as a
/// `DelimitedRecord`, without ever holding the whole text or splitting it into strings. Suitable
/// for multi-GB files; memory is one chunk plus the longest line. Lines end in `\n` (a preceding
/// `\r` is removed); the last line may lack its newline. Blank lines are skipped and counted.
///
/// - Complexity: O(file size); each byte is touched a constant number of times.
public struct DelimitedReader {
    /// The file.
    public let path: String
    /// Its format.
    public let format: DelimitedFormat
    /// Header names (empty when the format has no header). Filled by `init`.
    public private(set) var header: [String] = []
    /// Chunk size in bytes (tests use small chunks to exercise lines straddling chunk boundaries).
    public var chunkSize: Int
    /// The bytes scanned (nil: the whole file). A range starts at a line's first byte and ends after
    /// a newline or at the end of the file (`lineAlignedRanges(_:)`); its line numbers count from
    /// its start.
    var byteRange: Range<Int>?

    /// Opens `path` and reads its header line if the format has one.
    /// - Throws: `DataError.fileNotFound`, `.unreadable`, `.schemaMismatch` for an empty file with a header expected.
    public init(path: String, format: DelimitedFormat, chunkSize: Int = 1 << 20) throws {
        self.path = path
        self.format = format
        guard FileManager.default.isReadableFile(atPath: path) else { throw DataError.fileNotFound(path: path) }
        // The header is read with small chunks (only its first bytes are touched; the data pass reads
        // the file once from the start).
        self.chunkSize = min(4096, max(16, chunkSize))
        defer { self.chunkSize = max(16, chunkSize) }
        if format.hasHeader {
            var names: [String]? = nil
            var scratch = LoadReport()
            try scan(report: &scratch, options: LoadOptions(dropDuplicates: false), includeHeader: true) { r, _ in
                names = (0..<r.fieldCount).map { r.string($0) }
                return false
            }
            guard let names else { throw DataError.schemaMismatch(file: path, line: 1, reason: "empty file, expected a header line") }
            // Drop a UTF-8 byte-order mark (spreadsheet exports).
            header = names.enumerated().map { $0.offset == 0 && $0.element.hasPrefix("\u{FEFF}") ? String($0.element.dropFirst()) : $0.element }
        }
    }

    /// An estimate of the number of data lines (file size × line density of the first 64 KiB), for
    /// reserving column capacity; 0 when the file is empty or unreadable. Reads at most 64 KiB.
    public func estimatedRowCount() -> Int {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0 else { return 0 }
        let probe = 1 << 16
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: probe)
        defer { buf.deallocate() }
        let got = read(fd, buf, probe)
        guard got > 0 else { return 0 }
        var lines = 0
        for i in 0..<got where buf[i] == 10 { lines += 1 }
        let estimate = Double(st.st_size) / Double(got) * Double(max(lines, 1)) * 1.02
        return Int(min(estimate, Double(Int32.max)))
    }

    /// The 0-based index of the header column `name`.
    /// - Throws: `DataError.unknownColumn` listing the available names.
    public func columnIndex(_ name: String) throws -> Int {
        guard let i = header.firstIndex(of: name) else {
            throw DataError.unknownColumn(file: path, name: name, available: header)
        }
        return i
    }

    /// Calls `body` for every data line (the header excluded), in file order. Exact duplicate lines are
    /// dropped and counted in `report` when `options.dropDuplicates`; `options.rowLimit` stops early.
    /// `body` returns whether the row was accepted (it counts toward `rowLimit` and `rowsAccepted`);
    /// it receives the report to record rejected rows in.
    public func forEachRecord(report: inout LoadReport, options: LoadOptions,
                              _ body: (DelimitedRecord, inout LoadReport) throws -> Bool) throws {
        try forEachRecord(report: &report, options: options, fast: { _ in false }, body)
    }

    /// `forEachRecord` with a fast path: `fast` sees each data line's bytes first (line ending
    /// removed) and returns true when it accepted the line itself; otherwise the line is split into
    /// fields and handed to `body` as usual. A loader parses well-formed lines in one pass this way
    /// and leaves every irregular line (and its error message) to the general path. Both closures
    /// are non-escaping, so what they capture needs no run-time exclusivity checks.
    /// - Returns: the number of lines read (blank lines included).
    @discardableResult
    func forEachRecord(report: inout LoadReport, options: LoadOptions, fast: (UnsafeBufferPointer<UInt8>) -> Bool,
                       _ body: (DelimitedRecord, inout LoadReport) throws -> Bool) throws -> Int {
        let limit = options.rowLimit ?? .max
        return try scan(report: &report, options: options, includeHeader: false, fast: { line, rep in
            guard fast(line) else { return nil }
            rep.rowsAccepted += 1
            return rep.rowsAccepted < limit
        }) { r, rep in
            if try body(r, &rep) {
                rep.rowsAccepted += 1
                if let limit = options.rowLimit, rep.rowsAccepted >= limit { return false }
            }
            return true
        }
    }

    /// The scanning engine. `body` returns false to stop.
    /// - Returns: the number of lines read.
    @discardableResult
    private func scan(report: inout LoadReport, options: LoadOptions, includeHeader: Bool,
                      fast: (UnsafeBufferPointer<UInt8>, inout LoadReport) -> Bool? = { _, _ in nil },
                      _ body: (DelimitedRecord, inout LoadReport) throws -> Bool) throws -> Int {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw DataError.fileNotFound(path: path) }
        defer { close(fd) }
        var remaining = Int.max
        if let byteRange {
            guard lseek(fd, off_t(byteRange.lowerBound), SEEK_SET) >= 0 else {
                throw DataError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            remaining = byteRange.count
        }
        var capacity = chunkSize * 2
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        var fieldCap = 64
        var starts = UnsafeMutableBufferPointer<Int>.allocate(capacity: fieldCap)
        var ends = UnsafeMutableBufferPointer<Int>.allocate(capacity: fieldCap)
        var escaped = UnsafeMutableBufferPointer<Bool>.allocate(capacity: fieldCap)
        defer { buffer.deallocate(); starts.deallocate(); ends.deallocate(); escaped.deallocate() }
        let seen = FingerprintSet()
        var filled = 0
        var lineNumber = 0
        var eof = false
        let delimiter = format.delimiter
        let quote = format.quote
        var headerPending = format.hasHeader

        // Returns false to stop.
        func handle(_ s: Int, _ eIn: Int) throws -> Bool {
            lineNumber += 1
            var e = eIn
            if e > s, buffer[e - 1] == 13 { e -= 1 }
            if headerPending {
                headerPending = false
                if !includeHeader { return true }
            } else if includeHeader {
                return false
            }
            if e == s { report.blankLines += 1; return true }
            if !includeHeader, options.dropDuplicates {
                let fp = LineFingerprint(UnsafeBufferPointer(start: buffer + s, count: e - s))
                if !seen.insert(fp) { report.duplicateRows += 1; return true }
            }
            if !includeHeader, let go = fast(UnsafeBufferPointer(start: buffer + s, count: e - s), &report) { return go }
            var n = 0
            var p = s
            while true {
                if n == fieldCap {
                    let newCap = fieldCap * 2
                    let ns = UnsafeMutableBufferPointer<Int>.allocate(capacity: newCap)
                    let ne = UnsafeMutableBufferPointer<Int>.allocate(capacity: newCap)
                    let nq = UnsafeMutableBufferPointer<Bool>.allocate(capacity: newCap)
                    for k in 0..<fieldCap { ns[k] = starts[k]; ne[k] = ends[k]; nq[k] = escaped[k] }
                    starts.deallocate(); ends.deallocate(); escaped.deallocate()
                    starts = ns; ends = ne; escaped = nq; fieldCap = newCap
                }
                escaped[n] = false
                if let q = quote, p < e, buffer[p] == q {
                    // Quoted field: runs to the next lone quote.
                    var k = p + 1
                    var esc = false
                    while k < e {
                        if buffer[k] == q {
                            if k + 1 < e, buffer[k + 1] == q { esc = true; k += 2; continue }
                            break
                        }
                        k += 1
                    }
                    starts[n] = p + 1
                    ends[n] = min(k, e)
                    escaped[n] = esc
                    p = k + 1
                    // Skip to the delimiter (anything between the closing quote and it is ignored).
                    while p < e, buffer[p] != delimiter { p += 1 }
                } else {
                    var k = p
                    while k < e, buffer[k] != delimiter { k += 1 }
                    starts[n] = p
                    ends[n] = k
                    p = k
                }
                n += 1
                if p >= e { break }
                p += 1  // skip the delimiter; a trailing delimiter yields one more empty field
            }
            let record = DelimitedRecord(line: lineNumber, base: UnsafePointer(buffer), starts: starts, ends: ends,
                                         fieldCount: n, escaped: escaped)
            return try body(record, &report)
        }

        var start = 0
        var firstChunk = true
        outer: while !eof {
            // Move the partial line to the front, grow if one line exceeds the buffer.
            if start > 0 {
                if filled > start { memmove(buffer, buffer + start, filled - start) }
                filled -= start
                start = 0
            }
            if capacity - filled < chunkSize {
                let newCap = max(capacity * 2, filled + chunkSize)
                let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: newCap)
                nb.update(from: buffer, count: filled)
                buffer.deallocate()
                buffer = nb
                capacity = newCap
            }
            let got = remaining > 0 ? read(fd, buffer + filled, min(chunkSize, remaining)) : 0
            if got < 0 { throw DataError.unreadable(path: path, reason: String(cString: strerror(errno))) }
            if got == 0 { eof = true } else { filled += got; remaining -= got }
            if firstChunk, got > 0, options.dropDuplicates, !includeHeader {
                // Size the duplicate table from the first chunk's line density and the file size.
                firstChunk = false
                var st = stat()
                if fstat(fd, &st) == 0, let nl = memchr(buffer, 10, filled) {
                    var lines = 0
                    var p = UnsafeMutableRawPointer(nl).assumingMemoryBound(to: UInt8.self)
                    let end = buffer + filled
                    while true {
                        lines += 1
                        guard p + 1 < end, let q = memchr(p + 1, 10, end - p - 1) else { break }
                        p = UnsafeMutableRawPointer(q).assumingMemoryBound(to: UInt8.self)
                    }
                    seen.reserve(min(Int(Double(st.st_size) / Double(filled) * Double(lines) * 1.1), 1 << 31))
                }
            }
            var scanFrom = filled - max(got, 0)
            while let nl = findNewline(buffer, from: max(scanFrom, start), to: filled) {
                if try !handle(start, nl) { break outer }
                start = nl + 1
                scanFrom = start
            }
            if eof, start < filled {
                if try !handle(start, filled) { break outer }
                start = filled
            }
        }
        return lineNumber
    }

    /// `0..<file size` cut into at most `parts` ranges of nearly equal size, each starting at the first
    /// byte of a line (a cut moves to just after the next newline; cuts that meet merge). Reads a few
    /// bytes at each cut.
    /// - Throws: `DataError.fileNotFound`, `.unreadable`.
    func lineAlignedRanges(_ parts: Int) throws -> [Range<Int>] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw DataError.fileNotFound(path: path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw DataError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        let size = Int(st.st_size), probe = 1 << 16
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: probe)
        defer { buffer.deallocate() }
        var starts = [0]
        for part in 1..<max(parts, 1) {
            var at = max(size / parts * part, starts[starts.count - 1])
            // The cut goes after the first newline at or after `at - 1` (so a cut already at a line
            // start stays there).
            var found = false
            at = max(at - 1, 0)
            while at < size, !found {
                let got = pread(fd, buffer, probe, off_t(at))
                if got < 0 { throw DataError.unreadable(path: path, reason: String(cString: strerror(errno))) }
                if got == 0 { break }
                if let nl = memchr(buffer, 10, got) {
                    at += UnsafeMutableRawPointer(nl).assumingMemoryBound(to: UInt8.self) - buffer + 1
                    found = true
                } else {
                    at += got
                }
            }
            if found, at < size, at > starts[starts.count - 1] { starts.append(at) }
        }
        starts.append(size)
        return (0..<(starts.count - 1)).map { starts[$0]..<starts[$0 + 1] }
    }

    private func findNewline(_ b: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let p = memchr(b + from, 10, to - from) else { return nil }
        return UnsafeMutableRawPointer(p).assumingMemoryBound(to: UInt8.self) - b
    }
}
