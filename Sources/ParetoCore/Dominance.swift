import NumericCore

/// The Pareto relation between two objective vectors under minimization.
///
/// `a` *dominates* `b` when `a` is no worse in every objective and strictly better in at least one.
/// Dominance is a strict partial order (irreflexive, asymmetric, transitive).
public enum Dominance: Sendable, Equatable {
    /// The first vector dominates the second.
    case dominates
    /// The second vector dominates the first.
    case dominated
    /// All objectives are equal.
    case equal
    /// Neither dominates the other and they differ.
    case incomparable

    /// Compares two objective vectors of equal length `M`. - Complexity: O(M).
    @inlinable
    public static func compare(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Dominance {
        var aBetter = false, bBetter = false
        for i in 0..<a.count {
            let x = a[i], y = b[i]
            if x < y { aBetter = true } else if y < x { bBetter = true }
            if aBetter && bBetter { return .incomparable }
        }
        if aBetter { return .dominates }
        if bBetter { return .dominated }
        return .equal
    }

    /// Compares two objective vectors given as arrays. - Precondition: equal lengths.
    public static func compare(_ a: [Double], _ b: [Double]) -> Dominance {
        precondition(a.count == b.count, "objective vectors differ in length")
        return a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in compare(pa, pb) } }
    }

    /// Constraint domination (Deb et al. 2002, §III-D): a feasible solution (total violation 0)
    /// beats an infeasible one; of two infeasible ones the smaller total violation wins; two
    /// feasible ones compare by Pareto dominance. Violations are non-negative totals.
    public static func compare(
        _ a: [Double], violation violationA: Double, _ b: [Double], violation violationB: Double
    ) -> Dominance {
        let aFeasible = violationA <= 0, bFeasible = violationB <= 0
        switch (aFeasible, bFeasible) {
        case (true, true): return compare(a, b)
        case (true, false): return .dominates
        case (false, true): return .dominated
        case (false, false):
            if violationA < violationB { return .dominates }
            if violationB < violationA { return .dominated }
            return compare(a, b)
        }
    }
}
