import Foundation
import NumericCore

/// Median and inter-quartile range of one method's indicator values over seeds, plus pairwise
/// Wilcoxon rank-sum tests — the jMetal-lab style summary table, rendered as Markdown or LaTeX.
public struct IndicatorSummary: Sendable {
    /// One row: a method and its per-seed values.
    public struct Row: Sendable {
        public var method: String
        public var values: [Double]
        public var median: Double { Statistics.median(values) }
        public var interquartileRange: Double { Statistics.interquartileRange(values) }
        public init(method: String, values: [Double]) { self.method = method; self.values = values }
    }

    /// Indicator name, e.g. `"hypervolume"`.
    public var indicator: String
    /// Whether larger values are better (hypervolume) or smaller (IGD).
    public var higherIsBetter: Bool
    public var rows: [Row]

    public init(indicator: String, higherIsBetter: Bool, rows: [Row]) {
        self.indicator = indicator
        self.higherIsBetter = higherIsBetter
        self.rows = rows
    }

    /// The index of the row with the best median.
    public var bestRow: Int? {
        rows.indices.max { a, b in
            let (ma, mb) = (rows[a].median, rows[b].median)
            return higherIsBetter ? ma < mb : ma > mb
        }
    }

    /// p-value of the rank-sum test between rows `i` and `j` (nil when undefined).
    public func pValue(_ i: Int, _ j: Int) -> Double? {
        WilcoxonRankSum.test(rows[i].values, rows[j].values)?.pValue
    }

    /// A Markdown table: method, n, median, IQR, and the p-value against the best method.
    public func markdown() -> String {
        var lines = ["| method | seeds | median \(indicator) | IQR | p vs best |", "| --- | --- | --- | --- | --- |"]
        let best = bestRow
        for (i, row) in rows.enumerated() {
            let p = (best == nil || best == i) ? "—" : (pValue(i, best!).map { format($0, 3) } ?? "—")
            let name = best == i ? "**\(row.method)**" : row.method
            lines.append("| \(name) | \(row.values.count) | \(format(row.median, 4)) | \(format(row.interquartileRange, 4)) | \(p) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same table as a LaTeX `tabular` (booktabs), best median in bold, IQR as a subscript.
    public func latex() -> String {
        var lines = [
            "\\begin{tabular}{lrrr}", "\\toprule",
            "Method & Seeds & \(latexEscape(indicator)) median$_{\\mathrm{IQR}}$ & $p$ vs best \\\\", "\\midrule",
        ]
        let best = bestRow
        for (i, row) in rows.enumerated() {
            var cell = "\(format(row.median, 4))_{\(format(row.interquartileRange, 4))}"
            cell = best == i ? "$\\mathbf{\(cell)}$" : "$\(cell)$"
            let p = (best == nil || best == i) ? "--" : (pValue(i, best!).map { format($0, 3) } ?? "--")
            lines.append("\(latexEscape(row.method)) & \(row.values.count) & \(cell) & \(p) \\\\")
        }
        lines += ["\\bottomrule", "\\end{tabular}"]
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `value` with `digits` significant decimals, `nan` spelled out.
func format(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    return String(format: "%.\(digits)f", value)
}

func latexEscape(_ s: String) -> String {
    var out = ""
    for c in s {
        switch c {
        case "_", "%", "&", "#", "$", "{", "}": out += "\\\(c)"
        default: out.append(c)
        }
    }
    return out
}
