// Leaves of the divide and conquer (see NondominatedSorting+DivideAndConquer.swift): quadratic
// checks for small subproblems, sweeps that finish two or three objectives, and the Fenwick tree.

extension DivideAndConquerSorter {
    // MARK: - Leaves

    /// Quadratic finish of `helperA`: earlier points have objective 0 ≤, so objectives 1…k decide.
    func bruteForceA(_ lo: Int, _ hi: Int, _ k: Int) {
        for j in (lo + 1)..<hi {
            let q = Int(buf[j]), qr = q * m
            var rq = rank[q]
            for i in lo..<j {
                let p = Int(buf[i])
                if rank[p] < rq { continue }
                let pr = p * m
                var dominates = true
                var d = 1
                while d <= k {
                    if c[pr + d] > c[qr + d] { dominates = false; break }
                    d += 1
                }
                if dominates { rq = rank[p] + 1 }
            }
            rank[q] = rq
        }
    }

    /// Quadratic finish of `helperB`: objectives 0…k decide. H is visited by objective 0 and the L
    /// points with objective 0 ≤ the visited point's are kept in buckets by rank; each H point scans
    /// the buckets from the highest rank down to its own bound and stops at the first dominating L
    /// point, which fixes its bound (the ENS idea of Zhang et al. 2015, doi:10.1109/TEVC.2014.2308305,
    /// applied inside the leaves).
    func bruteForceB(_ l0: Int, _ l1: Int, _ h0: Int, _ h1: Int, _ k: Int) {
        var maxRank: Int32 = 0
        for i in l0..<l1 { maxRank = max(maxRank, rank[Int(buf[i])]) }
        let buckets = Int(maxRank) + 1  // bucket b holds rank maxRank − b
        for b in 0...buckets { counts[b] = 0 }
        for i in l0..<l1 { counts[Int(maxRank - rank[Int(buf[i])]) + 1] += 1 }
        for b in 0..<buckets { counts[b + 1] += counts[b]; fill[b] = counts[b] }
        var i = l0
        for j in h0..<h1 {
            let q = Int(buf[j]), qr = q * m
            let q0 = c[qr]
            while i < l1, c[Int(buf[i]) * m] <= q0 {
                let p = Int(buf[i])
                let b = Int(maxRank - rank[p])
                // Objectives 1…k of the L point, packed contiguously in bucket order.
                let slot = Int(fill[b]) * k, pr = p * m
                for d in 0..<k { packed[slot + d] = c[pr + d + 1] }
                fill[b] += 1
                i += 1
            }
            let rq = rank[q]
            if rq > maxRank { continue }
            var b = 0
            let lastBucket = Int(maxRank - rq)
            search: while b <= lastBucket {
                var t = Int(counts[b]) * k
                let end = Int(fill[b]) * k
                while t < end {
                    var dominates = true
                    var d = 0
                    while d < k {
                        if packed[t + d] > c[qr + d + 1] { dominates = false; break }
                        d += 1
                    }
                    if dominates { rank[q] = maxRank - Int32(b) + 1; break search }
                    t += k
                }
                b += 1
            }
        }
    }

    /// Two objectives within one subset: sweep objective 0, query the best rank with objective 1 ≤.
    func sweepA(_ lo: Int, _ hi: Int) {
        for i in lo..<hi {
            let p = Int(buf[i])
            let r = max(rank[p], query(Int(key[p])))
            rank[p] = r
            update(Int(key[p]), r + 1)
        }
        for i in lo..<hi { clear(Int(key[Int(buf[i])])) }
    }

    /// Two objectives from L to H: merge by objective 0 (L first on ties).
    func sweepB(_ l0: Int, _ l1: Int, _ h0: Int, _ h1: Int) {
        var i = l0
        for j in h0..<h1 {
            let q = Int(buf[j])
            let q0 = c[q * m]
            while i < l1, c[Int(buf[i]) * m] <= q0 {
                let p = Int(buf[i])
                update(Int(key[p]), rank[p] + 1)
                i += 1
            }
            let r = query(Int(key[q]))
            if r > rank[q] { rank[q] = r }
        }
        for t in l0..<i { clear(Int(key[Int(buf[t])])) }
    }

    /// Three objectives within one subset: visit in lexicographic order; a point's rank is one more
    /// than the highest rank whose staircase (earlier points of that rank) dominates it in
    /// objectives 1 and 2, scanning ranks downwards from the highest seen to its current bound.
    func staircaseSweepA(_ lo: Int, _ hi: Int) {
        var top = -1
        for i in lo..<hi {
            let p = Int(buf[i])
            let y = c[p * m + 1], z = c[p * m + 2]
            var r = Int(rank[p])
            var t = top
            while t >= r {
                if stairs[t].dominates(y, z) { r = t + 1; break }
                t -= 1
            }
            rank[p] = Int32(r)
            while stairs.count <= r { stairs.append(Staircase()) }
            stairs[r].insert(y, z)
            if r > top { top = r }
        }
        clearStairs(upTo: top)
    }

    /// Three objectives from L to H: merge by objective 0 (L first on ties), L points enter the
    /// staircase of their rank, each H point takes one more than the highest dominating rank.
    func staircaseSweepB(_ l0: Int, _ l1: Int, _ h0: Int, _ h1: Int) {
        var top = -1
        var i = l0
        for j in h0..<h1 {
            let q = Int(buf[j])
            let q0 = c[q * m]
            while i < l1, c[Int(buf[i]) * m] <= q0 {
                let p = Int(buf[i])
                let r = Int(rank[p])
                while stairs.count <= r { stairs.append(Staircase()) }
                stairs[r].insert(c[p * m + 1], c[p * m + 2])
                if r > top { top = r }
                i += 1
            }
            let y = c[q * m + 1], z = c[q * m + 2]
            var t = top
            let bound = Int(rank[q])
            while t >= bound {
                if stairs[t].dominates(y, z) { rank[q] = Int32(t + 1); break }
                t -= 1
            }
        }
        clearStairs(upTo: top)
    }

    func clearStairs(upTo top: Int) {
        var t = 0
        while t <= top {
            stairs[t].ys.removeAll(keepingCapacity: true)
            stairs[t].zs.removeAll(keepingCapacity: true)
            t += 1
        }
    }

    // MARK: - Fenwick tree of prefix maxima (stores rank + 1; 0 is empty)

    @inline(__always) func update(_ position: Int, _ value: Int32) {
        var i = position + 1
        while i <= count {
            if fenwick[i] < value { fenwick[i] = value }
            i += i & -i
        }
    }

    @inline(__always) func query(_ position: Int) -> Int32 {
        var i = position + 1
        var best: Int32 = 0
        while i > 0 {
            if fenwick[i] > best { best = fenwick[i] }
            i -= i & -i
        }
        return best
    }

    @inline(__always) func clear(_ position: Int) {
        var i = position + 1
        while i <= count, fenwick[i] != 0 {
            fenwick[i] = 0
            i += i & -i
        }
    }
}
