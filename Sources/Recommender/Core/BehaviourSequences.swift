/// Where behaviour histories live in a `FeatureLayout`: the vocabulary sizes of the history's item,
/// category and behaviour-type codes, and which item fields hold the candidate's item and category
/// (their codes share the history's vocabularies, so a target-attention tower can compare them).
public struct SequenceLayout: Codable, Sendable, Equatable {
    /// Vocabulary size (with the OOV / padding code 0) of history item codes.
    public var itemCardinality: Int
    /// Vocabulary size of history category codes.
    public var categoryCardinality: Int
    /// Vocabulary size of behaviour-type codes (code 0 is unused).
    public var behaviourCardinality: Int
    /// Index (among the item categorical fields) of the candidate's item id.
    public var candidateItemField: Int
    /// Index (among the item categorical fields) of the candidate's category, if the layout has one.
    public var candidateCategoryField: Int?

    public init(itemCardinality: Int, categoryCardinality: Int, behaviourCardinality: Int,
                candidateItemField: Int, candidateCategoryField: Int?) {
        self.itemCardinality = itemCardinality; self.categoryCardinality = categoryCardinality
        self.behaviourCardinality = behaviourCardinality
        self.candidateItemField = candidateItemField; self.candidateCategoryField = candidateCategoryField
    }
}

/// Every example's behaviour history, stored compactly: one shared array of behaviours grouped by
/// user (each user's segment in time order, built from the training split only), and per example
/// the segment start and the end of its history prefix (the behaviours strictly before the example's
/// time). The last `L` behaviours of example `n` are `max(start[n], end[n] − L) ..< end[n]`, so any
/// window length is available without a copy per example.
///
/// Codes: `items` and `categories` use the vocabularies named by `layout`, `behaviours` is in
/// `1 ..< layout.behaviourCardinality`; code 0 is padding. - Complexity: O(1) per window.
public struct BehaviourSequences: Sendable, Equatable {
    /// The code vocabularies and the candidate's fields.
    public let layout: SequenceLayout
    /// History item code of every stored behaviour (users' segments one after the other).
    public let items: [Int32]
    /// History category code of every stored behaviour.
    public let categories: [Int32]
    /// Behaviour-type code of every stored behaviour.
    public let behaviours: [Int32]
    /// Time of every stored behaviour (ascending within a user's segment).
    public let times: [Int64]
    /// Raw user id of each segment, and where each segment starts (`segmentStarts.count` = segments + 1).
    public let segmentUsers: [Int64]
    /// Segment boundaries in the behaviour arrays.
    public let segmentStarts: [Int]
    /// Per example: start of its user's segment.
    public private(set) var exampleStart: [Int32]
    /// Per example: end (exclusive) of the behaviours strictly before its time.
    public private(set) var exampleEnd: [Int32]
    /// Per example: its time (same clock as `times`).
    public private(set) var exampleTimes: [Int64]

    /// Sequences from their arrays.
    /// - Throws: `ExampleTableError.shapeMismatch` when the arrays disagree in length, an example's
    ///   range is outside the behaviour arrays, or a code is outside its vocabulary.
    public init(layout: SequenceLayout, items: [Int32], categories: [Int32], behaviours: [Int32], times: [Int64],
                segmentUsers: [Int64], segmentStarts: [Int], exampleStart: [Int32], exampleEnd: [Int32],
                exampleTimes: [Int64]) throws {
        let n = items.count
        guard categories.count == n, behaviours.count == n, times.count == n,
              segmentStarts.count == segmentUsers.count + 1, segmentStarts.first == 0, segmentStarts.last == n,
              exampleEnd.count == exampleStart.count, exampleTimes.count == exampleStart.count else {
            throw ExampleTableError.shapeMismatch("behaviour sequence arrays disagree in length")
        }
        for (s, e) in zip(exampleStart, exampleEnd) where !(0 <= s && s <= e && Int(e) <= n) {
            throw ExampleTableError.shapeMismatch("history range \(s)..<\(e) is outside the \(n) stored behaviours")
        }
        func check(_ codes: [Int32], _ cardinality: Int, _ name: String) throws {
            for c in codes where !(c >= 0 && Int(c) < cardinality) {
                throw ExampleTableError.shapeMismatch("history \(name) code \(c) outside 0..<\(cardinality)")
            }
        }
        try check(items, layout.itemCardinality, "item")
        try check(categories, layout.categoryCardinality, "category")
        try check(behaviours, layout.behaviourCardinality, "behaviour")
        self.layout = layout; self.items = items; self.categories = categories; self.behaviours = behaviours
        self.times = times; self.segmentUsers = segmentUsers; self.segmentStarts = segmentStarts
        self.exampleStart = exampleStart; self.exampleEnd = exampleEnd; self.exampleTimes = exampleTimes
    }

    /// Number of examples covered.
    public var exampleCount: Int { exampleStart.count }

    /// The stored-behaviour range of example `n`'s last `length` behaviours (oldest first).
    @inline(__always)
    public func window(_ n: Int, length: Int) -> Range<Int> {
        let end = Int(exampleEnd[n]), start = max(Int(exampleStart[n]), end - length)
        return start..<end
    }

    /// Example `n`'s last `length` behaviours as fixed-width rows, left-aligned and zero-padded, with
    /// the padding mask (1 for a real behaviour, 0 for padding): the layout a framework with dense
    /// tensors (and the PyTorch benchmark) uses.
    public func padded(_ n: Int, length: Int) -> (items: [Int32], categories: [Int32], behaviours: [Int32], mask: [Float]) {
        var out = ([Int32](repeating: 0, count: length), [Int32](repeating: 0, count: length),
                   [Int32](repeating: 0, count: length), [Float](repeating: 0, count: length))
        for (j, i) in window(n, length: length).enumerated() {
            out.0[j] = items[i]; out.1[j] = categories[i]; out.2[j] = behaviours[i]; out.3[j] = 1
        }
        return out
    }

    /// The sequences of the examples at `indices` (sharing the behaviour arrays).
    public func subset(_ indices: [Int]) -> BehaviourSequences {
        var s = self
        s.exampleStart = indices.map { exampleStart[$0] }
        s.exampleEnd = indices.map { exampleEnd[$0] }
        s.exampleTimes = indices.map { exampleTimes[$0] }
        return s
    }

    /// The same stored behaviours with examples `(users[n], times[n])`: each gets its user's behaviours
    /// strictly before `times[n]` (none for a user without a segment). `users.count == times.count`.
    /// - Complexity: O(segments + E log(segment length)).
    public func locating(users: [Int64], times exampleTimes: [Int64]) -> BehaviourSequences {
        precondition(users.count == exampleTimes.count, "one time per example")
        var segmentOf = [Int64: Int](minimumCapacity: segmentUsers.count)
        for (s, u) in segmentUsers.enumerated() { segmentOf[u] = s }
        var starts = [Int32](repeating: 0, count: users.count), ends = starts
        for n in users.indices {
            guard let s = segmentOf[users[n]] else { continue }
            var lo = segmentStarts[s], hi = segmentStarts[s + 1]
            let t = exampleTimes[n]
            while lo < hi {  // first behaviour at or after t
                let mid = (lo + hi) / 2
                if times[mid] < t { lo = mid + 1 } else { hi = mid }
            }
            starts[n] = Int32(segmentStarts[s]); ends[n] = Int32(lo)
        }
        var out = self
        out.exampleStart = starts; out.exampleEnd = ends; out.exampleTimes = exampleTimes
        return out
    }

    /// Adds an example with an empty history.
    mutating func appendEmpty() {
        exampleStart.append(0); exampleEnd.append(0); exampleTimes.append(0)
    }
}
