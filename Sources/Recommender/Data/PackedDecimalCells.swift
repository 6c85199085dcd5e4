/// Numeric cells kept in 32 bits each without losing their `Double` value, so a training file's raw
/// numbers can wait for the fitted statistics in the space of their encoded `Float`s.
///
/// A plain decimal `±d…d[.d…d]` with at most 15 fractional digits and a digit string below 2²⁶
/// (e.g. `0.116248`, `12`, `-3.5`) is packed as sign, exponent and integer mantissa `m`; its value is
/// `m / 10^e`, one correctly rounded IEEE division of two exactly representable doubles, hence the
/// same `Double` `strtod` gives for the text (Clinger, "How to Read Floating Point Numbers
/// Accurately", PLDI 1990, doi:10.1145/93542.93557, the fast path). Any other number (more digits,
/// exponent notation) is kept as a `Double` in a side array and its index stored; a missing cell is
/// a reserved code.
///
/// Code layout: bit 31 clear — bit 30 sign, bits 26–29 exponent, bits 0–25 mantissa; bit 31 set —
/// index into `exceptions`, or `missing`.
struct PackedDecimalCells {
    /// The code of a missing (NaN) cell.
    static let missing: UInt32 = 0xFFFF_FFFF
    /// Values that do not pack, by index.
    private(set) var exceptions: [Double] = []

    private static let powersOfTen: [Double] = (0...15).map { e in (0..<e).reduce(1.0) { acc, _ in acc * 10 } }

    /// The value of `code` (NaN for `missing`).
    @inline(__always) func value(_ code: UInt32) -> Double {
        if code & 0x8000_0000 == 0 {
            let v = Double(code & 0x03FF_FFFF) / PackedDecimalCells.powersOfTen[Int((code >> 26) & 0xF)]
            return code & 0x4000_0000 != 0 ? -v : v
        }
        return code == PackedDecimalCells.missing ? .nan : exceptions[Int(code & 0x7FFF_FFFF)]
    }

    /// The code of `value`: packed when it came from a packable decimal (`pack`), otherwise stored.
    /// NaN gives `missing`.
    /// - Throws: `DataError.invalidArgument` past 2³¹ − 1 stored values.
    mutating func store(_ value: Double) throws -> UInt32 {
        if value.isNaN { return PackedDecimalCells.missing }
        guard exceptions.count < 0x7FFF_FFFF else { throw DataError.invalidArgument("more than 2³¹ − 1 numeric cells that are not short decimals") }
        exceptions.append(value)
        return 0x8000_0000 | UInt32(exceptions.count - 1)
    }

    /// The packed code of the plain decimal in `bytes[range]`, or nil when the text is not one that
    /// packs (then parse it with `strtod`).
    /// - Complexity: O(range.count).
    @inline(__always) static func pack(_ bytes: UnsafePointer<UInt8>, _ range: Range<Int>) -> UInt32? {
        var p = range.lowerBound
        let end = range.upperBound
        guard p < end else { return nil }
        var negative: UInt32 = 0
        if bytes[p] == UInt8(ascii: "-") { negative = 0x4000_0000; p += 1 } else if bytes[p] == UInt8(ascii: "+") { p += 1 }
        var m: UInt32 = 0, digits = 0, e: UInt32 = 0, fraction = false
        while p < end {
            let b = bytes[p]
            if b == UInt8(ascii: ".") {
                if fraction { return nil }
                fraction = true
            } else {
                let d = b &- 48
                guard d <= 9 else { return nil }
                m = m &* 10 &+ UInt32(d)
                guard m <= 0x03FF_FFFF else { return nil }
                digits += 1
                if fraction { e += 1; if e > 15 { return nil } }
            }
            p += 1
        }
        guard digits > 0 else { return nil }
        return negative | (e << 26) | m
    }
}
