import Foundation
import Testing
@testable import Scenarios

@Suite struct WilcoxonRankSumTests {
    @Test func uCountsPairsByHand() throws {
        // x = {1, 4}, y = {2, 3}: pairs with x > y are (4,2), (4,3) → U = 2
        let r = try #require(WilcoxonRankSum.test([1, 4], [2, 3]))
        #expect(r.u == 2)
        // exact null of U for n1 = n2 = 2: counts (1,1,2,1,1)/6; P(U ≤ 2) = 4/6, P(U ≥ 2) = 4/6 → p = 1
        #expect(r.isExact && r.pValue == 1)
        // complete separation {3,4} vs {1,2}: U = 4, P(U ≥ 4) = 1/6 → p = 2/6
        let s = try #require(WilcoxonRankSum.test([3, 4], [1, 2]))
        #expect(s.u == 4 && abs(s.pValue - 2.0 / 6) < 1e-15)
    }

    @Test func exactDistributionSumsToBinomialCoefficient() {
        let counts = WilcoxonRankSum.exactDistribution(5, 7)
        #expect(counts.count == 36 && counts.reduce(0, +) == 792)  // C(12, 5) = 792
        #expect(counts == counts.reversed())  // symmetric about n1·n2/2
    }

    @Test func matchesSciPyFixtures() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let text = try String(contentsOf: url.appendingPathComponent("wilcoxon.txt"), encoding: .utf8)
        var x: [Double] = [], y: [Double] = [], checked = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: " ")
            switch f[0] {
            case "x": x = f.dropFirst().map { Double($0)! }
            case "y": y = f.dropFirst().map { Double($0)! }
            case "u":
                let r = try #require(WilcoxonRankSum.test(x, y))
                #expect(r.u == Double(f[1])!)
                let p = Double(f[3])!
                #expect(abs(r.pValue - p) <= 1e-12 * max(p, 1e-300), "p \(r.pValue) vs SciPy \(p)")
                checked += 1
            default: break
            }
        }
        #expect(checked == 10)
    }

    @Test func emptySampleGivesNil() {
        #expect(WilcoxonRankSum.test([], [1]) == nil)
    }

    @Test func summaryTablesMarkTheBestMedian() {
        let s = IndicatorSummary(indicator: "hypervolume", higherIsBetter: true, rows: [
            .init(method: "nsga2", values: [0.8, 0.82, 0.81, 0.83, 0.79]),
            .init(method: "weighted_sum", values: [0.70, 0.71, 0.69, 0.72, 0.68]),
        ])
        #expect(s.bestRow == 0)
        let md = s.markdown()
        #expect(md.contains("| **nsga2** | 5 | 0.8100 | 0.0200 | — |"))
        // complete separation with 5 vs 5: p = 2/C(10,5) = 2/252
        #expect(md.contains("| weighted_sum | 5 | 0.7000 | 0.0200 | 0.008 |"))
        let tex = s.latex()
        #expect(tex.contains("weighted\\_sum & 5 & $0.7000_{0.0200}$ & 0.008 \\\\"))
        #expect(tex.contains("$\\mathbf{0.8100_{0.0200}}$"))
    }
}
