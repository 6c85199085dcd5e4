/// Errors from building or evaluating a fusion of predictors.
public enum FusionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An ensemble needs at least one member (or stage).
    case noMembers
    /// Member `member` predicts different objectives (names, kinds or order) than member 0.
    case objectivesMismatch(member: Int)
    /// The weights are unusable: wrong count, negative, non-finite, or summing to zero.
    case invalidWeights(String)
    /// A fusion parameter (member count, shrinkage, margin shape) is out of range.
    case invalidParameter(String)
    /// Member `member` returned a score matrix of the wrong shape.
    case memberOutputShape(member: Int, rows: Int, columns: Int, expectedRows: Int, expectedColumns: Int)

    public var description: String {
        switch self {
        case .noMembers: return "an ensemble needs at least one member"
        case .objectivesMismatch(let m): return "member \(m) predicts different objectives than member 0"
        case .invalidWeights(let s): return "invalid ensemble weights: \(s)"
        case .invalidParameter(let s): return "invalid fusion parameter: \(s)"
        case .memberOutputShape(let m, let r, let c, let er, let ec):
            return "member \(m) returned \(r)×\(c) scores, expected \(er)×\(ec)"
        }
    }
}
