// TEMPORARY stand-ins for ParetoCore functions being written on other branches (sorting,
// hypervolume, archive). Naive and internal; deleted as soon as `git merge main` brings the real ones.
import NumericCore
import ParetoCore

func nondominatedIndices(of points: Matrix<Double>) -> [Int] {
    let ranks = nondominatedRanks(of: points)
    return ranks.indices.filter { ranks[$0] == 0 }
}

func nondominatedRanks(of points: Matrix<Double>) -> [Int] {
    let n = points.rows, m = points.columns
    var ranks = [Int](repeating: -1, count: n)
    var remaining = Array(0..<n), rank = 0
    while !remaining.isEmpty {
        var front = [Int](), rest = [Int]()
        for i in remaining {
            var dominated = false
            for j in remaining where j != i {
                var better = false, worse = false
                for k in 0..<m {
                    if points[j, k] < points[i, k] { better = true } else if points[j, k] > points[i, k] { worse = true }
                }
                if better && !worse { dominated = true; break }
            }
            if dominated { rest.append(i) } else { front.append(i) }
        }
        for i in front { ranks[i] = rank }
        rank += 1
        remaining = rest
    }
    return ranks
}

func crowdingDistances(of points: Matrix<Double>) -> [Double] {
    let n = points.rows, m = points.columns
    var d = [Double](repeating: 0, count: n)
    if n <= 2 { return [Double](repeating: .infinity, count: n) }
    for k in 0..<m {
        let order = (0..<n).sorted { points[$0, k] < points[$1, k] }
        let lo = points[order[0], k], hi = points[order[n - 1], k]
        d[order[0]] = .infinity; d[order[n - 1]] = .infinity
        if hi - lo <= 0 { continue }
        for r in 1..<(n - 1) { d[order[r]] += (points[order[r + 1], k] - points[order[r - 1], k]) / (hi - lo) }
    }
    return d
}

func hypervolume(of points: Matrix<Double>, reference: [Double]) throws -> Double {
    guard points.columns == 2 else { return .nan }
    let idx = (0..<points.rows).sorted { points[$0, 0] < points[$1, 0] }
    var hv = 0.0, bestY = reference[1]
    for i in idx where points[i, 1] < bestY {
        hv += (reference[0] - points[i, 0]) * (bestY - points[i, 1]); bestY = points[i, 1]
    }
    return hv
}

func nondominatedRanks(of points: Matrix<Double>, violations: [Double]) -> [Int] {
    let n = points.rows
    var ranks = [Int](repeating: -1, count: n)
    var remaining = Array(0..<n), rank = 0
    while !remaining.isEmpty {
        var front = [Int](), rest = [Int]()
        for i in remaining {
            let dominated = remaining.contains { j in
                j != i && Dominance.compare(points.row(j), violation: violations[j], points.row(i), violation: violations[i]) == .dominates
            }
            if dominated { rest.append(i) } else { front.append(i) }
        }
        for i in front { ranks[i] = rank }
        rank += 1
        remaining = rest
    }
    return ranks
}

struct ParetoArchive<Payload> {
    let capacity: Int
    private(set) var objectives: Matrix<Double>
    private(set) var payloads: [Payload] = []
    init(capacity: Int, objectiveCount: Int) { self.capacity = capacity; objectives = Matrix(rows: 0, columns: objectiveCount) }
    mutating func insert(_ f: [Double], payload: Payload) -> Bool {
        var keep = [Int]()
        for i in 0..<objectives.rows {
            switch Dominance.compare(objectives.row(i), f) {
            case .dominates, .equal: return false
            case .dominated: continue
            case .incomparable: keep.append(i)
            }
        }
        objectives = objectives.selectingRows(keep); payloads = keep.map { payloads[$0] }
        objectives.appendRow(f); payloads.append(payload)
        if objectives.rows > capacity {
            let d = crowdingDistances(of: objectives)
            var worst = 0
            for i in 1..<d.count where d[i] < d[worst] { worst = i }
            let rest = (0..<objectives.rows).filter { $0 != worst }
            objectives = objectives.selectingRows(rest); payloads = rest.map { payloads[$0] }
            return worst != objectives.rows
        }
        return true
    }
}
