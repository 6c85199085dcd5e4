import NumericCore

extension HTMLReport {
    /// The marker of each fusion method in the front plots.
    static func style(of method: FusionMethod) -> SVGPlot.Style {
        switch method {
        case .average: return .diamonds
        case .weighted: return .triangles
        case .bagging: return .squares
        case .boosting: return .stars
        }
    }

    /// Series of the fused models: Pareto-set fusions in their method's colour (one grey legend entry
    /// per fusion method), trained fusions in black with their own legend entries.
    func ensembleSeries(methods: [String]) -> [SVGPlot.Series] {
        var series: [SVGPlot.Series] = []
        var legend: [FusionMethod] = []
        for (c, m) in methods.enumerated() {
            for fusion in FusionMethod.allCases where fusion.source == .paretoSet {
                let pts = ensembles.filter { $0.method == m }.flatMap(\.records).filter { $0.method == fusion && $0.test.count >= 2 }
                guard !pts.isEmpty else { continue }
                if !legend.contains(fusion) { legend.append(fusion) }
                series.append(.init(name: "\(m) \(fusion.rawValue)", points: pts.map { ($0.test[0], $0.test[1]) },
                                    style: Self.style(of: fusion), colorIndex: c % SVGPlot.grey, inLegend: false))
            }
        }
        for fusion in legend {
            series.append(.init(name: "\(fusion.rawValue) of Pareto set", points: [], style: Self.style(of: fusion), colorIndex: SVGPlot.grey))
        }
        for fusion in FusionMethod.allCases where fusion.source == .preference {
            let records = ensembles.filter { $0.method == nil }.flatMap(\.records).filter { $0.method == fusion && $0.test.count >= 2 }
            guard let first = records.first else { continue }
            series.append(.init(name: "\(fusion.rawValue) ×\(first.members) (trained)", points: records.map { ($0.test[0], $0.test[1]) },
                                style: Self.style(of: fusion), colorIndex: 6))
        }
        return series
    }

    /// Per fused model kind (a method's Pareto-set fusion, or a trained fusion): seeds, members,
    /// trainings, and per objective the median over seeds of the fused test metric, of the best
    /// member's, and of their paired difference.
    func ensembleTable(_ rs: [RunArtifacts]) -> String {
        let methods = Set(rs.map(\.method))
        let relevant = ensembles.filter { $0.method.map(methods.contains) ?? true }
        guard !relevant.isEmpty, let names = rs.first?.objectiveNames else { return "" }
        var s = "<p>Fused models (<code>fusion:</code>): average and weighted fuse each method's Pareto set (no extra training); "
        s += "bagging and boosting train their own members at the fusion preference. Test metrics, median over seeds; "
        s += "Δ is fused minus best single member, paired by seed (boosting's member is its first stage).</p>\n"
        s += "<table><tr><th>fused</th><th>seeds</th><th>members</th><th>trainings</th>"
        for n in names { s += "<th>\(escape(n))</th><th>best member</th><th>Δ</th>" }
        s += "</tr>\n"
        var keys: [(String?, FusionMethod)] = []
        for run in relevant { for r in run.records where !keys.contains(where: { $0.0 == run.method && $0.1 == r.method }) { keys.append((run.method, r.method)) } }
        for (method, fusion) in keys {
            let records = relevant.filter { $0.method == method }.flatMap(\.records).filter { $0.method == fusion }
            let label = method.map { "\(escape($0)) \(fusion.rawValue)" } ?? "\(fusion.rawValue) (trained)"
            s += "<tr><td>\(label)</td><td>\(records.count)</td>"
            s += "<td>\(format(Statistics.median(records.map { Double($0.members) }), 1))</td>"
            s += "<td>\(format(Statistics.median(records.map { Double($0.trainings) }), 1))</td>"
            for k in names.indices {
                let fused = records.compactMap { k < $0.test.count ? $0.test[k] : nil }
                let best = records.compactMap { k < $0.bestMember.count ? $0.bestMember[k] : nil }
                let delta = records.compactMap { k < $0.test.count && k < $0.bestMember.count ? $0.test[k] - $0.bestMember[k] : nil }
                for v in [fused, best] { s += "<td>\(v.isEmpty ? "—" : format(Statistics.median(v), 4))</td>" }
                s += "<td>\(delta.isEmpty ? "—" : String(format: "%+.4f", Statistics.median(delta)))</td>"
            }
            s += "</tr>\n"
        }
        return s + "</table>\n"
    }
}
