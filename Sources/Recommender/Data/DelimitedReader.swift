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

    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8? = UInt8(ascii: "\""), hasHeader: Bool = true) {
        self.delimiter = delimiter
        self.quote = quote
        self.hasHeader = hasHeader
    }

    /// Comma-separated with a header and `"` quoting.
    public static let csv = DelimitedFormat()
}

/// One parsed line, valid only inside the `DelimitedReader.forEachRecord` callback: field values are
/// views into the reader's chunk buffer, parsed on demand without allocation (except `string`).
public struct DelimitedRecord {
    /// 1-based physical line number in the file.
    public let line: Int
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let starts: UnsafeMutableBufferPointer<Int>
    @usableFromInline let ends: UnsafeMutableBufferPointer<Int>
    /// Number of fields on the line.
    public let fieldCount: Int
    /// Whether field `i` had doubled quotes that `string(_:)` must unescape.
    @usableFromInline let escaped: UnsafeMutableBufferPointer<Bool>

    /// Whether field `i` is empty (after removing quotes and surrounding spaces).
    public func isEmpty(_ i: Int) -> Bool { trimmed(i).isEmpty }

    @inlinable func trimmed(_ i: Int) -> Range<Int> {
        var s = starts[i], e = ends[i]
        while s < e, base[s] == 32 { s += 1 }
        while e > s, base[e - 1] == 32 { e -= 1 }
        return s..<e
    }

    /// Field `i` as a decimal integer, or nil if it is empty or not an integer (a trailing `.0` as in
    /// `"9.0"` is accepted, since pandas writes integer columns with missing values that way).
    @inlinable public func int64(_ i: Int) -> Int64? {
        let r = trimmed(i)
        guard !r.isEmpty else { return nil }
        var p = r.lowerBound
        var negative = false
        if base[p] == UInt8(ascii: "-") || base[p] == UInt8(ascii: "+") { negative = base[p] == UInt8(ascii: "-"); p += 1 }
        guard p < r.upperBound else { return nil }
        var v: Int64 = 0
        while p < r.upperBound {
            let d = base[p] &- 48
            if d > 9 { break }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(d))
            if o1 || o2 { return nil }
            v = a
            p += 1
        }
        if p < r.upperBound {
            // Accept "123.0", "123.00" only.
            guard base[p] == UInt8(ascii: ".") else { return nil }
            p += 1
            while p < r.upperBound { if base[p] != 48 { return nil }; p += 1 }
        }
        return negative ? -v : v
    }

    /// Field `i` as a floating-point number (`strtod` syntax), or nil if empty or invalid.
    public func double(_ i: Int) -> Double? {
        let r = trimmed(i)
        guard !r.isEmpty, r.count < 64 else { return r.count >= 64 ? Double(string(i)) : nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buf -> Double? in
            for k in 0..<r.count { buf[k] = CChar(bitPattern: base[r.lowerBound + k]) }
            buf[r.count] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(buf.baseAddress!, &end)
            guard let end, end - buf.baseAddress! == r.count else { return nil }
            return v
        }
    }

    /// Whether field `i` equals the ASCII `literal` exactly.
    public func equals(_ i: Int, _ literal: StaticString) -> Bool {
        let r = trimmed(i)
        guard r.count == literal.utf8CodeUnitCount else { return false }
        let l = literal.utf8Start
        for k in 0..<r.count where base[r.lowerBound + k] != l[k] { return false }
        return true
    }

    /// Field `i` as a `String` (quotes removed and unescaped). Allocates.
    public func string(_ i: Int) -> String {
        let r = trimmed(i)
        let s = String(decoding: UnsafeBufferPointer(start: base + r.lowerBound, count: r.count), as: UTF8.self)
        return escaped[i] ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
    }

    /// A 64-bit key for field `i`: the integer itself when the field is an integer, otherwise a
    /// FNV-1a hash of its bytes with the top bit set (so text keys and non-negative integer ids
    /// cannot collide). Nil when the field is empty.
    public func key(_ i: Int) -> Int64? {
        if let v = int64(i) { return v }
        let r = trimmed(i)
        guard !r.isEmpty else { return nil }
        return DelimitedRecord.textKey(UnsafeBufferPointer(start: base + r.lowerBound, count: r.count))
    }

    /// FNV-1a 64-bit hash of `bytes` with the top bit set (see `key(_:)`).
    public static func textKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return Int64(bitPattern: h | (1 << 63))
    }

    /// A key for a text token (same mapping as `key(_:)`).
    public static func key(ofToken token: Substring) -> Int64? {
        let t = token.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        if let v = Int64(t) { return v }
        var u = Array(t.utf8)
        return u.withUnsafeMutableBufferPointer { textKey(UnsafeBufferPointer($0)) }
    }
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

    /// Opens `path` and reads its header line if the format has one.
    /// - Throws: `DataError.fileNotFound`, `.unreadable`, `.schemaMismatch` for an empty file with a header expected.
    public init(path: String, format: DelimitedFormat, chunkSize: Int = 1 << 20) throws {
        self.path = path
        self.format = format
        self.chunkSize = max(16, chunkSize)
        guard FileManager.default.isReadableFile(atPath: path) else { throw DataError.fileNotFound(path: path) }
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
        try scan(report: &report, options: options, includeHeader: false) { r, rep in
            if try body(r, &rep) {
                rep.rowsAccepted += 1
                if let limit = options.rowLimit, rep.rowsAccepted >= limit { return false }
            }
            return true
        }
    }

    /// The scanning engine. `body` returns false to stop.
    private func scan(report: inout LoadReport, options: LoadOptions, includeHeader: Bool,
                      _ body: (DelimitedRecord, inout LoadReport) throws -> Bool) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw DataError.fileNotFound(path: path) }
        defer { close(fd) }
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
            let got = read(fd, buffer + filled, chunkSize)
            if got < 0 { throw DataError.unreadable(path: path, reason: String(cString: strerror(errno))) }
            if got == 0 { eof = true } else { filled += got }
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
    }

    private func findNewline(_ b: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let p = memchr(b + from, 10, to - from) else { return nil }
        return UnsafeMutableRawPointer(p).assumingMemoryBound(to: UInt8.self) - b
    }
}

/// A 128-bit fingerprint of a line (two independent FNV-1a-style 64-bit hashes), for duplicate
/// detection without storing lines. Collision probability ≈ n² / 2¹²⁹.
struct LineFingerprint {
    let a: UInt64
    let b: UInt64
    /// Hashes 8 bytes at a time (unaligned loads), the tail byte by byte.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var h1: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        var h2: UInt64 = 0x8422_2325_cbf2_9ce4
        let n = bytes.count
        var i = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                h1 = (h1 ^ w) &* 0x0000_0100_0000_01b3
                h1 ^= h1 >> 32
                h2 = (h2 &+ w) &* 0x9E37_79B9_7F4A_7C15
                h2 ^= h2 >> 29
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n { tail |= UInt64(base[i]) << shift; shift += 8; i += 1 }
            h1 = (h1 ^ tail) &* 0x0000_0100_0000_01b3
            h2 = (h2 &+ tail) &* 0x9E37_79B9_7F4A_7C15
        }
        // Final avalanche (SplitMix64 finalizer) on both halves.
        func mix(_ x: UInt64) -> UInt64 {
            var z = x
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        a = mix(h1)
        b = mix(h2 ^ h1.rotateLeft8)
    }
}

/// An open-addressing hash set of `LineFingerprint`s (linear probing, load ≤ 1/2): about 10× faster
/// than `Set` for tens of millions of lines, 16–32 bytes per distinct line.
final class FingerprintSet {
    private var slots: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    private var mapped: Bool
    private(set) var count = 0

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        (slots, mapped) = FingerprintSet.zeroedTable(capacity)
    }

    deinit { FingerprintSet.release(slots, capacity, mapped: mapped) }

    /// A zero-filled table from anonymous `mmap` (pages arrive zeroed, so no initialization pass),
    /// advised to use transparent huge pages: random probes into a table of hundreds of MB are
    /// TLB-bound with 4 KiB pages.
    private static func zeroedTable(_ capacity: Int) -> (UnsafeMutablePointer<UInt64>, mapped: Bool) {
        let bytes = 2 * capacity * MemoryLayout<UInt64>.stride
        #if os(Linux)
        let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        if let p, p != MAP_FAILED {
            _ = madvise(p, bytes, 14)  // MADV_HUGEPAGE
            return (p.assumingMemoryBound(to: UInt64.self), true)
        }
        #endif
        let t = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * capacity)
        t.initialize(repeating: 0, count: 2 * capacity)
        return (t, false)
    }

    private static func release(_ table: UnsafeMutablePointer<UInt64>, _ capacity: Int, mapped: Bool) {
        if mapped { munmap(table, 2 * capacity * MemoryLayout<UInt64>.stride) } else { table.deallocate() }
    }

    /// Grows the table so that `expected` fingerprints fit without rehashing.
    func reserve(_ expected: Int) {
        while 2 * expected > capacity { grow() }
    }

    /// Inserts `fp`; returns false when it was already present.
    func insert(_ fp: LineFingerprint) -> Bool {
        if 2 * (count + 1) > capacity { grow() }
        let a = fp.a, b = fp.a == 0 && fp.b == 0 ? 1 : fp.b
        return place(a, b, into: slots, capacity: capacity)
    }

    private func place(_ a: UInt64, _ b: UInt64, into table: UnsafeMutablePointer<UInt64>, capacity: Int) -> Bool {
        let mask = capacity - 1
        let mixed = (b ^ (b >> 29)) &* 0x9E37_79B9_7F4A_7C15
        var i = Int(truncatingIfNeeded: mixed >> 20) & mask
        while true {
            let sa = table[2 * i], sb = table[2 * i + 1]
            if sa == 0 && sb == 0 {
                table[2 * i] = a; table[2 * i + 1] = b
                if table == slots { count += 1 }
                return true
            }
            if sa == a && sb == b { return false }
            i = (i + 1) & mask
        }
    }

    private func grow() {
        let newCapacity = capacity * 2
        let (table, newMapped) = FingerprintSet.zeroedTable(newCapacity)
        for i in 0..<capacity where slots[2 * i] != 0 || slots[2 * i + 1] != 0 {
            _ = place(slots[2 * i], slots[2 * i + 1], into: table, capacity: newCapacity)
        }
        FingerprintSet.release(slots, capacity, mapped: mapped)
        slots = table
        mapped = newMapped
        capacity = newCapacity
    }
}

private extension UInt64 {
    var rotateLeft8: UInt64 { (self << 8) | (self >> 56) }
}
