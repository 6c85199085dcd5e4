/// A set of decision-vector rows identified by their exact bit patterns (+0 and −0 count as the
/// same value), for NSGA-II's duplicate elimination.
///
/// Open addressing with linear probing over a power-of-two table of row pointers and 64-bit
/// digests; rows are not copied, so every inserted pointer must stay valid (and unchanged) for the
/// set's lifetime — the caller keeps the parent and offspring buffers alive around it.
/// - Complexity: O(n) per insertion (one digest, compares only on digest collisions), no
///   allocation after `init`.
struct DecisionRowSet {
    private var rows: [UnsafePointer<Double>?]
    private var digests: [UInt64]
    private let mask: Int
    /// Length of every row.
    let width: Int

    /// An empty set for up to `capacity` rows of `width` values (table load ≤ 1/2).
    init(capacity: Int, width: Int) {
        var size = 8
        while size < 2 * max(1, capacity) { size <<= 1 }
        rows = [UnsafePointer<Double>?](repeating: nil, count: size)
        digests = [UInt64](repeating: 0, count: size)
        mask = size - 1
        self.width = width
    }

    /// Inserts the row at `row` unless an equal row is present; returns whether it was inserted.
    @inline(__always)
    mutating func insert(_ row: UnsafePointer<Double>) -> Bool {
        let digest = Self.digest(row, width)
        var slot = Int(truncatingIfNeeded: digest ^ (digest >> 32)) & mask
        while let other = rows[slot] {
            if digests[slot] == digest && Self.equal(other, row, width) { return false }
            slot = (slot + 1) & mask
        }
        rows[slot] = row
        digests[slot] = digest
        return true
    }

    @inline(__always)
    private static func bits(_ value: Double) -> UInt64 { (value == 0 ? 0 : value).bitPattern }

    /// A 64-bit digest of the row's bit patterns: four independent FNV-style lanes (elements
    /// j, j+1, j+2, j+3 at once, so the multiplications overlap instead of forming one chain of
    /// n), folded and finished with SplitMix64's mixer. Only equal digests are compared in full,
    /// so the digest decides speed, never membership.
    @inline(__always)
    private static func digest(_ row: UnsafePointer<Double>, _ n: Int) -> UInt64 {
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var h0: UInt64 = 0xcbf2_9ce4_8422_2325, h1: UInt64 = 0x84222325cbf29ce4
        var h2: UInt64 = 0x9e37_79b9_7f4a_7c15, h3: UInt64 = 0xbf58_476d_1ce4_e5b9
        var j = 0
        while j + 4 <= n {
            h0 = (h0 ^ bits(row[j])) &* prime
            h1 = (h1 ^ bits(row[j + 1])) &* prime
            h2 = (h2 ^ bits(row[j + 2])) &* prime
            h3 = (h3 ^ bits(row[j + 3])) &* prime
            h0 ^= h0 >> 29; h1 ^= h1 >> 29; h2 ^= h2 >> 29; h3 ^= h3 >> 29
            j += 4
        }
        while j < n {
            h0 = (h0 ^ bits(row[j])) &* prime
            h0 ^= h0 >> 29
            j += 1
        }
        var z = h0 ^ ((h1 << 16) | (h1 >> 48)) ^ ((h2 << 32) | (h2 >> 32)) ^ ((h3 << 48) | (h3 >> 16))
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    @inline(__always)
    private static func equal(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Bool {
        for j in 0..<n where bits(a[j]) != bits(b[j]) { return false }
        return true
    }
}
