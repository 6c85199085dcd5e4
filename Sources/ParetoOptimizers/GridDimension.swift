import NumericCore

/// The levels one decision variable takes in a grid search.
public enum GridDimension: Sendable, Codable, Equatable {
    /// `levels ≥ 1` evenly spaced values from `lower` to `upper`, both included (one level = the
    /// midpoint).
    case continuous(lower: Double, upper: Double, levels: Int)
    /// Every integer in `lower...upper`.
    case integer(lower: Int, upper: Int)
    /// An explicit list of values (e.g. category indices `0, 1, 2` or named settings' codes).
    case categorical([Double])

    /// The values of this dimension, in increasing grid order.
    /// - Throws: `GridSearchError.invalidDimension` for empty or non-finite levels.
    public func values() throws -> [Double] {
        switch self {
        case .continuous(let l, let u, let levels):
            guard l.isFinite, u.isFinite, l <= u, levels >= 1 else {
                throw GridSearchError.invalidDimension("continuous [\(l), \(u)] with \(levels) levels")
            }
            if levels == 1 { return [(l + u) / 2] }
            return (0..<levels).map { i in
                i == levels - 1 ? u : l + (u - l) * Double(i) / Double(levels - 1)
            }
        case .integer(let l, let u):
            guard l <= u else { throw GridSearchError.invalidDimension("integer range \(l)...\(u) is empty") }
            guard u - l < 100_000_000 else { throw GridSearchError.invalidDimension("integer range \(l)...\(u) is too large") }
            return (l...u).map(Double.init)
        case .categorical(let choices):
            guard !choices.isEmpty, choices.allSatisfy(\.isFinite) else {
                throw GridSearchError.invalidDimension("categorical choices must be finite and non-empty: \(choices)")
            }
            return choices
        }
    }
}

/// Errors of grid enumeration.
public enum GridSearchError: Error, Equatable, CustomStringConvertible {
    /// The grid has more points than the evaluation budget (and `allowOverBudget` is false).
    case overBudget(gridSize: Int, budget: Int)
    /// The number of grid points does not fit in an `Int`.
    case sizeOverflow(String)
    /// A dimension with no levels or bad bounds; or dimensions that do not match the problem.
    case invalidDimension(String)

    public var description: String {
        switch self {
        case .overBudget(let size, let budget):
            return "grid has \(size) points but the evaluation budget is \(budget); lower the levels or allow over-budget runs"
        case .sizeOverflow(let m): return "grid size overflows: \(m)"
        case .invalidDimension(let m): return "invalid grid dimension: \(m)"
        }
    }
}

/// A full-factorial grid: the Cartesian product of per-dimension levels, enumerated in
/// lexicographic (mixed-radix) order with the last dimension varying fastest.
public struct DecisionGrid: Sendable, Equatable {
    /// The levels of each dimension.
    public let levels: [[Double]]
    /// Number of grid points, `Π_j |levels_j|`.
    public let size: Int

    /// - Throws: `GridSearchError` for an empty dimension list, a bad dimension or an `Int` overflow.
    public init(_ dimensions: [GridDimension]) throws {
        guard !dimensions.isEmpty else { throw GridSearchError.invalidDimension("no dimensions") }
        levels = try dimensions.map { try $0.values() }
        var size = 1
        for l in levels {
            let (product, overflow) = size.multipliedReportingOverflow(by: l.count)
            if overflow { throw GridSearchError.sizeOverflow("levels \(levels.map(\.count))") }
            size = product
        }
        self.size = size
    }

    /// Grid points `start ..< start + count` as rows (`count × n`). - Complexity: O(count·n).
    public func points(from start: Int, count: Int) -> Matrix<Double> {
        let n = levels.count
        let end = min(size, start + max(0, count))
        var out = Matrix<Double>(rows: max(0, end - start), columns: n)
        guard end > start else { return out }
        // Mixed-radix digits of `start`, then increment like an odometer.
        var digits = [Int](repeating: 0, count: n)
        var rest = start
        for j in stride(from: n - 1, through: 0, by: -1) { digits[j] = rest % levels[j].count; rest /= levels[j].count }
        out.withUnsafeMutableBufferPointer { buffer in
            for r in 0..<(end - start) {
                for j in 0..<n { buffer[r * n + j] = levels[j][digits[j]] }
                var j = n - 1
                while j >= 0 {
                    digits[j] += 1
                    if digits[j] < levels[j].count { break }
                    digits[j] = 0
                    j -= 1
                }
            }
        }
        return out
    }
}
