/// Numbers raw 64-bit ids `0, 1, 2, …` in order of first appearance: an open-addressing hash table
/// (linear probing, load ≤ 1/2, Fibonacci hashing — Knuth, TAOCP vol. 3, §6.4) from id to index,
/// with the ids themselves kept in an array indexed by number.
///
/// Faster than `Dictionary<Int64, UInt32>` for tens of millions of lookups (no per-process seeded
/// SipHash, one probe array): 12 bytes per slot, 2–4 slots per id.
/// - Complexity: `index(of:)` O(1) expected, amortized over doubling.
struct DenseIdMap {
    /// The ids by number.
    private(set) var keys: [Int64] = []
    private var slotKeys: [Int64]
    /// Number + 1 of the id in each slot (0 = empty).
    private var slotValues: [UInt32]
    private var mask: Int
    private var shift: UInt64

    /// A map sized for about `expected` ids.
    init(expected: Int = 16) {
        var capacity = 16
        while capacity < 2 * expected { capacity *= 2 }
        slotKeys = [Int64](repeating: 0, count: capacity)
        slotValues = [UInt32](repeating: 0, count: capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    /// Number of ids.
    var count: Int { keys.count }

    @inline(__always) private func slot(_ key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The number of `key`, assigning the next one when it is new.
    /// - Precondition: fewer than `UInt32.max − 1` ids (the caller checks).
    @inline(__always) mutating func index(of key: Int64) -> (index: UInt32, isNew: Bool) {
        var s = slot(key)
        while true {
            let v = slotValues[s]
            if v == 0 { break }
            if slotKeys[s] == key { return (v - 1, false) }
            s = (s + 1) & mask
        }
        let index = UInt32(keys.count)
        keys.append(key)
        slotKeys[s] = key; slotValues[s] = index + 1
        if 2 * keys.count > mask + 1 { grow() }
        return (index, true)
    }

    private mutating func grow() {
        let capacity = 2 * (mask + 1)
        slotKeys = [Int64](repeating: 0, count: capacity)
        slotValues = [UInt32](repeating: 0, count: capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        for (k, key) in keys.enumerated() {
            var s = slot(key)
            while slotValues[s] != 0 { s = (s + 1) & mask }
            slotKeys[s] = key; slotValues[s] = UInt32(k + 1)
        }
    }
}
