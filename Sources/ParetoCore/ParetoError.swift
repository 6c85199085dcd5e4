/// Errors raised by ParetoCore on invalid input (never a trap on user data).
public enum ParetoError: Error, Equatable, CustomStringConvertible {
    /// Vectors or matrices whose dimensions do not agree (e.g. a reference point of the wrong length).
    case dimensionMismatch(String)
    /// A NaN or infinite value where only finite ones are allowed.
    case nonFinite(String)
    /// An empty set where at least one point is required.
    case empty(String)
    /// An argument outside its valid range.
    case invalidArgument(String)
    /// A result too large for a `Double` (e.g. a hypervolume above 1.8e308).
    case overflow(String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let m): return "dimension mismatch: \(m)"
        case .nonFinite(let m): return "non-finite value: \(m)"
        case .empty(let m): return "empty input: \(m)"
        case .invalidArgument(let m): return "invalid argument: \(m)"
        case .overflow(let m): return "overflow: \(m)"
        }
    }
}
