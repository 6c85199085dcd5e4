/// The model-fusion methods an experiment can apply to trained recommenders (`fusion:` in the
/// experiment YAML). This enum is the one list of their names: the YAML validation, the runner and
/// the report ask it.
public enum FusionMethod: String, Sendable, Equatable, CaseIterable, Codable {
    /// Equal-weight mean of the Pareto set's models' probabilities (`AveragingEnsemble`; Perrone &
    /// Cooper 1993; Dietterich 2000, doi:10.1007/3-540-45014-9_1).
    case average
    /// The Pareto set's models averaged with softmax weights of preference-weighted validation metrics
    /// (`ParetoSetFusion`; Bates & Granger 1969, doi:10.2307/3008764).
    case weighted
    /// Bootstrap aggregating: `members` trainings at the fusion preference, each on a bootstrap
    /// resample of the training split, averaged (`Bagging`; Breiman 1996, doi:10.1007/BF00058655).
    case bagging
    /// Gradient boosting: `members` trainings at the fusion preference, each on the residual margin of
    /// the previous ones, summed with shrinkage (`Boosting`; Friedman 2001, doi:10.1214/aos/1013203451).
    case boosting

    /// What a method fuses.
    public enum Source: String, Sendable, Equatable, Codable {
        /// The models of each method's Pareto set (no extra training).
        case paretoSet = "pareto-set"
        /// Models trained for the fusion, at one preference (independent of the experiment's methods).
        case preference
    }

    /// Whether the method fuses each method's Pareto set or trains its own members at one preference.
    public var source: Source {
        switch self {
        case .average, .weighted: return .paretoSet
        case .bagging, .boosting: return .preference
        }
    }
}
