import NumericCore

/// The e-commerce positives of a `TaobaoEventLog`, computed per user without hash tables: the
/// distinct viewed (user, item) pairs with their first-view time and purchase label, each user's
/// distinct touched items (any behaviour) as one sorted run of a flat array, and the number of
/// duplicate events.
///
/// Definitions (those of `EcommerceDataset.taobao`): a pair is a positive when the user viewed the
/// item (`pv`); its time is its earliest view; its purchase label is 1 when the user bought the item
/// at or after that time (`DerivedObjectives.purchaseAfterView`). Positives are ordered by the file
/// position of the pair's first `pv` line. A duplicate is an event whose user, item, category,
/// behaviour and time repeat an earlier line's.
///
/// Memory: 17 bytes per positive and 4 bytes per distinct touched pair; the grouping itself needs a
/// 4-byte permutation of the events and 4 bytes per positive while it runs.
/// - Complexity: O(events × log(events per user)).
struct TaobaoPositives {
    /// Dense user of each positive.
    var users: [UInt32]
    /// Dense item of each positive.
    var items: [UInt32]
    /// First-view time of each positive.
    var timestamps: [Int64]
    /// Purchase label (0 or 1) of each positive.
    var purchased: [UInt8]
    /// `interactionItems[interactionOffsets[u]..<interactionOffsets[u + 1]]`: user `u`'s distinct
    /// items (any behaviour), increasing.
    var interactionOffsets: [Int]
    /// Touched items of every user, in user order.
    var interactionItems: [UInt32]
    /// Events repeating an earlier line's five fields.
    var duplicateEvents: Int
    /// Number of positives.
    var count: Int { users.count }

    /// Groups `log`'s events by user and derives the positives. The event columns of `log` are
    /// released (emptied) once they are no longer needed; its key tables are kept. The per-user passes
    /// run on `parts` threads over ranges of users, each writing its own slice of the outputs: the
    /// result is the same for any `parts`.
    init(consuming log: inout TaobaoEventLog, parts: Int = ParallelParts.defaultCount) {
        let n = log.count, userCount = log.userKeys.count
        // Counting sort of the events by user (stable: file order within a user).
        var offsets = [Int](repeating: 0, count: userCount + 1)
        for u in log.users { offsets[Int(u) + 1] += 1 }
        for u in 0..<userCount { offsets[u + 1] += offsets[u] }
        var order = [UInt32](repeating: 0, count: n)
        do {
            var next = offsets
            for e in 0..<n { let u = Int(log.users[e]); order[next[u]] = UInt32(e); next[u] += 1 }
        }
        log.users = []
        let parts = max(1, min(parts, userCount))
        let bounds = ParallelParts.balancedBoundaries(offsets: offsets, parts: parts)
        var touchedOffsets = [Int](repeating: 0, count: userCount + 1)
        let pv = TaobaoBehavior.pv.rawValue, buy = TaobaoBehavior.buy.rawValue
        var pu = [UInt32](), pi = [UInt32](), pt = [Int64](), pp = [UInt8](), first = [UInt32](), touched = [UInt32]()
        var duplicates = 0
        log.items.withUnsafeBufferPointer { items in
        log.timestamps.withUnsafeBufferPointer { times in
        log.behaviors.withUnsafeBufferPointer { behaviors in
        log.categories.withUnsafeBufferPointer { categories in
        order.withUnsafeMutableBufferPointer { order in
            // Pass 1: sort each user's events by (item, time, file position); count the pairs, so
            // that pass 2 fills arrays of the exact size (no growth by doubling at the peak).
            var pairsIn = [Int](repeating: 0, count: parts), viewedIn = [Int](repeating: 0, count: parts)
            pairsIn.withUnsafeMutableBufferPointer { pairsIn in
            viewedIn.withUnsafeMutableBufferPointer { viewedIn in
                ParallelParts.run(parts) { part in
                    var pairs = 0, viewedPairs = 0
                    for u in bounds[part]..<bounds[part + 1] {
                        let s = offsets[u], e = offsets[u + 1]
                        var segment = UnsafeMutableBufferPointer(rebasing: order[s..<e])
                        segment.sort { a, b in
                            let ia = items[Int(a)], ib = items[Int(b)]
                            if ia != ib { return ia < ib }
                            let ta = times[Int(a)], tb = times[Int(b)]
                            return ta != tb ? ta < tb : a < b
                        }
                        var previous = UInt32.max, viewed = false
                        for j in s..<e {
                            let ev = Int(order[j])
                            if items[ev] != previous || j == s { pairs += 1; previous = items[ev]; viewed = false }
                            if !viewed && behaviors[ev] == pv { viewed = true; viewedPairs += 1 }
                        }
                    }
                    pairsIn[part] = pairs; viewedIn[part] = viewedPairs
                }
            }}
            // Where each part's pairs and positives start in the outputs.
            var pairStart = [0], viewedStart = [0]
            for part in 0..<parts { pairStart.append(pairStart[part] + pairsIn[part]); viewedStart.append(viewedStart[part] + viewedIn[part]) }
            var duplicatesIn = [Int](repeating: 0, count: parts)
            // Pass 2: one run per (user, item), each part into its slices.
            func fill(_ pu: UnsafeMutablePointer<UInt32>, _ pi: UnsafeMutablePointer<UInt32>, _ pt: UnsafeMutablePointer<Int64>,
                      _ pp: UnsafeMutablePointer<UInt8>, _ first: UnsafeMutablePointer<UInt32>, _ touched: UnsafeMutablePointer<UInt32>,
                      _ touchedOffsets: UnsafeMutablePointer<Int>, _ duplicatesIn: UnsafeMutablePointer<Int>) {
                ParallelParts.run(parts) { part in
                    var w = viewedStart[part], t = pairStart[part], duplicates = 0
                    for u in bounds[part]..<bounds[part + 1] {
                        let s = offsets[u], e = offsets[u + 1]
                        var a = s
                        while a < e {
                            let item = items[Int(order[a])]
                            var b = a + 1
                            while b < e, items[Int(order[b])] == item { b += 1 }
                            touched[t] = item; t += 1
                            var firstView = Int64.max, firstViewLine = UInt32.max, lastBuy = Int64.min
                            for j in a..<b {
                                let ev = Int(order[j]), time = times[ev], beh = behaviors[ev]
                                var k = j - 1, repeated = false
                                while k >= a, times[Int(order[k])] == time {
                                    let o = Int(order[k])
                                    if behaviors[o] == beh && categories[o] == categories[ev] { repeated = true; break }
                                    k -= 1
                                }
                                if repeated { duplicates += 1; continue }
                                if beh == pv {
                                    if time < firstView { firstView = time }
                                    if UInt32(ev) < firstViewLine { firstViewLine = UInt32(ev) }
                                } else if beh == buy, time > lastBuy { lastBuy = time }
                            }
                            if firstViewLine != .max {
                                pu[w] = UInt32(u); pi[w] = item; pt[w] = firstView; pp[w] = lastBuy >= firstView ? 1 : 0
                                first[w] = firstViewLine
                                w += 1
                            }
                            a = b
                        }
                        touchedOffsets[u + 1] = t
                    }
                    duplicatesIn[part] = duplicates
                }
            }
            let viewedPairs = viewedStart[parts], pairs = pairStart[parts]
            pu = .init(unsafeUninitializedCapacity: viewedPairs) { puB, c1 in
            pi = .init(unsafeUninitializedCapacity: viewedPairs) { piB, c2 in
            pt = .init(unsafeUninitializedCapacity: viewedPairs) { ptB, c3 in
            pp = .init(unsafeUninitializedCapacity: viewedPairs) { ppB, c4 in
            first = .init(unsafeUninitializedCapacity: viewedPairs) { firstB, c5 in
            touched = .init(unsafeUninitializedCapacity: pairs) { touchedB, c6 in
                touchedOffsets.withUnsafeMutableBufferPointer { to in
                    duplicatesIn.withUnsafeMutableBufferPointer { d in
                        fill(Self.start(puB), Self.start(piB), Self.start(ptB), Self.start(ppB), Self.start(firstB), Self.start(touchedB),
                             Self.start(to), Self.start(d))
                    }
                }
                c6 = pairs
            }; c5 = viewedPairs }; c4 = viewedPairs }; c3 = viewedPairs }; c2 = viewedPairs }; c1 = viewedPairs }
            duplicates = duplicatesIn.reduce(0, +)
        }}}}}
        log.items = []; log.timestamps = []; log.behaviors = []; log.categories = []
        order = []
        // Reorder the positives by the file position of their first view: the rank of that line
        // among all first-view lines (a bitmap with per-word prefix counts).
        var bits = [UInt64](repeating: 0, count: (n + 63) / 64)
        for f in first { bits[Int(f) >> 6] |= 1 << (UInt64(f) & 63) }
        var before = [Int](repeating: 0, count: bits.count + 1)
        for w in bits.indices { before[w + 1] = before[w] + bits[w].nonzeroBitCount }
        var destination = [UInt32](repeating: 0, count: first.count)
        for k in first.indices {
            let f = Int(first[k]), w = f >> 6, below = bits[w] & ((1 << UInt64(f & 63)) - 1)
            destination[k] = UInt32(before[w] + below.nonzeroBitCount)
        }
        first = []; bits = []; before = []
        func permuted<T>(_ column: [T], zero: T) -> [T] {
            var out = [T](repeating: zero, count: column.count)
            for k in column.indices { out[Int(destination[k])] = column[k] }
            return out
        }
        users = permuted(pu, zero: 0); pu = []
        items = permuted(pi, zero: 0); pi = []
        timestamps = permuted(pt, zero: 0); pt = []
        purchased = permuted(pp, zero: 0)
        interactionOffsets = touchedOffsets; interactionItems = touched; duplicateEvents = duplicates
    }

    /// The first element of `buffer`; for an empty buffer, a pointer that is never dereferenced.
    private static func start<T>(_ buffer: UnsafeMutableBufferPointer<T>) -> UnsafeMutablePointer<T> {
        buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<T>.alignment)!
    }

    /// Whether user `u` touched item `i` (binary search in the user's run).
    func touched(user u: Int, item i: UInt32) -> Bool {
        var lo = interactionOffsets[u], hi = interactionOffsets[u + 1]
        let end = hi
        while lo < hi {
            let mid = (lo + hi) >> 1
            if interactionItems[mid] < i { lo = mid + 1 } else { hi = mid }
        }
        return lo < end && interactionItems[lo] == i
    }

    /// Keeps the positives at which `keep` is true, in order (in place).
    mutating func retain(_ keep: [Bool]) {
        var w = 0
        for r in 0..<count where keep[r] {
            users[w] = users[r]; items[w] = items[r]; timestamps[w] = timestamps[r]; purchased[w] = purchased[r]
            w += 1
        }
        users.removeLast(count - w); items.removeLast(items.count - w)
        timestamps.removeLast(timestamps.count - w); purchased.removeLast(purchased.count - w)
    }
}
