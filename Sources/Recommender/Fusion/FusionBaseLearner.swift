import NumericCore

/// Something that trains a predictor on a table: the base learner that bagging and boosting call.
///
/// Contract of `baseMargin`: when non-nil it is a `train.count × train.layout.objectiveCount` matrix of
/// raw scores (logits for binary objectives, values for continuous ones, in the table's objective
/// order) that the learner adds to its own output before the loss during training, as XGBoost's
/// `base_margin` / LightGBM's `init_score`. The returned predictor's scores **exclude** the margin
/// (they are the learner's own contribution). `nil` means a zero margin. The learner must be
/// deterministic given `seed`, and its predictor must predict `train.layout.objectives`.
public protocol FusionBaseLearner {
    /// Trains one model on `train` on top of `baseMargin`, drawing all randomness from `seed`.
    func fit(_ train: ExampleTable, baseMargin: Matrix<Float>?, seed: UInt64) throws -> any ScorePredictor
}
