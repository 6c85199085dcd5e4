import NumericCore

/// The quality indicators ParetoCore computes, named as on the command line.
///
/// Like jMetal's `QualityIndicator`, each case says whether lower values are better, so tables and
/// statistical tests can orient themselves without a lookup.
public enum QualityIndicator: String, CaseIterable, Sendable {
    /// Hypervolume (needs a reference point).
    case hypervolume = "hv"
    /// Inverted generational distance, ``invertedGenerationalDistance(of:referenceFront:)``.
    case igd = "igd"
    /// IGD⁺, ``invertedGenerationalDistancePlus(of:referenceFront:)``.
    case igdPlus = "igd+"
    /// Generational distance, ``generationalDistance(of:referenceFront:)``.
    case gd = "gd"
    /// GD⁺, ``generationalDistancePlus(of:referenceFront:)``.
    case gdPlus = "gd+"
    /// Additive ε, ``additiveEpsilon(of:referenceFront:)``.
    case additiveEpsilon = "epsilon"
    /// Schott's spacing, ``spacing(of:)``.
    case spacing = "spacing"
    /// Deb's spread Δ, ``spread(of:referenceFront:)``.
    case spread = "spread"

    /// Whether a smaller value means a better approximation set (false only for hypervolume).
    public var lowerIsBetter: Bool { self != .hypervolume }

    /// Whether the indicator compares the set with a reference front (as opposed to a reference
    /// point, for hypervolume, or nothing, for spacing).
    public var needsReferenceFront: Bool {
        switch self {
        case .hypervolume, .spacing: return false
        default: return true
        }
    }
}

extension QualityIndicator {
    /// The indicator's value for `approximation` against `referenceFront` (ignored by spacing).
    ///
    /// - Throws: `ParetoError.invalidArgument` for ``hypervolume`` (which takes a reference point,
    ///   not a front) or when a front-based indicator gets no front; otherwise the errors of the
    ///   indicator's function.
    public func value(of approximation: Matrix<Double>, referenceFront: Matrix<Double>?) throws -> Double {
        if self == .spacing { return try ParetoCore.spacing(of: approximation) }
        guard self != .hypervolume else {
            throw ParetoError.invalidArgument("hypervolume takes a reference point, not a reference front")
        }
        guard let front = referenceFront else {
            throw ParetoError.invalidArgument("\(rawValue) needs a reference front")
        }
        switch self {
        case .igd: return try invertedGenerationalDistance(of: approximation, referenceFront: front)
        case .igdPlus: return try invertedGenerationalDistancePlus(of: approximation, referenceFront: front)
        case .gd: return try generationalDistance(of: approximation, referenceFront: front)
        case .gdPlus: return try generationalDistancePlus(of: approximation, referenceFront: front)
        case .additiveEpsilon: return try ParetoCore.additiveEpsilon(of: approximation, referenceFront: front)
        case .spread: return try ParetoCore.spread(of: approximation, referenceFront: front)
        case .hypervolume, .spacing: return 0  // handled above
        }
    }
}
