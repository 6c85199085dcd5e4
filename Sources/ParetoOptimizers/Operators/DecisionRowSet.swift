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

    @inline(__always)
    private static func digest(_ row: UnsafePointer<Double>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for j in 0..<n {
            h = (h ^ bits(row[j])) &* 0x0000_0100_0000_01b3
            h ^= h >> 29
        }
        return h
    }

    @inline(__always)
    private static func equal(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Bool {
        for j in 0..<n where bits(a[j]) != bits(b[j]) { return false }
        return true
    }
}
