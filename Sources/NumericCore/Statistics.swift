/// Small descriptive statistics used across modules (results tables, fixtures, metrics).
public enum Statistics {
    /// Arithmetic mean; `nan` for an empty sample.
    public static func mean(_ x: [Double]) -> Double {
        x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count)
    }

    /// Sample standard deviation (n − 1 denominator); `nan` for fewer than two values.
    public static func standardDeviation(_ x: [Double]) -> Double {
        guard x.count > 1 else { return .nan }
        let m = mean(x)
        return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
    }

    /// The `p`-quantile by linear interpolation between order statistics (type 7, as R's and
    /// NumPy's defaults); `nan` for an empty sample. - Complexity: O(n log n).
    public static func quantile(_ x: [Double], _ p: Double) -> Double {
        guard !x.isEmpty else { return .nan }
        let sorted = x.sorted()
        let h = Double(sorted.count - 1) * min(max(p, 0), 1)
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// The median (quantile 0.5).
    public static func median(_ x: [Double]) -> Double { quantile(x, 0.5) }

    /// Inter-quartile range, `quantile(0.75) − quantile(0.25)`.
    public static func interquartileRange(_ x: [Double]) -> Double { quantile(x, 0.75) - quantile(x, 0.25) }
}
