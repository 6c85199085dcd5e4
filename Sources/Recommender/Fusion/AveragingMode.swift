/// How an averaging ensemble combines the members' predictions of a binary objective.
/// (Continuous objectives are always averaged as values.)
public enum AveragingMode: String, Codable, Sendable, CaseIterable {
    /// Average the probabilities `σ(z_j)`; the ensemble's logit is the logit of that mean. The
    /// default: the classic model average, whose probability is the mixture of the members'.
    case probabilities
    /// Average the logits `z_j`; the ensemble's probability is then proportional to the weighted
    /// geometric mean of the members' odds.
    case logits
}
