import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
