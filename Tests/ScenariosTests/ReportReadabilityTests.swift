import Foundation
import Testing
import NumericCore
import ParetoCore
@testable import Scenarios

@Suite struct ReportReadabilityTests {
    private func run(_ method: String, _ front: [[Double]]) -> RunArtifacts {
        RunArtifacts(scenario: "music", method: method, seed: 1, front: try! FrontTable(objectiveNames: ["depth_auc", "repeat_auc"], senses: [.maximize, .maximize],
                                             objectives: Matrix<Double>(front)), history: [(1, 0.1)], lossCurve: [0.5],
                     hypervolume: 0.1, evaluations: 1, seconds: 1)
    }

    @Test func zoomDropsFarPointsAndKeepsTheUnionFrontRegion() throws {
        // Union front: (0.85, 0.80), (0.84, 0.81) → box x 0.84…0.85, y 0.80…0.81; padding 0.005 per side
        // (half the extent is 0.005), so x ∈ [0.835, 0.855], y ∈ [0.795, 0.815].
        let report = HTMLReport(title: "t", runs: [run("grid", [[0.85, 0.80], [0.846, 0.45]]), run("nsga2", [[0.84, 0.81], [0.80, 0.80]])])
        let zoom = try #require(report.zoomedFrontPlot(report.runs, scenario: "music"))
        let kept = zoom.series.flatMap(\.points).map { [$0.x, $0.y] }
        #expect(!kept.contains([0.846, 0.45]))  // far below in y
        #expect(!kept.contains([0.80, 0.80]))   // far left in x
        #expect(kept.contains([0.85, 0.80]) && kept.contains([0.84, 0.81]))
        #expect(zoom.note == "2 of 6 points outside the zoom")  // 4 method points + 2 union-front points
        #expect(report.render().components(separatedBy: "<svg ").count - 1 == 4)
    }

    @Test func noZoomWhenEveryPointIsNearTheFront() {
        let report = HTMLReport(title: "t", runs: [run("grid", [[0.85, 0.80]]), run("nsga2", [[0.84, 0.81]])])
        #expect(report.zoomedFrontPlot(report.runs, scenario: "music") == nil)
    }

    @Test func nonNegativeValuesNeverGetANegativeAxis() {
        let (ticks, lo, hi) = SVGPlot.niceTicks(0, 0)  // all hypervolumes 0
        #expect(lo == 0 && hi > 0 && ticks.first == 0)
        #expect(SVGPlot.niceTicks(0.001, 0.05).min == 0)
        #expect(SVGPlot.niceTicks(-0.2, 0.3).min < 0)
    }

    /// Ticks of a narrow range get as many decimals as their step needs: distinct labels, while a
    /// usual range keeps its four-decimal labels.
    @Test func narrowRangeTicksGetDistinctLabels() {
        let (ticks, _, _) = SVGPlot.niceTicks(0.500259, 0.500264)
        let step = ticks[1] - ticks[0]
        let labels = ticks.map { SVGPlot.tickLabel($0, step: step) }
        #expect(ticks.count >= 3 && Set(labels).count == labels.count, "\(labels)")
        for (t, l) in zip(ticks, labels) { #expect(abs(Double(l)! - t) < step / 100, "\(l) for \(t)") }
        #expect(SVGPlot.tickLabel(0.55, step: 0.05) == "0.55" && SVGPlot.tickLabel(0.7125, step: 0.0025) == "0.7125")
        #expect(SVGPlot.tickLabel(0.50035, step: 0.00005) == "0.50035")
    }

    @Test func zeroHypervolumeRunsAreFlagged() {
        var bad = run("grid", [[0.2, 0.3]])
        bad.hypervolume = 0
        let html = HTMLReport(title: "t", runs: [bad, run("nsga2", [[0.84, 0.81]])]).render()
        #expect(html.contains("1 of 2 runs have hypervolume 0"))
        #expect(!HTMLReport(title: "t", runs: [run("nsga2", [[0.84, 0.81]])]).render().contains("have hypervolume 0"))
    }
}
