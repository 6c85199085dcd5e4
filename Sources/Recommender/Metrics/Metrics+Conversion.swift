import Foundation
import NumericCore

/// The AUCs of the conversion protocols (ESMM on Ali-CCP, MTReclib on AliExpress).
public struct ConversionAUCs: Sendable, Equatable {
    /// Click AUC over all impressions (`pCTR` against `click`).
    public var ctr: Double
    /// Conversion AUC over the clicked impressions only (`pCVR` against the conversion label), ESMM's CVR task.
    public var cvr: Double
    /// Click-and-convert AUC over all impressions (`pCTCVR` against the conversion label).
    public var ctcvr: Double
}

extension Metrics {
    /// CTR, CVR (clicked impressions) and CTCVR AUC from a model's two scores: column 0 the click
    /// logit, column 1 the click-and-convert logit (ESMM's `s_1`, or the conversion head of a model
    /// trained on the conversion label over all impressions). `pCVR = σ(s_1)/σ(s_0)`
    /// (`ESMMScores.conversionProbability`); ranking the clicked rows by it is the CVR task of Ma et al.,
    /// SIGIR 2018, doi:10.1145/3209978.3210104.
    /// - Throws: `MetricError` when a label set has one class only (e.g. no conversion among the clicks)
    ///   or the shapes disagree.
    /// - Complexity: O(n log n).
    public static func conversionAUCs(scores: Matrix<Float>, click: [Float], conversion: [Float]) throws -> ConversionAUCs {
        guard scores.columns == 2, scores.rows == click.count, click.count == conversion.count else {
            throw MetricError.lengthMismatch("\(scores.rows) × \(scores.columns) scores (need 2 columns), \(click.count) clicks, \(conversion.count) conversions")
        }
        let n = click.count
        let ctr = try auc(scores: (0..<n).map { scores[$0, 0] }, labels: click)
        let ctcvr = try auc(scores: (0..<n).map { scores[$0, 1] }, labels: conversion)
        let clicked = (0..<n).filter { click[$0] == 1 }
        let pcvr = clicked.map { ESMMScores.conversionProbability(clickLogit: scores[$0, 0], clickAndConvertLogit: scores[$0, 1]) }
        let cvr = try auc(scores: pcvr, labels: clicked.map { conversion[$0] })
        return ConversionAUCs(ctr: ctr, cvr: cvr, ctcvr: ctcvr)
    }
}
