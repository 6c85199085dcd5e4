import Foundation

/// A minimal SVG chart: scatter and line series on linear axes with "nice" ticks, a legend and
/// axis labels. Written here because no plotting package is available to Swift on Linux; the
/// output is self-contained (inline in HTML reports, no scripts or external fonts).
struct SVGPlot: Sendable {
    /// How a series is drawn.
    enum Style: Sendable { case points, line, stairs, crosses, diamonds, triangles, squares, stars }

    /// One named series of (x, y) pairs.
    struct Series: Sendable {
        var name: String
        var points: [(x: Double, y: Double)]
        var style: Style
        /// Palette index of the series' colour; `nil` uses the series' position.
        var colorIndex: Int?
        /// Whether the series gets a legend entry.
        var inLegend: Bool
        init(name: String, points: [(x: Double, y: Double)], style: Style, colorIndex: Int? = nil, inLegend: Bool = true) {
            self.name = name
            self.points = points
            self.style = style
            self.colorIndex = colorIndex
            self.inLegend = inLegend
        }
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series]
    var width = 560.0
    var height = 400.0
    /// Whether the x values are counts (epochs, evaluations): ticks then fall on whole numbers.
    var integerX = false
    /// Optional note under the title (e.g. "simulated users").
    var note: String?

    init(title: String, xLabel: String, yLabel: String, series: [Series], note: String? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.note = note
    }

    /// A color-blind-safe palette (Okabe–Ito, yellow replaced by a darker ochre for contrast on
    /// white), then a neutral grey for reference series.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#B8A000", "#777777"]
    /// Palette index of the neutral grey.
    static let grey = 8

    /// The SVG document.
    func render() -> String {
        let left = 64.0, right = 150.0, top = note == nil ? 36.0 : 50.0, bottom = 48.0
        let plotW = width - left - right, plotH = height - top - bottom
        let xs = series.flatMap { $0.points.map(\.x) }.filter(\.isFinite)
        let ys = series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
        let (xTicks, xMin, xMax) = SVGPlot.niceTicks(xs.min() ?? 0, xs.max() ?? 1, minimumStep: integerX ? 1 : 0)
        let (yTicks, yMin, yMax) = SVGPlot.niceTicks(ys.min() ?? 0, ys.max() ?? 1)
        let xStep = xTicks.count > 1 ? xTicks[1] - xTicks[0] : 0, yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 0
        func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * plotW }
        func py(_ y: Double) -> Double { top + plotH - (y - yMin) / (yMax - yMin) * plotH }

        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
        s += "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        s += "<text x=\"\(f(left))\" y=\"18\" font-size=\"13\" font-weight=\"bold\">\(escape(title))</text>\n"
        if let note { s += "<text x=\"\(f(left))\" y=\"34\" fill=\"#a33\">\(escape(note))</text>\n" }
        s += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#444\"/>\n"
        for t in xTicks {
            s += "<line x1=\"\(f(px(t)))\" y1=\"\(f(top))\" x2=\"\(f(px(t)))\" y2=\"\(f(top + plotH))\" stroke=\"#eee\"/>"
            s += "<text x=\"\(f(px(t)))\" y=\"\(f(top + plotH + 14))\" text-anchor=\"middle\">\(SVGPlot.tickLabel(t, step: xStep))</text>\n"
        }
        for t in yTicks {
            s += "<line x1=\"\(f(left))\" y1=\"\(f(py(t)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(py(t)))\" stroke=\"#eee\"/>"
            s += "<text x=\"\(f(left - 4))\" y=\"\(f(py(t) + 4))\" text-anchor=\"end\">\(SVGPlot.tickLabel(t, step: yStep))</text>\n"
        }
        s += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 10))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        s += "<text transform=\"translate(14 \(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(yLabel))</text>\n"
        var legendRow = 0
        for (i, serie) in series.enumerated() {
            let color = SVGPlot.palette[(serie.colorIndex ?? i) % SVGPlot.palette.count]
            let pts = serie.points.filter { $0.x.isFinite && $0.y.isFinite }
            switch serie.style {
            case .points:
                for p in pts {
                    s += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"3.2\" fill=\"\(color)\" fill-opacity=\"0.8\"/>"
                }
                s += "\n"
            case .crosses:
                for p in pts {
                    let x = px(p.x), y = py(p.y)
                    s += "<path d=\"M\(f(x - 4)),\(f(y - 4)) L\(f(x + 4)),\(f(y + 4)) M\(f(x - 4)),\(f(y + 4)) L\(f(x + 4)),\(f(y - 4))\" "
                    s += "stroke=\"\(color)\" stroke-width=\"2\"/>"
                }
                s += "\n"
            case .diamonds, .triangles, .squares, .stars:
                for p in pts { s += SVGPlot.marker(serie.style, x: px(p.x), y: py(p.y), color: color) }
                s += "\n"
            case .line, .stairs:
                var path = ""
                for (k, p) in pts.enumerated() {
                    if k == 0 { path += "M\(f(px(p.x))),\(f(py(p.y)))" }
                    else if serie.style == .stairs { path += " H\(f(px(p.x))) V\(f(py(p.y)))" }
                    else { path += " L\(f(px(p.x))),\(f(py(p.y)))" }
                }
                s += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.8\"/>\n"
                if pts.count == 1, let p = pts.first {  // a one-point curve would be invisible: mark it
                    s += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"3.5\" fill=\"\(color)\"/>\n"
                }
            }
            guard serie.inLegend else { continue }
            let ly = top + 12 + Double(legendRow) * 16
            legendRow += 1
            if serie.style == .crosses {
                let cx = left + plotW + 15, cy = ly - 3
                s += "<path d=\"M\(f(cx - 4)),\(f(cy - 4)) L\(f(cx + 4)),\(f(cy + 4)) M\(f(cx - 4)),\(f(cy + 4)) L\(f(cx + 4)),\(f(cy - 4))\" "
                s += "stroke=\"\(color)\" stroke-width=\"2\"/>"
            } else if [.diamonds, .triangles, .squares, .stars].contains(serie.style) {
                s += SVGPlot.marker(serie.style, x: left + plotW + 15, y: ly - 3, color: color)
            } else {
                s += "<rect x=\"\(f(left + plotW + 10))\" y=\"\(f(ly - 8))\" width=\"10\" height=\"10\" fill=\"\(color)\"/>"
            }
            s += "<text x=\"\(f(left + plotW + 24))\" y=\"\(f(ly + 1))\">\(escape(serie.name))</text>\n"
        }
        s += "</svg>\n"
        return s
    }

    /// An outlined marker shape (diamond, triangle, square or six-pointed star) centred at `(x, y)`.
    static func marker(_ style: Style, x: Double, y: Double, color: String) -> String {
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        let d: String
        switch style {
        case .diamonds: d = "M\(f(x)),\(f(y - 5)) L\(f(x + 5)),\(f(y)) L\(f(x)),\(f(y + 5)) L\(f(x - 5)),\(f(y)) Z"
        case .triangles: d = "M\(f(x)),\(f(y - 5)) L\(f(x + 5)),\(f(y + 4)) L\(f(x - 5)),\(f(y + 4)) Z"
        case .squares: d = "M\(f(x - 4)),\(f(y - 4)) H\(f(x + 4)) V\(f(y + 4)) H\(f(x - 4)) Z"
        default:  // star: three crossing strokes
            d = "M\(f(x)),\(f(y - 5)) V\(f(y + 5)) M\(f(x - 4.3)),\(f(y - 2.5)) L\(f(x + 4.3)),\(f(y + 2.5)) "
                + "M\(f(x - 4.3)),\(f(y + 2.5)) L\(f(x + 4.3)),\(f(y - 2.5))"
        }
        return "<path d=\"\(d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.8\"/>"
    }

    /// About five round tick values covering `[lo, hi]`, and the padded axis range.
    static func niceTicks(_ lo: Double, _ hi: Double, minimumStep: Double = 0) -> (ticks: [Double], min: Double, max: Double) {
        let nonNegative = lo >= 0  // e.g. hypervolumes: never draw a negative axis range for them
        var lo = lo, hi = hi
        if lo == hi { lo -= 0.5 * max(abs(lo), 1e-3); hi += 0.5 * max(abs(hi), 1e-3) }
        let rawStep = max((hi - lo) / 5, minimumStep)
        let magnitude = pow(10, floor(log10(rawStep)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rawStep } ?? 10 * magnitude
        let start = nonNegative ? max(floor(lo / step) * step, 0) : floor(lo / step) * step
        let end = ceil(hi / step) * step
        var ticks: [Double] = []
        var t = start
        while t <= end + step * 1e-9 { ticks.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
        return (ticks, start, end)
    }

    /// The label of tick `v`: four decimals, more when the tick `step` needs them (so that the ticks
    /// of a narrow range, such as AUCs that differ in the fifth decimal, do not all read the same),
    /// trailing zeros dropped; scientific notation outside [10⁻³, 10⁵).
    static func tickLabel(_ v: Double, step: Double = 0) -> String {
        let a = abs(v)
        if a != 0 && (a >= 1e5 || a < 1e-3) { return String(format: "%.1e", v) }
        var decimals = 4
        while step > 0 && decimals < 12 {
            let scaled = step * pow(10, Double(decimals))
            if abs(scaled.rounded() - scaled) <= 1e-6 * scaled { break }
            decimals += 1
        }
        var text = String(format: "%.\(decimals)f", v)
        while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
        return text
    }

    private func f(_ v: Double) -> String { String(format: "%.1f", v) }
}

/// XML/HTML text escaping.
func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
