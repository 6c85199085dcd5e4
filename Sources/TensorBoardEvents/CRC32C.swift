/// CRC-32C (Castagnoli polynomial, reflected `0x82F63B78`), the checksum of TFRecord framing, and
/// TFRecord's masked form of it.
///
/// Castagnoli, Bräuer & Herrmann, "Optimization of Cyclic Redundancy-Check Codes with 24 and 32
/// Parity Bits", IEEE Trans. Communications 41(6), 1993, doi:10.1109/26.231911.
/// Computed byte-wise with a 256-entry table (the records here are a few hundred bytes, so slicing
/// by 8 would not pay off).
public enum CRC32C {
    private static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
        return c
    }

    /// The CRC-32C of `bytes` (initial value and final xor `0xFFFFFFFF`).
    /// - Complexity: O(n).
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            for b in bytes { crc = t[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        }
        return ~crc
    }

    /// The CRC-32C of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// TFRecord's masked CRC: rotate right by 15 bits, then add `0xA282EAD8` (wrapping), so that a
    /// CRC of data that itself holds CRCs does not degenerate.
    public static func masked(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }
}
