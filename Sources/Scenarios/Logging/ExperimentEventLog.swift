import Foundation
import Recommender
import TensorBoardEvents

/// TensorBoard event files of an experiment: one run folder per method and seed
/// (`<directory>/<method>/seed-<s>`), so TensorBoard's run selector compares them.
///
/// In-training methods log their trainings through `trainingLog(prefix:)` (losses and balancing
/// weights per step, validation metrics per epoch); every method's hypervolume history is logged by
/// `finish(history:testHypervolume:)` against the number of evaluations (model trainings or
/// preference runs).
public final class ExperimentEventLog: @unchecked Sendable {
    /// The run folder.
    public let directory: String
    /// The run's event file.
    public let writer: TensorBoardWriter
    /// Objective names of the scenario's model.
    public let objectiveNames: [String]

    /// Opens the run folder of `method` and `seed` under `root`.
    /// - Throws: `TensorBoardError.cannotCreate`.
    public init(root: String, method: String, seed: UInt64, objectiveNames: [String]) throws {
        directory = (root as NSString).appendingPathComponent("\(method)/seed-\(seed)")
        writer = try TensorBoardWriter(directory: directory)
        self.objectiveNames = objectiveNames
    }

    /// A log for one training of the run; `prefix` (e.g. `run2/`) keeps trainings apart.
    public func trainingLog(prefix: String = "") -> TrainingEventLog {
        TrainingEventLog(writer: writer, objectiveNames: objectiveNames, prefix: prefix)
    }

    /// Logs the validation hypervolume after each iteration (`hypervolume/validation`, step =
    /// evaluations so far) and the final front's test hypervolume (`hypervolume/test`), then closes.
    /// - Throws: `TensorBoardError.writeFailed`.
    public func finish(history: [(evaluations: Double, hypervolume: Double)], testHypervolume: Double, evaluations: Int) throws {
        for h in history { writer.scalar("hypervolume/validation", h.hypervolume, step: Int(h.evaluations.rounded())) }
        writer.scalar("hypervolume/test", testHypervolume, step: evaluations)
        try writer.close()
    }
}
