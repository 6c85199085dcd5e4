import Foundation
import Testing
import NumericCore
import ParetoCore
@testable import Scenarios

@Suite struct ReportTests {
    private func run(_ method: String, _ seed: UInt64, _ front: [[Double]], hv: Double) -> RunArtifacts {
        RunArtifacts(scenario: "ecommerce", method: method, seed: seed, front: try! FrontTable(objectiveNames: ["click_auc", "purchase_auc"], senses: [.maximize, .maximize],
                                             objectives: Matrix<Double>(front)), history: [(2, hv / 2), (4, hv)], lossCurve: [0.7, 0.6, 0.55],
                     hypervolume: hv, evaluations: 4, seconds: 1.5)
    }

    @Test func unionFrontKeepsOnlyNondominatedPointsUnderMaximization() {
        let pts: [[Double]] = [[0.7, 0.6], [0.6, 0.7], [0.65, 0.62], [0.6, 0.6], [0.72, 0.55]]
        // (0.65, 0.62) is not dominated: no point has both ≥ 0.65 and ≥ 0.62 with one strictly greater.
        // (0.6, 0.6) is dominated by (0.65, 0.62).
        let front = HTMLReport.nondominated2D(pts, senses: [.maximize, .maximize])
        #expect(front == [[0.72, 0.55], [0.7, 0.6], [0.65, 0.62], [0.6, 0.7]])
    }

    @Test func setLearnerSweepIsACurveInPreferenceOrderThroughTheFront() throws {
        var learner = run("pareto-set", 1, [[0.7, 0.6], [0.65, 0.66]], hv: 0.02)
        // Preference order (λ_click = 0 … 1), a dominated point included: the curve keeps all of them.
        learner.sweep = [[0.6, 0.7], [0.65, 0.66], [0.62, 0.61], [0.7, 0.6]]
        let grid = run("grid", 1, [[0.6, 0.71]], hv: 0.01)
        let plot = try #require(HTMLReport(title: "t", runs: []).sweepPlot([learner, grid]))
        let curves = plot.series.filter { $0.name == "pareto-set seed 1" }
        #expect(curves.count == 1)
        #expect(curves.first?.style == .line && curves.first?.inLegend == true)
        #expect(curves.first?.points.map { [$0.x, $0.y] } == learner.sweep)
        // Drawn over the union front of all methods: (0.6, 0.71) replaces the learner's (0.6, 0.7) there.
        #expect(plot.series.last?.name == "union front")
        #expect(plot.series.last?.points.map { [$0.x, $0.y] } == [[0.7, 0.6], [0.65, 0.66], [0.6, 0.71]])
        #expect(plot.render().contains("pareto-set seed 1"))
        let html = HTMLReport(title: "t", runs: [learner, grid]).render()
        #expect(html.contains("Preference sweep (test)"))
        // Runs without a sweep get no sweep plot.
        #expect(HTMLReport(title: "t", runs: []).sweepPlot([grid]) == nil)
        #expect(!HTMLReport(title: "t", runs: [grid]).render().contains("Preference sweep"))
    }

    @Test func reportHasTablePlotsAndNotes() {
        let runs = [run("nsga2", 1, [[0.7, 0.6]], hv: 0.02), run("nsga2", 2, [[0.71, 0.6]], hv: 0.021),
                    run("grid", 1, [[0.6, 0.7]], hv: 0.01)]
        let html = HTMLReport(title: "t", runs: runs, notes: ["ecommerce": "synthetic data"]).render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 3)  // fronts, hypervolume, loss
        #expect(html.contains("<td><b>nsga2</b></td><td>2</td><td>0.0205</td>"))
        #expect(html.contains("synthetic data"))
        #expect(!html.contains("nan"))
    }

    @Test func niceTicksCoverTheRangeWithRoundSteps() {
        let (ticks, lo, hi) = SVGPlot.niceTicks(0.53, 0.71)
        #expect(lo <= 0.53 && hi >= 0.71)
        #expect(ticks.first == lo && ticks.count >= 3 && ticks.count <= 11)
        let steps = zip(ticks.dropFirst(), ticks).map { $0 - $1 }
        #expect(steps.allSatisfy { abs($0 - steps[0]) < 1e-12 })
    }

    @Test func notebookIsValidJSONWithCodeAndMarkdownCells() throws {
        var nb = NotebookWriter()
        nb.markdown("# Title\nline two")
        nb.code("import pandas as pd\nprint(1)")
        let text = try nb.render()
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect(json["nbformat"] as? Int == 4 && json["nbformat_minor"] as? Int == 5)
        let cells = json["cells"] as! [[String: Any]]
        #expect(cells.count == 2 && cells[1]["cell_type"] as? String == "code")
        #expect(cells[0]["source"] as? [String] == ["# Title\n", "line two"])
        #expect(cells[1]["outputs"] as? [Any] != nil)
    }
}
