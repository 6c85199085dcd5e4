/// A set of ranks 0..<capacity, one bit each, walked in ascending order.
///
/// The 5-D sweep keeps its active points as such sets over their ranks in a fixed order (z order,
/// w order): adding or dropping a point is one bit, and walking the set visits the points in that
/// order without sorting or linked lists.
///
/// - Complexity: `insert`/`remove` O(1); a walk O(capacity / 64 + size). Storage is preallocated.
final class HypervolumeRankSet {
    let wordCount: Int
    let words: UnsafeMutablePointer<UInt64>

    init(capacity: Int) {
        wordCount = max((capacity + 63) / 64, 1)
        words = .allocate(capacity: wordCount)
        words.initialize(repeating: 0, count: wordCount)
    }

    deinit { words.deallocate() }

    @inline(__always)
    func removeAll() { words.update(repeating: 0, count: wordCount) }

    @inline(__always)
    func insert(_ rank: Int) { words[rank >> 6] |= 1 << UInt64(rank & 63) }

    @inline(__always)
    func remove(_ rank: Int) { words[rank >> 6] &= ~(1 << UInt64(rank & 63)) }

    /// A cursor on the members ≥ `start`, in ascending order.
    @inline(__always)
    func members(from start: Int) -> Cursor { Cursor(words: words, wordCount: wordCount, start: start) }

    /// Ascending walk over the members from a start rank on. It copies each 64-rank word when it
    /// reaches it, so removing the member it is at (as the sweep does) does not disturb the walk.
    struct Cursor {
        let words: UnsafeMutablePointer<UInt64>
        let wordCount: Int
        var word: Int
        var bits: UInt64

        @inline(__always)
        init(words: UnsafeMutablePointer<UInt64>, wordCount: Int, start: Int) {
            self.words = words
            self.wordCount = wordCount
            word = start >> 6
            bits = word < wordCount ? words[word] & (~0 << UInt64(start & 63)) : 0
        }

        /// The next member, or `Int.max` after the last one.
        @inline(__always)
        mutating func next() -> Int {
            while bits == 0 {
                word += 1
                if word >= wordCount { return .max }
                bits = words[word]
            }
            let rank = word << 6 | bits.trailingZeroBitCount
            bits &= bits &- 1
            return rank
        }
    }
}
