import CNumerics

/// Text for numbers at full precision, C's `%.17g`: 17 significant digits, which read back to the
/// identical `Double` (round-trip exact). This is the number format of every ParetoRec output
/// file and of the command line's stdout.
public enum FullPrecision {
    /// `value` formatted with `%.17g` (e.g. `0.10000000000000001`, `1e+300`, `-0`, `inf`, `nan`).
    /// - Complexity: O(1).
    public static func format(_ value: Double) -> String {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the `%.17g` text of `value` to a byte buffer (no intermediate `String`).
    /// - Complexity: O(1) amortized.
    public static func append(_ value: Double, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { buffer in
            let length = paretorec_format_g17(buffer.baseAddress!, 40, value)
            let count = min(max(Int(length), 0), 39)
            for i in 0..<count { bytes.append(UInt8(bitPattern: buffer[i])) }
        }
    }
}
