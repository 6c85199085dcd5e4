/// When a run stops: any of a list of criteria (logical or), checked by the driver after every
/// iteration.
///
/// Iterations count like pymoo's `n_gen`: initialization is iteration 1, so
/// `.generations(250)` with population 100 spends 100 + 249·100 = 25,000 evaluations.
///
/// ```swift
/// let stop = Termination.evaluations(25_000) || .wallTime(seconds: 60)
/// ```
public struct Termination: Sendable, Codable, Equatable, CustomStringConvertible {
    /// One stopping rule.
    public enum Criterion: Sendable, Codable, Equatable {
        /// Stop after this many iterations (initialization included).
        case generations(Int)
        /// Stop once at least this many evaluations were spent.
        case evaluations(Int)
        /// Stop once the run's elapsed time reaches this many seconds (not reproducible by nature).
        case wallTime(seconds: Double)
        /// Stop when the hypervolume of the front w.r.t. `reference` improved by less than
        /// `tolerance` (absolute) over the last `window` iterations.
        case hypervolumeStagnation(reference: [Double], window: Int, tolerance: Double)
    }

    /// The criteria; the run stops when any is met.
    public private(set) var criteria: [Criterion]

    /// A termination from criteria (any-of).
    /// - Throws: `OptimizerError.invalidConfiguration` for an empty list or non-positive limits.
    public init(anyOf criteria: [Criterion]) throws {
        guard !criteria.isEmpty else { throw OptimizerError.invalidConfiguration("termination needs at least one criterion") }
        for c in criteria {
            switch c {
            case .generations(let g) where g < 1: throw OptimizerError.invalidConfiguration("generations must be ≥ 1, got \(g)")
            case .evaluations(let e) where e < 1: throw OptimizerError.invalidConfiguration("evaluations must be ≥ 1, got \(e)")
            case .wallTime(let s) where !(s > 0): throw OptimizerError.invalidConfiguration("wall time must be > 0 s, got \(s)")
            case .hypervolumeStagnation(let r, let w, let t) where r.isEmpty || w < 1 || !(t >= 0):
                throw OptimizerError.invalidConfiguration("hypervolume stagnation needs a reference point, window ≥ 1 and tolerance ≥ 0")
            default: break
            }
        }
        self.criteria = criteria
    }

    private init(unchecked criteria: [Criterion]) { self.criteria = criteria }

    /// Stop after `count` iterations (values below 1 are raised to 1).
    public static func generations(_ count: Int) -> Termination { Termination(unchecked: [.generations(max(1, count))]) }
    /// Stop after `count` evaluations (values below 1 are raised to 1).
    public static func evaluations(_ count: Int) -> Termination { Termination(unchecked: [.evaluations(max(1, count))]) }
    /// Stop after `seconds` of wall time.
    public static func wallTime(seconds: Double) -> Termination { Termination(unchecked: [.wallTime(seconds: max(0, seconds))]) }
    /// Stop when the hypervolume gained less than `tolerance` over `window` iterations.
    public static func hypervolumeStagnation(reference: [Double], window: Int = 20, tolerance: Double = 1e-6) -> Termination {
        Termination(unchecked: [.hypervolumeStagnation(reference: reference, window: max(1, window), tolerance: max(0, tolerance))])
    }

    /// Either termination (the run stops at the first met criterion).
    public static func || (lhs: Termination, rhs: Termination) -> Termination {
        Termination(unchecked: lhs.criteria + rhs.criteria)
    }

    /// The reference point of a stagnation criterion, if any (the driver then records hypervolume).
    public var stagnationReference: [Double]? {
        for c in criteria { if case .hypervolumeStagnation(let r, _, _) = c { return r } }
        return nil
    }

    /// The first criterion met by the run so far, or `nil` to continue.
    /// - Parameter history: rows so far, the latest last. - Complexity: O(criteria + window).
    public func metCriterion(history: [HistoryRow]) -> Criterion? {
        guard let last = history.last else { return nil }
        for c in criteria {
            switch c {
            case .generations(let g): if last.iteration >= g { return c }
            case .evaluations(let e): if last.evaluations >= e { return c }
            case .wallTime(let s): if last.elapsedSeconds >= s { return c }
            case .hypervolumeStagnation(_, let window, let tolerance):
                guard history.count > window, let now = last.hypervolume,
                      let then = history[history.count - 1 - window].hypervolume else { continue }
                if now - then < tolerance { return c }
            }
        }
        return nil
    }

    public var description: String {
        criteria.map { c -> String in
            switch c {
            case .generations(let g): return "\(g) generations"
            case .evaluations(let e): return "\(e) evaluations"
            case .wallTime(let s): return "\(s) s"
            case .hypervolumeStagnation(_, let w, let t): return "hypervolume gain < \(t) over \(w) iterations"
            }
        }.joined(separator: " or ")
    }
}
