import Foundation
import Recommender
import TensorBoardEvents

/// Writes one training's progress as TensorBoard scalars: per optimizer step the joint loss
/// (`train/loss`), each objective's loss (`train/loss/<objective>`) and the shared-gradient weights
/// (`train/weight/<objective>`); per epoch the epoch's mean losses (`epoch/loss…`) and, when given,
/// validation metrics (`validation/<metric>`), at the step the epoch ended on.
///
/// `prefix` (e.g. `run2/`) separates several trainings logged into one run folder. Epoch events flush
/// the file, so a running TensorBoard sees each epoch as it ends.
public final class TrainingEventLog: @unchecked Sendable {
    /// The event file the log writes to.
    public let writer: TensorBoardWriter
    /// Objective names, in the model's order (tag suffixes).
    public let objectiveNames: [String]
    /// Prefix of every tag.
    public let prefix: String
    private var lastStep = 0
    private let lossTags: [String], weightTags: [String], epochTags: [String]

    /// A log of trainings whose objectives are `objectiveNames`.
    public init(writer: TensorBoardWriter, objectiveNames: [String], prefix: String = "") {
        self.writer = writer
        self.objectiveNames = objectiveNames
        self.prefix = prefix
        lossTags = objectiveNames.map { "\(prefix)train/loss/\($0)" }
        weightTags = objectiveNames.map { "\(prefix)train/weight/\($0)" }
        epochTags = objectiveNames.map { "\(prefix)epoch/loss/\($0)" }
    }

    /// Logs one optimizer step.
    /// - Complexity: O(objectives).
    public func step(_ s: TrainingStep) {
        lastStep = s.step
        var values: [(tag: String, value: Double)] = [(prefix + "train/loss", s.loss)]
        values.reserveCapacity(1 + 2 * objectiveNames.count)
        for (o, loss) in s.objectiveLosses.enumerated() where o < lossTags.count { values.append((lossTags[o], loss)) }
        for (o, w) in s.weights.enumerated() where o < weightTags.count { values.append((weightTags[o], w)) }
        writer.scalars(values, step: s.step)
    }

    /// Logs an epoch's mean losses, its throughput and the given validation metrics, then flushes.
    /// - Throws: `TensorBoardError.writeFailed` on an I/O error.
    public func epoch(_ p: EpochProgress, samples: Int, validation: [(name: String, value: Double)] = []) throws {
        var values: [(tag: String, value: Double)] = [(prefix + "epoch/loss", p.loss)]
        for (o, loss) in p.objectiveLosses.enumerated() where o < epochTags.count { values.append((epochTags[o], loss)) }
        values.append((prefix + "epoch/samples_per_second", Double(samples) / max(p.seconds, 1e-9)))
        for m in validation { values.append((prefix + "validation/" + m.name, m.value)) }
        writer.scalars(values, step: lastStep)
        try writer.flush()
    }
}
