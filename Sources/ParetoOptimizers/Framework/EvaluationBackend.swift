import NumericCore

/// Where the rows of a batch are evaluated: threads of this process (``ThreadPoolBackend``, the
/// default) or other processes (the `Distributed` module's MPI backend). ``Evaluator`` calls it for
/// every batch, so optimizers never see the difference.
///
/// A backend must return, for row `i` of the batch, exactly the bits `problem` computes for that row
/// alone: problems are pure functions of the decision vector, so any placement of the rows gives the
/// same result.
public protocol EvaluationBackend: Sendable {
    /// Objectives (`N × M`, row-major) and total constraint violations (`N`, zero when
    /// unconstrained) of every row of `decisions`. `firstEvaluation` is the run-wide number (from 0)
    /// of row 0, for error messages.
    /// - Throws: the problem's errors, `OptimizerError.invalidEvaluation` for a malformed objective
    ///   vector, or the backend's own transport errors.
    func evaluate(_ problem: any Problem, _ decisions: Matrix<Double>, firstEvaluation: Int) throws -> EvaluatedBatch
}

/// Objectives and violations of a batch, row-major.
public struct EvaluatedBatch: Sendable {
    /// `N × M` objectives, row-major.
    public var objectives: [Double]
    /// Total violation of each row (0 when feasible or unconstrained).
    public var violations: [Double]

    /// A batch result from its arrays.
    public init(objectives: [Double], violations: [Double]) {
        self.objectives = objectives
        self.violations = violations
    }
}

/// A problem whose evaluation leaves a by-product the coordinating process needs (for the
/// recommender: the trained model and its test metrics), so a remote evaluator ships the whole
/// evaluation back as a record instead of the objectives alone.
public protocol RecordingProblem: Problem {
    /// Evaluates `x` and encodes everything the coordinator needs, objectives included.
    func evaluationRecord(for x: [Double]) throws -> [UInt8]
    /// Decodes a record made by ``evaluationRecord(for:)`` for `x` on another process, keeps its
    /// by-products as if `x` had been evaluated here, and returns its objectives.
    func adoptEvaluationRecord(_ record: [UInt8], for x: [Double]) throws -> [Double]
}
