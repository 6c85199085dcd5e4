import Foundation
import NumericCore
import ParetoCore

/// NSGA-III's environmental selection: non-dominated fronts fill the population, and the last
/// front is thinned by niching around reference directions on adaptively normalized objectives.
///
/// Deb & Jain, IEEE TEVC 18(4), 577–601, 2014, doi:10.1109/TEVC.2013.2281535, Algorithms 1–4:
/// the ideal point is the running minimum; extreme points minimize the achievement function
/// max_k (f_k − z_k)/w_k with w = e_j (other weights 10⁻⁶) over the first front and the previous
/// extremes; the hyperplane through them gives the intercepts (falling back to the worst values of
/// the first front, then of the whole set, when it is degenerate — as pymoo does); every member of
/// the kept fronts is associated with the direction at the smallest perpendicular distance;
/// directions with the fewest associated survivors take, in random order, the closest last-front
/// member when they have none yet, otherwise a random one.
///
/// - Complexity: one non-dominated sort of the 2N candidates plus O(N · D · M) association for D directions.
public enum ReferenceDirectionSurvival {
    /// The normalization memory carried between generations.
    public struct Memory: Codable, Sendable, Equatable {
        /// Running ideal point.
        public var ideal: [Double]
        /// Running worst point.
        public var worst: [Double]
        /// Extreme points of the last selection (M × M, row-major), empty at first.
        public var extremes: [Double]

        /// Fresh memory for `objectives` objectives.
        public init(objectives: Int) {
            ideal = [Double](repeating: .infinity, count: objectives)
            worst = [Double](repeating: -.infinity, count: objectives)
            extremes = []
        }
    }

    /// Indices of the `count` survivors among the rows of `objectives` (row order of the fronts,
    /// then the niching order).
    public static func select(_ objectives: Matrix<Double>, count: Int, directions: Matrix<Double>,
                              memory: inout Memory, rng: inout SeededGenerator) -> [Int] {
        let m = objectives.columns, rows = objectives.rows
        for i in 0..<rows { for k in 0..<m { memory.ideal[k] = min(memory.ideal[k], objectives[i, k]); memory.worst[k] = max(memory.worst[k], objectives[i, k]) } }
        let fronts = nondominatedFronts(of: objectives)
        var kept: [Int] = [], lastFront: [Int] = []
        for front in fronts {
            if kept.count + front.count > count { lastFront = front; break }
            kept += front
            if kept.count == count { break }
        }
        let considered = kept + lastFront
        let nadir = nadirPoint(objectives, firstFront: fronts.first ?? [], considered: considered, memory: &memory)
        // Normalize and associate.
        var niche = [Int](repeating: 0, count: rows), distance = [Double](repeating: 0, count: rows)
        let norms = (0..<directions.rows).map { d in (0..<m).reduce(0.0) { $0 + directions[d, $1] * directions[d, $1] } }
        for i in considered {
            let f = (0..<m).map { k in (objectives[i, k] - memory.ideal[k]) / max(1e-10, nadir[k] - memory.ideal[k]) }
            var best = Double.infinity, bestDirection = 0
            for d in 0..<directions.rows {
                var dot = 0.0
                for k in 0..<m { dot += f[k] * directions[d, k] }
                let t = norms[d] > 0 ? dot / norms[d] : 0
                var squared = 0.0
                for k in 0..<m { let e = f[k] - t * directions[d, k]; squared += e * e }
                if squared < best { best = squared; bestDirection = d }
            }
            niche[i] = bestDirection
            distance[i] = best.squareRoot()
        }
        guard kept.count < count else { return kept }
        var nicheCount = [Int](repeating: 0, count: directions.rows)
        for i in kept { nicheCount[niche[i]] += 1 }
        var available = lastFront
        var survivors = kept
        while survivors.count < count && !available.isEmpty {
            let open = Set(available.map { niche[$0] }).sorted()
            let lowest = open.map { nicheCount[$0] }.min() ?? 0
            var candidates = open.filter { nicheCount[$0] == lowest }
            rng.shuffle(&candidates)
            for direction in candidates.prefix(count - survivors.count) {
                var members = available.filter { niche[$0] == direction }
                rng.shuffle(&members)
                let chosen = nicheCount[direction] == 0
                    ? members.min { distance[$0] < distance[$1] } ?? members[0]
                    : members[0]
                available.removeAll { $0 == chosen }
                survivors.append(chosen)
                nicheCount[direction] += 1
            }
        }
        return survivors
    }

    /// The nadir estimate from the hyperplane through the extreme points (with pymoo's fallbacks).
    static func nadirPoint(_ f: Matrix<Double>, firstFront: [Int], considered: [Int], memory: inout Memory) -> [Double] {
        let m = f.columns
        var candidates: [[Double]] = firstFront.map { f.row($0) }
        if memory.extremes.count == m * m { for j in 0..<m { candidates.append(Array(memory.extremes[(j * m)..<((j + 1) * m)])) } }
        var extremes: [[Double]] = []
        for axis in 0..<m {
            var best = Double.infinity, chosen = candidates[0]
            for c in candidates {
                var asf = -Double.infinity
                for k in 0..<m {
                    var v = c[k] - memory.ideal[k]
                    if v < 1e-3 { v = 0 }
                    asf = max(asf, v * (k == axis ? 1 : 1e6))
                }
                if asf < best { best = asf; chosen = c }
            }
            extremes.append(chosen)
        }
        memory.extremes = extremes.flatMap { $0 }
        let worstOfFront = (0..<m).map { k in firstFront.map { f[$0, k] }.max() ?? memory.worst[k] }
        let worstOfConsidered = (0..<m).map { k in considered.map { f[$0, k] }.max() ?? memory.worst[k] }
        var nadir = worstOfFront
        let a = extremes.map { e in (0..<m).map { e[$0] - memory.ideal[$0] } }
        if let b = solve(a, [Double](repeating: 1, count: m)) {
            let intercepts = b.map { 1 / $0 }
            var residual = 0.0
            for i in 0..<m {
                var row = 0.0
                for k in 0..<m { row += a[i][k] * b[k] }
                residual = max(residual, abs(row - 1))
            }
            if residual < 1e-8, intercepts.allSatisfy({ $0 > 1e-6 && $0.isFinite }) {
                nadir = (0..<m).map { memory.ideal[$0] + intercepts[$0] }
            }
        }
        for k in 0..<m where nadir[k] - memory.ideal[k] <= 1e-6 { nadir[k] = worstOfConsidered[k] }
        return nadir
    }

    /// Solves a·x = b by Gaussian elimination with partial pivoting; `nil` when singular.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        let n = b.count
        var a = a, b = b
        for col in 0..<n {
            guard let pivot = (col..<n).max(by: { abs(a[$0][col]) < abs(a[$1][col]) }), abs(a[pivot][col]) > 1e-14 else { return nil }
            a.swapAt(col, pivot); b.swapAt(col, pivot)
            for r in (col + 1)..<max(col + 1, n) {
                let factor = a[r][col] / a[col][col]
                for c in col..<n { a[r][c] -= factor * a[col][c] }
                b[r] -= factor * b[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = b[r]
            for c in (r + 1)..<max(r + 1, n) { s -= a[r][c] * x[c] }
            x[r] = s / a[r][r]
        }
        return x
    }
}
