/// Numbers raw 64-bit ids `0, 1, 2, …` in order of first appearance: an open-addressing hash table
/// (linear probing, load ≤ 1/2, Fibonacci hashing — Knuth, TAOCP vol. 3, §6.4) from id to index,
/// with the ids themselves kept in an array indexed by number.
///
/// Each slot holds the id and its number side by side (16 bytes), so a lookup that hits touches one
/// cache line. `warm(_:)` touches the home slots of a batch of ids before they are looked up: the
/// loads are independent, so the processor overlaps their cache misses instead of paying them one
/// after the other (the table of a full dataset's items is far larger than the cache).
/// Faster than `Dictionary<Int64, UInt32>` for tens of millions of lookups (no per-process seeded
/// SipHash, no per-key boxing): 16 bytes per slot, 2–4 slots per id.
///
/// With a `directLimit`, ids in `0..<directLimit` skip the hash: their number is read from an array
/// indexed by the id itself (4 bytes per possible id, grown by doubling to cover the largest id
/// seen). Public logs number their ids compactly (Taobao's items run to 5.2 M), so this table is a
/// few tens of MB where the hash table would be hundreds, and a lookup is one load from it. Other
/// ids still go through the hash; the numbering is the same either way.
/// - Complexity: `index(of:)` O(1) expected, amortized over doubling.
struct DenseIdMap {
    private struct Slot {
        var key: Int64
        /// Number + 1 of the id (0 = empty).
        var value: UInt32
    }
    /// The ids by number.
    private(set) var keys: [Int64] = []
    private var slots: [Slot]
    private var mask: Int
    private var shift: UInt64
    /// Number + 1 by id for the ids below `direct.count` (0 = not seen).
    private var direct: [UInt32] = []
    private let directLimit: Int64
    /// Ids held in the hash table (the others are in `direct`).
    private var hashed = 0

    /// A map sized for about `expected` ids; ids in `0..<directLimit` are numbered through the
    /// direct table (0: every id through the hash).
    init(expected: Int = 16, directLimit: Int = 0) {
        self.directLimit = Int64(max(0, directLimit))
        var capacity = 16
        while capacity < 2 * (directLimit > 0 ? 8 : expected) { capacity *= 2 }
        slots = [Slot](repeating: Slot(key: 0, value: 0), count: capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    /// Number of ids.
    var count: Int { keys.count }

    @inline(__always) private static func slot(_ key: Int64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always) private func slot(_ key: Int64) -> Int { Self.slot(key, shift) }

    /// Reads the home slot of each id in `batch` and returns a value depending on all of them (so the
    /// reads are kept): a cache warm-up before looking the ids up one by one.
    @inline(__always) func warm(_ batch: UnsafeBufferPointer<Int64>) -> Int64 {
        var sink: Int64 = 0
        let shift = shift, covered = Int64(direct.count)
        direct.withUnsafeBufferPointer { d in
            slots.withUnsafeBufferPointer { s in
                for key in batch {
                    if key >= 0 && key < covered { sink ^= Int64(d[Int(key)]) } else { sink ^= s[Self.slot(key, shift)].key }
                }
            }
        }
        return sink
    }

    /// The number of `key`, assigning the next one when it is new.
    /// - Precondition: fewer than `UInt32.max − 1` ids (the caller checks).
    @inline(__always) mutating func index(of key: Int64) -> (index: UInt32, isNew: Bool) {
        if key >= 0 && key < directLimit {
            if key >= Int64(direct.count) { growDirect(covering: key) }
            let found = direct.withUnsafeBufferPointer { $0[Int(key)] }
            if found != 0 { return (found - 1, false) }
            let index = UInt32(keys.count)
            keys.append(key)
            direct.withUnsafeMutableBufferPointer { $0[Int(key)] = index + 1 }
            return (index, true)
        }
        var s = slot(key)
        let mask = mask
        let found: UInt32? = slots.withUnsafeBufferPointer { slots in
            while true {
                let entry = slots[s]
                if entry.value == 0 { return nil }
                if entry.key == key { return entry.value - 1 }
                s = (s + 1) & mask
            }
        }
        if let found { return (found, false) }
        let index = UInt32(keys.count)
        keys.append(key)
        slots[s] = Slot(key: key, value: index + 1)
        hashed += 1
        if 2 * hashed > mask + 1 { grow() }
        return (index, true)
    }

    /// Extends the direct table (by doubling, at least 2¹⁶ entries) to cover `key`.
    private mutating func growDirect(covering key: Int64) {
        var size = max(1 << 16, direct.count)
        while Int64(size) <= key { size *= 2 }
        direct.append(contentsOf: repeatElement(0, count: min(size, Int(directLimit)) - direct.count))
    }

    private mutating func grow() {
        let capacity = 2 * (mask + 1)
        slots = [Slot](repeating: Slot(key: 0, value: 0), count: capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        let shift = shift, mask = mask, keys = keys, directLimit = directLimit
        slots.withUnsafeMutableBufferPointer { slots in
            for (k, key) in keys.enumerated() where !(key >= 0 && key < directLimit) {
                var s = Self.slot(key, shift)
                while slots[s].value != 0 { s = (s + 1) & mask }
                slots[s] = Slot(key: key, value: UInt32(k + 1))
            }
        }
    }
}
