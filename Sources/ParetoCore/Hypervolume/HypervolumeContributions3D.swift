/// Exclusive hypervolume contributions in three objectives by one sweep over z.
///
/// In the spirit of Emmerich & Fonseca (2011), "Computing hypervolume contributions in low
/// dimensions: asymptotically optimal algorithm and complexity results", EMO 2011, LNCS 6576,
/// pp. 121–135, doi:10.1007/978-3-642-19893-8_9: the points (mutually non-dominated and distinct)
/// are inserted in ascending z into the 2-D staircase (sorted arrays while the shifts stay within
/// `Hypervolume3D.shiftBudget`, then the `HypervolumeStaircase` treap). In each z-slice
/// the region that only point p dominates is the rectangle between p and its staircase neighbours,
/// [p.x, next.x) × [p.y, prev.y), minus the boxes of the points p removed from the staircase when
/// it arrived (they lie inside p's box and still count as "others"). That area only changes when
/// a neighbour of p changes or p leaves, so each insertion updates at most its two neighbours and
/// closes the slabs of the points it removes. The uncovered area is summed as positive strips
/// (no cancellation), and rectangle bounds only shrink, so removed boxes above or right of them
/// are dropped for good.
///
/// - Complexity: O(n log n) expected for the sweep, plus the scans of removed-point lists on each
///   neighbour change (O(n) in total on typical fronts, O(n²) in the worst case).
enum HypervolumeContributions3D {
    /// Contributions of `count` mutually non-dominated distinct rows of three doubles at `rows`,
    /// each strictly dominating `reference`; `result[i]` for row `i`. With `sortedByZ` the rows
    /// are already in ascending z and the sort is skipped.
    static func contributions(
        rows: UnsafePointer<Double>, count: Int, reference: UnsafePointer<Double>,
        result: UnsafeMutablePointer<Double>, sortedByZ: Bool = false
    ) {
        if count == 0 { return }
        let order = UnsafeMutablePointer<Int32>.allocate(capacity: count)
        // Per insertion index k: current exclusive area, slab start, bounds of the rectangle,
        // accumulated volume, and the range of its removed points in `removedList`.
        let area = UnsafeMutablePointer<Double>.allocate(capacity: count)
        let since = UnsafeMutablePointer<Double>.allocate(capacity: count)
        let boundX = UnsafeMutablePointer<Double>.allocate(capacity: count)
        let boundY = UnsafeMutablePointer<Double>.allocate(capacity: count)
        let volume = UnsafeMutablePointer<Double>.allocate(capacity: count)
        let removedStart = UnsafeMutablePointer<Int>.allocate(capacity: count)
        let removedEnd = UnsafeMutablePointer<Int>.allocate(capacity: count)
        let removedList = UnsafeMutablePointer<Int32>.allocate(capacity: count + 1)
        defer {
            order.deallocate(); area.deallocate(); since.deallocate(); boundX.deallocate()
            boundY.deallocate(); volume.deallocate(); removedStart.deallocate(); removedEnd.deallocate()
            removedList.deallocate()
        }
        for i in 0..<count { order[i] = Int32(i) }
        if !sortedByZ {
            hypervolumeSort(order, count: count, by: CoordinateRowOrder(rows: rows, stride: 3, coordinate: 2))
        }
        // Coordinates by node id (insertion index + 2; nodes 0 and 1 are the sentinels).
        let xs = UnsafeMutablePointer<Double>.allocate(capacity: count + 2)
        let ys = UnsafeMutablePointer<Double>.allocate(capacity: count + 2)
        // The staircase as node ids in x order while shifts stay within budget, then a treap.
        let slots = UnsafeMutablePointer<Int32>.allocate(capacity: count + 2)
        defer {
            xs.deallocate()
            ys.deallocate()
            slots.deallocate()
        }
        xs[0] = -.infinity; ys[0] = reference[1]; xs[1] = reference[0]; ys[1] = -.infinity
        slots[0] = 0; slots[1] = 1
        var size = 2, budget = Hypervolume3D.shiftBudget(count)
        var tree: HypervolumeStaircase?
        var root: Int32 = -1
        var listCount = 0

        /// The part of k's rectangle that none of its removed points covers (positive strips).
        func exclusiveArea(_ k: Int) -> Double {
            let node = k + 2
            let px = xs[node], py = ys[node], limitX = boundX[k], limitY = boundY[k]
            var start = removedStart[k], end = removedEnd[k]
            while start < end && ys[Int(removedList[start])] >= limitY { start += 1 }
            while end > start && xs[Int(removedList[end - 1])] >= limitX { end -= 1 }
            removedStart[k] = start
            removedEnd[k] = end
            var total = 0.0, curX = px, height = limitY - py
            for i in start..<end {
                let d = Int(removedList[i])
                total += (xs[d] - curX) * height
                curX = xs[d]
                height = min(height, ys[d] - py)
            }
            return total + (limitX - curX) * height
        }

        for k in 0..<count {
            let p = rows + 3 * Int(order[k])
            let x = p[0], y = p[1], z = p[2]
            let node = Int32(k + 2)
            xs[Int(node)] = x
            ys[Int(node)] = y
            let before: Int, after: Int
            removedStart[k] = listCount
            if let stairs = tree {
                let (low, high) = stairs.split(root, xBelow: x)
                before = Int(stairs.last(low))
                let (dominated, rest) = stairs.split(high, yAtLeast: y)
                after = Int(stairs.first(rest))
                stairs.collect(dominated, into: removedList, count: &listCount)
                root = stairs.merge(stairs.merge(low, stairs.makeNode(node, x: x, y: y)), rest)
            } else {
                var low = 0, high = size - 1
                while high - low > 1 {
                    let mid = (low + high) >> 1
                    if xs[Int(slots[mid])] <= x { low = mid } else { high = mid }
                }
                let first = xs[Int(slots[low])] == x ? low : low + 1
                before = Int(slots[first - 1])
                var end = first
                while ys[Int(slots[end])] >= y {
                    removedList[listCount] = slots[end]
                    listCount += 1
                    end += 1
                }
                after = Int(slots[end])
                let removed = end - first
                if removed == 0 {
                    var j = size
                    while j > first { slots[j] = slots[j - 1]; j -= 1 }
                } else if removed > 1 {
                    for j in end..<size { slots[j - removed + 1] = slots[j] }
                }
                size += 1 - removed
                slots[first] = node
                budget -= size - end
                if budget < 0 {
                    // Too many shifts: move the staircase into a treap and continue there.
                    let stairs = HypervolumeStaircase(points: count)
                    for j in 0..<size {
                        let id = slots[j]
                        root = stairs.merge(root, stairs.makeNode(id, x: xs[Int(id)], y: ys[Int(id)]))
                    }
                    tree = stairs
                }
            }
            // The points k removed (now in removedList, x order): close their slabs.
            removedEnd[k] = listCount
            for i in removedStart[k]..<listCount {
                let j = Int(removedList[i]) - 2
                volume[j] += area[j] * (z - since[j])
                area[j] = 0
            }
            if before >= 2 {
                let j = before - 2
                volume[j] += area[j] * (z - since[j])
                since[j] = z
                boundX[j] = x
                area[j] = exclusiveArea(j)
            }
            if after >= 2 {
                let j = after - 2
                volume[j] += area[j] * (z - since[j])
                since[j] = z
                boundY[j] = y
                area[j] = exclusiveArea(j)
            }
            volume[k] = 0
            since[k] = z
            boundX[k] = xs[after]
            boundY[k] = ys[before]
            area[k] = exclusiveArea(k)
        }
        for k in 0..<count {
            result[Int(order[k])] = volume[k] + area[k] * (reference[2] - since[k])
        }
    }
}
