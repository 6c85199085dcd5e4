import Foundation
import NumericCore
import Recommender

/// The conversion protocols' three AUCs for every member of a run's Pareto set: CTR over all
/// impressions, CVR over the clicked impressions (`pCVR = pCTCVR / pCTR`) and CTCVR over all
/// impressions (ESMM, Ma et al., SIGIR 2018, doi:10.1145/3209978.3210104; MTReclib's AliExpress
/// protocol reports CTR and CTCVR). Written as `conversion.csv` in the run folder, one row per front
/// member in the front's row order, for e-commerce data with `click` and `purchase` (or `conversion`) labels.
enum ConversionReport {
    static let fileName = "conversion.csv"
    static let header = "member,ctr_auc,cvr_auc,ctcvr_auc"

    /// The indices of the click and purchase (or `conversion`, AliExpress's name) labels, or `nil`
    /// when the data has not both.
    static func labelColumns(of layout: FeatureLayout) -> (click: Int, purchase: Int)? {
        let names = layout.objectives.map(\.name)
        guard let click = names.firstIndex(of: "click"),
              let purchase = names.firstIndex(of: "purchase") ?? names.firstIndex(of: "conversion") else { return nil }
        return (click, purchase)
    }

    /// The CSV text, or `nil` when the run kept no models or the data has no click and purchase
    /// labels. A member whose AUCs are undefined on this test split (no clicked conversion, say)
    /// gets empty cells rather than a failed run.
    /// - Complexity: O(members · n log n) for `n` test examples.
    static func csv(models: [MultiObjectiveModel], test: ExampleTable) throws -> String? {
        guard !models.isEmpty, let columns = labelColumns(of: test.layout) else { return nil }
        let click = test.labelColumn(columns.click)
        let purchase = test.labelColumn(columns.purchase)
        var lines = [header]
        for (i, model) in models.enumerated() {
            let all = try model.predictScores(test)
            var pair = Matrix<Float>(rows: all.rows, columns: 2)
            for r in 0..<all.rows {
                pair[r, 0] = all[r, columns.click]
                pair[r, 1] = all[r, columns.purchase]
            }
            var cells = ["", "", ""]
            do {
                let aucs = try Metrics.conversionAUCs(scores: pair, click: click, conversion: purchase)
                cells = [aucs.ctr, aucs.cvr, aucs.ctcvr].map(FullPrecision.format)
            } catch is MetricError {}
            lines.append((["\(i + 1)"] + cells).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `conversion.csv` into the run folder (atomically) when `csv` gives a table.
    static func write(models: [MultiObjectiveModel], test: ExampleTable, runDirectory: String) throws {
        guard let text = try csv(models: models, test: test) else { return }
        try FileManager.default.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
        try AtomicFile.write(text, to: runDirectory + "/" + fileName)
    }
}
