/// The 2-D staircase of the 3-D hypervolume sweep: the points of the current slice that are
/// mutually non-dominated in (x, y), ordered by x ascending (so y descends), in a treap.
///
/// Beume et al. (2009) keep this front in a balanced search tree so that each insertion finds its
/// neighbours and removes the points it dominates in O(log n) amortized. swift-collections 1.6.0
/// has no ordered tree set in its stable products, so this is a hand-written treap (Aragon &
/// Seidel 1989, FOCS, doi:10.1109/SFCS.1989.63531) with split/merge, expected O(log n) per
/// operation. Nodes live in preallocated parallel arrays indexed by `Int32`, so a sweep performs no
/// allocation per point; priorities come from a fixed-seed xorshift, so results are deterministic.
final class HypervolumeStaircase {
    let capacity: Int
    let xs: UnsafeMutablePointer<Double>
    let ys: UnsafeMutablePointer<Double>
    let left: UnsafeMutablePointer<Int32>
    let right: UnsafeMutablePointer<Int32>
    let priority: UnsafeMutablePointer<UInt32>

    /// Room for `points` points plus the two sentinels.
    init(points: Int) {
        capacity = points + 2
        xs = .allocate(capacity: capacity)
        ys = .allocate(capacity: capacity)
        left = .allocate(capacity: capacity)
        right = .allocate(capacity: capacity)
        priority = .allocate(capacity: capacity)
        var state: UInt32 = 0x9E37_79B9
        for i in 0..<capacity {
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            priority[i] = state
        }
    }

    deinit {
        xs.deallocate()
        ys.deallocate()
        left.deallocate()
        right.deallocate()
        priority.deallocate()
    }

    @inline(__always)
    func makeNode(_ node: Int32, x: Double, y: Double) -> Int32 {
        let i = Int(node)
        xs[i] = x
        ys[i] = y
        left[i] = -1
        right[i] = -1
        return node
    }

    /// Splits `tree` into nodes with x < `key` and the rest.
    func split(_ tree: Int32, xBelow key: Double) -> (Int32, Int32) {
        if tree < 0 { return (-1, -1) }
        let t = Int(tree)
        if xs[t] < key {
            let (a, b) = split(right[t], xBelow: key)
            right[t] = a
            return (tree, b)
        } else {
            let (a, b) = split(left[t], xBelow: key)
            left[t] = b
            return (a, tree)
        }
    }

    /// Splits `tree` into its in-order prefix of nodes with y ≥ `key` and the rest (valid because y
    /// descends along the staircase).
    func split(_ tree: Int32, yAtLeast key: Double) -> (Int32, Int32) {
        if tree < 0 { return (-1, -1) }
        let t = Int(tree)
        if ys[t] >= key {
            let (a, b) = split(right[t], yAtLeast: key)
            right[t] = a
            return (tree, b)
        } else {
            let (a, b) = split(left[t], yAtLeast: key)
            left[t] = b
            return (a, tree)
        }
    }

    /// Joins two treaps where every x in `low` is below every x in `high`.
    func merge(_ low: Int32, _ high: Int32) -> Int32 {
        if low < 0 { return high }
        if high < 0 { return low }
        if priority[Int(low)] > priority[Int(high)] {
            right[Int(low)] = merge(right[Int(low)], high)
            return low
        } else {
            left[Int(high)] = merge(low, left[Int(high)])
            return high
        }
    }

    @inline(__always)
    func first(_ tree: Int32) -> Int32 {
        var t = tree
        while left[Int(t)] >= 0 { t = left[Int(t)] }
        return t
    }

    @inline(__always)
    func last(_ tree: Int32) -> Int32 {
        var t = tree
        while right[Int(t)] >= 0 { t = right[Int(t)] }
        return t
    }

    /// Walks `tree` in order (x ascending), adding to `area` the strips above height `y` that a new
    /// point at (`x`, `y`) covers; `curX`/`ceiling` carry the strip's left edge and upper edge.
    func accumulate(_ tree: Int32, y: Double, curX: inout Double, ceiling: inout Double, area: inout Double) {
        if tree < 0 { return }
        let t = Int(tree)
        accumulate(left[t], y: y, curX: &curX, ceiling: &ceiling, area: &area)
        area += (xs[t] - curX) * (ceiling - y)
        curX = xs[t]
        ceiling = ys[t]
        accumulate(right[t], y: y, curX: &curX, ceiling: &ceiling, area: &area)
    }

    /// Inserts (x, y) as node `node` unless a staircase point weakly dominates it, dropping the
    /// points it dominates; returns whether it was inserted. - Complexity: O(log n) expected.
    func insertUnlessDominated(_ root: inout Int32, node: Int32, x: Double, y: Double) -> Bool {
        var t = root, bestY = Double.infinity
        while t >= 0 {
            let i = Int(t)
            if xs[i] <= x {
                bestY = ys[i]
                t = right[i]
            } else {
                t = left[i]
            }
        }
        if bestY <= y { return false }
        let (low, high) = split(root, xBelow: x)
        let (_, rest) = split(high, yAtLeast: y)
        root = merge(merge(low, makeNode(node, x: x, y: y)), rest)
        return true
    }

    /// Appends the nodes of `tree` in order (x ascending) to `list`, advancing `count`.
    func collect(_ tree: Int32, into list: UnsafeMutablePointer<Int32>, count: inout Int) {
        if tree < 0 { return }
        collect(left[Int(tree)], into: list, count: &count)
        list[count] = tree
        count += 1
        collect(right[Int(tree)], into: list, count: &count)
    }

    /// Starts an empty staircase below the reference (rx, ry) and returns its root: two sentinels,
    /// (−∞, ry) on the left and (rx, −∞) on the right, so every real point has both neighbours.
    func reset(referenceX rx: Double, referenceY ry: Double) -> Int32 {
        let a = makeNode(0, x: -.infinity, y: ry)
        let b = makeNode(1, x: rx, y: -.infinity)
        return merge(a, b)
    }

    /// Inserts (x, y) as node `node` unless a staircase point weakly dominates it. Removes the
    /// points it dominates and returns the area it adds to the region the staircase dominates
    /// (0 when dominated). - Complexity: O(log n) expected, amortized over removals.
    @inline(__always)
    func insert(_ root: inout Int32, node: Int32, x: Double, y: Double) -> Double {
        // Dominated points (common in limit sets) are rejected by one descent, without splitting:
        // the point with the largest x ≤ the new x has the lowest y among those left of it.
        var t = root, bestY = Double.infinity
        while t >= 0 {
            let i = Int(t)
            if xs[i] <= x {
                bestY = ys[i]
                t = right[i]
            } else {
                t = left[i]
            }
        }
        if bestY <= y { return 0 }
        let (low, high) = split(root, xBelow: x)
        let before = last(low)      // largest x below the new x (the left sentinel at worst)
        let (dominated, rest) = split(high, yAtLeast: y)
        var curX = x, ceiling = ys[Int(before)], area = 0.0
        accumulate(dominated, y: y, curX: &curX, ceiling: &ceiling, area: &area)
        let next = first(rest)
        area += (xs[Int(next)] - curX) * (ceiling - y)
        root = merge(merge(low, makeNode(node, x: x, y: y)), rest)
        return area
    }
}
