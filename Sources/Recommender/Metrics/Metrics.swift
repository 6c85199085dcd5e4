/// Evaluation metrics for recommender predictions: a namespace of pure functions over parallel arrays
/// of predictions and labels (see `Metrics+AUC.swift`, `Metrics+GAUC.swift`, `Metrics+Logloss.swift`,
/// `Metrics+Regression.swift`, `Metrics+Ranking.swift`), plus conveniences that score an
/// `ExampleTable` with a `ScorePredictor` (`Metrics+Predictor.swift`).
///
/// Every function computes in `Double`; `Float` overloads widen their inputs first. Bad input
/// (different lengths, NaN/Inf, labels outside the domain) throws a `MetricError`, never traps.
public enum Metrics {}

extension Array where Element == Float {
    /// The values widened to `Double` (metrics accumulate in double precision).
    @usableFromInline var widenedToDouble: [Double] { map { Double($0) } }
}
