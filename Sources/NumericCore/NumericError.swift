/// Errors raised by NumericCore's linear algebra.
public enum NumericError: Error, Equatable, CustomStringConvertible {
    /// Operand shapes do not agree.
    case dimensionMismatch(String)
    /// The matrix is not (numerically) symmetric positive definite; `leadingMinor` is LAPACK's `info`.
    case notPositiveDefinite(leadingMinor: Int)
    /// A LAPACK routine reported failure with this `info` code.
    case lapackFailure(routine: String, info: Int)

    public var description: String {
        switch self {
        case .dimensionMismatch(let message): return "dimension mismatch: \(message)"
        case .notPositiveDefinite(let minor): return "matrix is not positive definite (leading minor \(minor))"
        case .lapackFailure(let routine, let info): return "\(routine) failed with info \(info)"
        }
    }
}
