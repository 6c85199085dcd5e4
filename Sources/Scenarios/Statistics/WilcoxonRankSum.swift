import NumericCore

/// The Wilcoxon rank-sum (Mann–Whitney U) test of two independent samples, two-sided.
///
/// Mann & Whitney, "On a test of whether one of two random variables is stochastically larger than
/// the other", Ann. Math. Statist. 18(1), 1947, doi:10.1214/aoms/1177730491. This is the test jMetal's
/// lab and most MOO papers use to compare indicator values of two algorithms over independent seeds.
///
/// - Without ties and with the smaller sample of at most 8 values (SciPy's `auto` rule) the p-value is exact: the null distribution of U is counted
///   by the recurrence `c(n₁, n₂, u) = c(n₁−1, n₂, u−n₂) + c(n₁, n₂−1, u)`; p = min(1, 2·min(P(U ≤ u), P(U ≥ u))).
/// - Otherwise the normal approximation with tie correction and continuity correction, the upper tail
///   from ``NumericCore/Statistics/standardNormalUpperTail(_:)`` (GSL):
///   z = (|U − n₁n₂/2| − ½) / σ, σ² = n₁n₂/12 · ((n+1) − Σ(t³−t)/(n(n−1))).
///
/// This matches SciPy's `mannwhitneyu(x, y, alternative="two-sided")` with its default method. - Complexity: O(n log n) for ranks, O(n₁·n₂·min(n₁,n₂)) for the exact count.
public struct WilcoxonRankSum: Sendable, Equatable {
    /// U statistic of the first sample: the number of pairs (x, y) with x > y, ties counting ½.
    public var u: Double
    /// Two-sided p-value.
    public var pValue: Double
    /// Whether the exact distribution was used.
    public var isExact: Bool

    /// Runs the test. Returns `nil` when either sample is empty.
    public static func test(_ x: [Double], _ y: [Double]) -> WilcoxonRankSum? {
        let n1 = x.count, n2 = y.count
        guard n1 > 0, n2 > 0 else { return nil }
        let (ranks, tieSizes) = midranks(x + y)
        let r1 = ranks[0..<n1].reduce(0, +)
        let u = r1 - Double(n1 * (n1 + 1)) / 2
        let hasTies = tieSizes.contains { $0 > 1 }
        if !hasTies && min(n1, n2) <= 8 {
            let counts = exactDistribution(n1, n2)
            let total = counts.reduce(0, +)
            let k = Int(u.rounded())
            let lower = counts[0...k].reduce(0, +) / total
            let upper = counts[k...].reduce(0, +) / total
            return WilcoxonRankSum(u: u, pValue: min(1, 2 * min(lower, upper)), isExact: true)
        }
        let n = Double(n1 + n2)
        let tieTerm = tieSizes.reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) }
        let variance = Double(n1 * n2) / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        guard variance > 0 else { return WilcoxonRankSum(u: u, pValue: 1, isExact: false) }
        let mean = Double(n1 * n2) / 2
        let z = max(abs(u - mean) - 0.5, 0) / variance.squareRoot()
        return WilcoxonRankSum(u: u, pValue: min(1, 2 * Statistics.standardNormalUpperTail(z)), isExact: false)
    }

    /// Midranks (1-based; ties get their average rank) and the sizes of the tie groups.
    static func midranks(_ values: [Double]) -> (ranks: [Double], tieSizes: [Int]) {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var tieSizes: [Int] = []
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
            let rank = Double(i + j + 2) / 2
            for k in i...j { ranks[order[k]] = rank }
            tieSizes.append(j - i + 1)
            i = j + 1
        }
        return (ranks, tieSizes)
    }

    /// Number of arrangements giving each U in `0...n1·n2` (as Doubles, to avoid overflow).
    static func exactDistribution(_ n1: Int, _ n2: Int) -> [Double] {
        // table[a][b] is the count vector for sample sizes (a, b); built up over a for fixed b range.
        var table = [[[Double]]](repeating: [[Double]](repeating: [], count: n2 + 1), count: n1 + 1)
        for a in 0...n1 {
            for b in 0...n2 {
                if a == 0 || b == 0 { table[a][b] = [1]; continue }
                var c = [Double](repeating: 0, count: a * b + 1)
                // the largest value is from sample x (adds b to U) or from sample y (adds 0)
                let fromX = table[a - 1][b], fromY = table[a][b - 1]
                for (u, v) in fromX.enumerated() { c[u + b] += v }
                for (u, v) in fromY.enumerated() { c[u] += v }
                table[a][b] = c
            }
        }
        return table[n1][n2]
    }
}
