/// Exact hypervolume in four or more objectives by the WFG algorithm.
///
/// While, Bradstreet & Barone (2012), "A fast way of calculating exact hypervolumes", IEEE
/// Transactions on Evolutionary Computation 16(1):86–95, doi:10.1109/TEVC.2010.2077298.
/// The hypervolume is the sum of exclusive contributions, each computed as the point's box minus
/// the hypervolume of the later points *limited* to that box (`max(t, s)` coordinate-wise), after
/// removing the limited points that are dominated. With the usual optimizations:
/// - points are sorted by the last objective in descending order, so every limited point shares
///   the current point's last coordinate and the limit set is solved in one dimension fewer
///   (its volume is the (d−1)-dimensional one times the common height);
/// - a later point no worse than the current one in the remaining coordinates makes the current
///   point's contribution 0 at once (its limited copy covers the whole box);
/// - sets of one or two points use the box volume / inclusion–exclusion;
/// - each level is sorted once by the next level's key, so limit sets come out sorted;
/// - limit sets are built and filtered with the first four coordinates as one SIMD4 vector
///   (dominance checks specialized per dimension);
/// - the recursion bottoms out in the 4-D sweep `Hypervolume4D` (HV4D+ scheme, Guerreiro &
///   Fonseca 2018, doi:10.1109/TEVC.2017.2729550), which needs neither filtering nor sorting of
///   the 4-D limit sets (they come out ascending in their last coordinate); with `base4D: false`
///   it goes on down to the O(n log n) 3-D sweep of Beume et al. (2009) (`Hypervolume3D`).
/// Every level has preallocated buffers (limit set, filtered and sorted set, index scratch), so
/// the recursion allocates nothing.
///
/// - Complexity: O(n^(d−2) log n) time for d ≥ 4 objectives (exponential in d, as for every known
///   exact algorithm); O(n·d) extra space per level.
final class HypervolumeWFG {
    let dimension: Int
    let capacity: Int
    let reference: UnsafeMutablePointer<Double>
    /// `limitBuffers[d]`: limit sets of dimension d (capacity × d doubles), for d in 3...dimension.
    private let limitBuffers: [UnsafeMutablePointer<Double>]
    /// `sortedBuffers[d]`: filtered limit sets sorted by their last coordinate, descending.
    private let sortedBuffers: [UnsafeMutablePointer<Double>]
    private let indexBuffers: [UnsafeMutablePointer<Int32>]
    /// `permutationBuffers[d]`: the level-d set's order by coordinate d−2.
    private let permutationBuffers: [UnsafeMutablePointer<Int32>]
    private let removedFlags: UnsafeMutablePointer<Bool>
    /// Array staircase of the small-set 3-D sweep.
    private let stairX: UnsafeMutablePointer<Double>
    private let stairY: UnsafeMutablePointer<Double>
    private let staircase: HypervolumeStaircase
    /// The 4-D base case, or nil to run WFG down to the 3-D sweep.
    private let base4D: Hypervolume4D?

    /// Workspace for sets of up to `capacity` points in `reference.count` ≥ 3 objectives.
    /// With `base4D` (the default) 4-D sets go to `Hypervolume4D`; without it WFG recurses down to
    /// the 3-D sweep (kept to cross-check the two paths in tests).
    init(capacity: Int, reference: [Double], base4D: Bool = true) {
        dimension = reference.count
        self.base4D = base4D && reference.count >= 4 ? Hypervolume4D(capacity: max(capacity, 1)) : nil
        self.capacity = max(capacity, 1)
        self.reference = .allocate(capacity: dimension)
        for c in 0..<dimension { self.reference[c] = reference[c] }
        var limits: [UnsafeMutablePointer<Double>] = [], sorted: [UnsafeMutablePointer<Double>] = []
        var indices: [UnsafeMutablePointer<Int32>] = [], permutations: [UnsafeMutablePointer<Int32>] = []
        for d in 0...dimension {
            let size = d >= 3 ? self.capacity * d : 1
            limits.append(.allocate(capacity: size))
            sorted.append(.allocate(capacity: size))
            indices.append(.allocate(capacity: d >= 3 ? self.capacity : 1))
            permutations.append(.allocate(capacity: d >= 3 ? self.capacity : 1))
        }
        permutationBuffers = permutations
        removedFlags = .allocate(capacity: self.capacity)
        stairX = .allocate(capacity: self.capacity + 2)
        stairY = .allocate(capacity: self.capacity + 2)
        limitBuffers = limits
        sortedBuffers = sorted
        indexBuffers = indices
        staircase = HypervolumeStaircase(points: self.capacity)
    }

    deinit {
        reference.deallocate()
        for p in limitBuffers { p.deallocate() }
        for p in sortedBuffers { p.deallocate() }
        for p in indexBuffers { p.deallocate() }
        for p in permutationBuffers { p.deallocate() }
        removedFlags.deallocate()
        stairX.deallocate()
        stairY.deallocate()
    }

    /// The buffer that `volume(ofLimitSetOfDimension:count:)` reads for dimension `d`.
    func limitBuffer(_ d: Int) -> UnsafeMutablePointer<Double> { limitBuffers[d] }

    @inline(__always)
    func box(_ p: UnsafePointer<Double>, _ d: Int) -> Double {
        var v = 1.0
        for c in 0..<d { v *= reference[c] - p[c] }
        return v
    }

    /// Hypervolume of the `count` points of dimension `d` ≥ 3 in `limitBuffer(d)`, every one
    /// strictly dominating the reference (dominated points and duplicates allowed).
    func volume(ofLimitSetOfDimension d: Int, count: Int) -> Double {
        let rows = limitBuffers[d]
        switch count {
        case 0: return 0
        case 1: return box(rows, d)
        case 2:
            var joint = 1.0
            for c in 0..<d { joint *= reference[c] - max(rows[c], rows[d + c]) }
            return box(rows, d) + box(rows + d, d) - joint
        default: break
        }
        if d == 3 {
            return Hypervolume3D.volumeGathered(
                rows: rows, count: count, reference: reference, order: indexBuffers[3],
                sorted: sortedBuffers[3], xs: stairX, ys: stairY, staircase: staircase)
        }
        if d == 4, let base4D {
            // Sort by the fourth coordinate (ascending) and sweep; no filtering needed.
            let order = indexBuffers[4], sorted = sortedBuffers[4]
            for i in 0..<count { order[i] = Int32(i) }
            hypervolumeSort(order, count: count, by: CoordinateRowOrder(rows: rows, stride: 4, coordinate: 3))
            for i in 0..<count { (sorted + 4 * i).update(from: rows + 4 * Int(order[i]), count: 4) }
            return base4D.volume(rows: sorted, count: count, reference: reference)
        }
        let indices = indexBuffers[d]
        let kept = HypervolumeFilter.nondominated(rows: rows, stride: d, count: count, first: d - 1, indices: indices)
        let sorted = sortedBuffers[d]
        for k in 0..<kept {
            let source = rows + Int(indices[kept - 1 - k]) * d
            let target = sorted + k * d
            for c in 0..<d { target[c] = source[c] }
        }
        return volume(sortedSetOfDimension: d, count: kept)
    }

    /// WFG over the `count` non-dominated points in `sortedBuffers[d]`, sorted by coordinate d−1
    /// descending: Σₖ (r_{d−1} − sₖ,_{d−1}) · (box_{d−1}(sₖ) − HV_{d−1}(limit({sⱼ : j > k}, sₖ))).
    ///
    /// Limiting (t ↦ max(t, s)) keeps the order of every coordinate, so the set is sorted once by
    /// coordinate d−2 (the next level's sort key) and every limit set is produced in that order by
    /// walking the permutation: no sort inside the loop. Limit sets of dimension 3 go straight to
    /// the sweep (which needs no filtering); higher ones are filtered with a two-way dominance check.
    private func volume(sortedSetOfDimension d: Int, count: Int) -> Double {
        let set = UnsafePointer(sortedBuffers[d])
        if count == 1 { return box(set, d) }
        let lower = d - 1, key = lower - 1
        let limit = limitBuffers[lower]
        let permutation = permutationBuffers[d]
        for i in 0..<count { permutation[i] = Int32(i) }
        hypervolumeSort(permutation, count: count, by: CoordinateRowOrder(rows: set, stride: d, coordinate: key))
        var total = 0.0
        var active = count   // permutation[0..<active]: the rows after k, still in key order
        for k in 0..<count {
            let s = set + k * d
            let height = reference[lower] - s[lower]
            // Drop row k from the permutation, so the limit set is a plain walk over it.
            var at = 0
            while Int(permutation[at]) != k { at += 1 }
            for i in at..<(active - 1) { permutation[i] = permutation[i + 1] }
            active -= 1
            var exclusive = box(s, lower)
            let written: Int
            switch lower {
            case 3: written = limitSet(FixedDimension3.self, set, d, s, permutation, active, limit)
            case 4: written = limitSet(FixedDimension4.self, set, d, s, permutation, active, limit)
            case 5: written = limitSet(FixedDimension5.self, set, d, s, permutation, active, limit)
            case 6: written = limitSet(FixedDimension6.self, set, d, s, permutation, active, limit)
            case 7: written = limitSet(FixedDimension7.self, set, d, s, permutation, active, limit)
            default: written = limitSet(AnyDimension.self, set, d, s, permutation, active, limit)
            }
            if written < 0 { continue }   // a later point covers s: no exclusive volume
            if written == 1 {
                exclusive -= box(limit, lower)
            } else if written == 2 {
                // Inclusion–exclusion: |a ∪ b| = |a| + |b| − |max(a, b)|.
                let b = limit + lower
                var joint = 1.0
                for c in 0..<lower { joint *= reference[c] - max(limit[c], b[c]) }
                exclusive -= box(limit, lower) + box(b, lower) - joint
            } else if written > 2 {
                if lower == 3 {
                    exclusive -= Hypervolume3D.sweepContiguousSmall(
                        rows: limit, count: written, reference: reference, xs: stairX, ys: stairY,
                        shiftBudget: Hypervolume3D.shiftBudget(written))
                        ?? Hypervolume3D.sweepContiguous(
                            rows: limit, count: written, reference: reference, staircase: staircase)
                } else if lower == 4, let base4D {
                    // The limit set is already ascending in its last coordinate.
                    exclusive -= base4D.volume(rows: limit, count: written, reference: reference, corner: s)
                } else if lower == 4 {
                    let kept = filterAscending4(rows: limit, count: written)
                    exclusive -= volume(sortedSetOfDimension: lower, count: kept)
                } else {
                    let kept: Int
                    switch lower {
                    case 5: kept = filterAscendingWide(FixedDimension5.self, rows: limit, count: written)
                    case 6: kept = filterAscendingWide(FixedDimension6.self, rows: limit, count: written)
                    case 7: kept = filterAscendingWide(FixedDimension7.self, rows: limit, count: written)
                    default: kept = filterAscending(AnyDimension.self, rows: limit, count: written, dimension: lower)
                    }
                    exclusive -= volume(sortedSetOfDimension: lower, count: kept)
                }
            }
            total += height * exclusive
        }
        return total
    }

    /// Writes the rows `permutation[0..<count]` (the rows after s) limited to `s` (max per
    /// coordinate, first d−1 coordinates) to `limit` in that order; returns their number, or −1 as soon as one of them
    /// weakly dominates `s` (then s has no exclusive volume). `D` fixes the dimension at compile
    /// time where it can, so the coordinate loops unroll.
    @inline(__always)
    private func limitSet<D: WFGDimension>(
        _: D.Type, _ set: UnsafePointer<Double>, _ d: Int, _ s: UnsafePointer<Double>,
        _ permutation: UnsafePointer<Int32>, _ count: Int, _ limit: UnsafeMutablePointer<Double>
    ) -> Int {
        let lower = D.value ?? (d - 1)
        var written = 0
        if lower >= 4 {
            // The first four coordinates as one vector (unaligned loads and stores), the rest singly.
            let s4 = UnsafeRawPointer(s).loadUnaligned(as: SIMD4<Double>.self)
            for position in 0..<count {
                let j = Int(permutation[position])
                let t = set + j * d
                let target = limit + written * lower
                let t4 = UnsafeRawPointer(t).loadUnaligned(as: SIMD4<Double>.self)
                UnsafeMutableRawPointer(target).storeBytes(of: t4.replacing(with: s4, where: t4 .< s4), as: SIMD4<Double>.self)
                var weaklyBetter = all(t4 .<= s4)
                for c in 4..<lower {
                    let a = t[c], b = s[c]
                    target[c] = a > b ? a : b
                    weaklyBetter = weaklyBetter && !(a > b)
                }
                if weaklyBetter { return -1 }
                written += 1
            }
            return written
        }
        for position in 0..<count {
            let j = Int(permutation[position])
            let t = set + j * d
            let target = limit + written * lower
            var weaklyBetter = true
            for c in 0..<lower {
                let a = t[c], b = s[c]
                target[c] = a > b ? a : b
                weaklyBetter = weaklyBetter && !(a > b)
            }
            if weaklyBetter { return -1 }
            written += 1
        }
        return written
    }

    /// Keeps the non-dominated distinct rows of `rows` (dimension `d`, ascending in coordinate d−1)
    /// and writes them to `sortedBuffers[d]` in descending order of that coordinate.
    /// A row can only be weakly dominated by an earlier row, or dominate an earlier one of equal key.
    /// - Returns: the number of rows kept. - Complexity: O(n·k·d) for k kept rows.
    @inline(__always)
    private func filterAscending<D: WFGDimension>(
        _: D.Type, rows: UnsafeMutablePointer<Double>, count: Int, dimension: Int
    ) -> Int {
        let d = D.value ?? dimension
        let key = d - 1
        let removed = removedFlags
        var kept = 0
        for i in 0..<count {
            let p = rows + i * d
            let pKey = p[key]
            var dominated = false
            var q = rows + (kept - 1) * d
            var k = kept - 1
            while k >= 0 {
                if q[key] != pKey {
                    // q has a smaller key: only q ≤ p is possible.
                    var qBetter = true
                    for c in 0..<key where q[c] > p[c] {
                        qBetter = false
                        break
                    }
                    if qBetter {
                        dominated = true
                        break
                    }
                } else if !removed[k] {
                    var qBetter = true, pBetter = true
                    for c in 0..<key {
                        let a = q[c], b = p[c]
                        if a > b { qBetter = false }
                        if b > a { pBetter = false }
                        if !qBetter && !pBetter { break }
                    }
                    if qBetter {
                        dominated = true
                        break
                    }
                    if pBetter { removed[k] = true }
                }
                k -= 1
                q -= d
            }
            if !dominated {
                if kept != i { (rows + kept * d).update(from: p, count: d) }
                removed[kept] = false
                kept += 1
            }
        }
        let sorted = sortedBuffers[d]
        var written = 0
        var k = kept - 1
        while k >= 0 {
            if !removed[k] {
                (sorted + written * d).update(from: rows + k * d, count: d)
                written += 1
            }
            k -= 1
        }
        return written
    }

    /// `filterAscending` for 5 ≤ d ≤ 7 fixed at compile time: the first four coordinates are compared
    /// as one vector, the rest (before the key) one by one; the key needs no comparison (rows
    /// ascend in it).
    @inline(__always)
    private func filterAscendingWide<D: WFGDimension>(_: D.Type, rows: UnsafeMutablePointer<Double>, count: Int) -> Int {
        let d = D.value!
        let key = d - 1
        let removed = removedFlags
        let raw = UnsafeRawPointer(rows)
        let stride = d * MemoryLayout<Double>.stride
        var kept = 0
        for i in 0..<count {
            let p = rows + i * d
            let p4 = raw.loadUnaligned(fromByteOffset: i * stride, as: SIMD4<Double>.self)
            var dominated = false
            var k = kept - 1
            while k >= 0 {
                let q = rows + k * d
                let q4 = raw.loadUnaligned(fromByteOffset: k * stride, as: SIMD4<Double>.self)
                if all(q4 .<= p4) {
                    var qBetter = true
                    for c in 4..<key where q[c] > p[c] {
                        qBetter = false
                        break
                    }
                    if qBetter {
                        dominated = true
                        break
                    }
                }
                if q[key] == p[key] && !removed[k] && all(p4 .<= q4) {
                    var pBetter = true
                    for c in 4..<key where p[c] > q[c] {
                        pBetter = false
                        break
                    }
                    if pBetter { removed[k] = true }
                }
                k -= 1
            }
            if !dominated {
                if kept != i { (rows + kept * d).update(from: p, count: d) }
                removed[kept] = false
                kept += 1
            }
        }
        let sorted = sortedBuffers[d]
        var written = 0
        var k = kept - 1
        while k >= 0 {
            if !removed[k] {
                (sorted + written * d).update(from: rows + k * d, count: d)
                written += 1
            }
            k -= 1
        }
        return written
    }

    /// `filterAscending` for four objectives: one vector comparison per pair of rows.
    private func filterAscending4(rows: UnsafeMutablePointer<Double>, count: Int) -> Int {
        let removed = removedFlags
        let raw = UnsafeRawPointer(rows)
        let stride = 4 * MemoryLayout<Double>.stride
        var kept = 0
        for i in 0..<count {
            let p = raw.loadUnaligned(fromByteOffset: i * stride, as: SIMD4<Double>.self)
            var dominated = false
            var k = kept - 1
            while k >= 0 {
                let q = raw.loadUnaligned(fromByteOffset: k * stride, as: SIMD4<Double>.self)
                if all(q .<= p) {          // keys ascend, so q ≤ p in the key too
                    dominated = true
                    break
                }
                if q[3] == p[3] && !removed[k] && all(p .<= q) { removed[k] = true }
                k -= 1
            }
            if !dominated {
                if kept != i { (rows + kept * 4).update(from: rows + i * 4, count: 4) }
                removed[kept] = false
                kept += 1
            }
        }
        let sorted = sortedBuffers[4]
        var written = 0
        var k = kept - 1
        while k >= 0 {
            if !removed[k] {
                (sorted + written * 4).update(from: rows + k * 4, count: 4)
                written += 1
            }
            k -= 1
        }
        return written
    }
}

/// A dimension known at compile time (`value`), or `nil` for "use the run-time dimension".
protocol WFGDimension { static var value: Int? { get } }
enum FixedDimension3: WFGDimension { static var value: Int? { 3 } }
enum FixedDimension4: WFGDimension { static var value: Int? { 4 } }
enum FixedDimension5: WFGDimension { static var value: Int? { 5 } }
enum FixedDimension6: WFGDimension { static var value: Int? { 6 } }
enum FixedDimension7: WFGDimension { static var value: Int? { 7 } }
enum AnyDimension: WFGDimension { static var value: Int? { nil } }
