import NumericCore

/// Whether an objective is minimized or maximized, written `name` or `name:max` in a front header.
public enum ObjectiveSense: String, Sendable, Equatable, CaseIterable {
    /// Smaller is better (the default; ParetoRec minimizes internally).
    case minimize = "min"
    /// Larger is better (`name:max` in a header); negated in the minimization view.
    case maximize = "max"
}

/// A front file in memory: objective values in their natural units with their senses, optional
/// decision columns, and the textual format it came in (so rows can be written back the same way).
///
/// Decision names are stored *without* the `x.` prefix of the header (`x.lr` → `lr`). A file without
/// a header gets objective names `f1 … fM`, all minimized, and no decision columns.
public struct FrontTable: Sendable, Equatable {
    /// Objective column names, without the `:max`/`:min` suffix.
    public var objectiveNames: [String]
    /// One sense per objective column.
    public var senses: [ObjectiveSense]
    /// Decision column names, without the `x.` prefix.
    public var decisionNames: [String]
    /// Objective values as written in the file (natural units), one row per solution.
    public var objectives: Matrix<Double>
    /// Decision values, one row per solution (zero columns when there are none).
    public var decisions: Matrix<Double>
    /// Whether the source had (and a rendering writes) a header line.
    public var hasHeader: Bool
    /// Field separator of the source: commas or runs of whitespace.
    public var format: FrontCSV.Format

    /// A table from its parts.
    /// - Throws: `ParetoError.dimensionMismatch` when the names, senses, and matrices disagree in size.
    public init(
        objectiveNames: [String], senses: [ObjectiveSense], decisionNames: [String] = [],
        objectives: Matrix<Double>, decisions: Matrix<Double>? = nil,
        hasHeader: Bool = true, format: FrontCSV.Format = .commaSeparated
    ) throws {
        let decisions = decisions ?? Matrix(rows: objectives.rows, columns: 0)
        guard objectiveNames.count == objectives.columns, senses.count == objectives.columns else {
            throw ParetoError.dimensionMismatch(
                "\(objectiveNames.count) objective names and \(senses.count) senses for \(objectives.columns) objective columns")
        }
        guard decisionNames.count == decisions.columns else {
            throw ParetoError.dimensionMismatch(
                "\(decisionNames.count) decision names for \(decisions.columns) decision columns")
        }
        guard decisions.rows == objectives.rows else {
            throw ParetoError.dimensionMismatch(
                "\(objectives.rows) objective rows but \(decisions.rows) decision rows")
        }
        self.objectiveNames = objectiveNames
        self.senses = senses
        self.decisionNames = decisionNames
        self.objectives = objectives
        self.decisions = decisions
        self.hasHeader = hasHeader
        self.format = format
    }

    /// A comma-separated table of minimized objectives named `f1 … fM`, without decision columns.
    public init(minimizedObjectives objectives: Matrix<Double>, hasHeader: Bool = true) {
        self.objectiveNames = (0..<objectives.columns).map { "f\($0 + 1)" }
        self.senses = Array(repeating: .minimize, count: objectives.columns)
        self.decisionNames = []
        self.objectives = objectives
        self.decisions = Matrix(rows: objectives.rows, columns: 0)
        self.hasHeader = hasHeader
        self.format = .commaSeparated
    }

    /// Number of solutions (rows).
    public var count: Int { objectives.rows }

    /// The minimization view: objective values with every `max` column negated, which is what
    /// sorting and the indicators expect. - Complexity: O(N·M).
    public var minimizationObjectives: Matrix<Double> {
        guard senses.contains(.maximize) else { return objectives }
        var result = objectives
        let m = objectives.columns
        result.withUnsafeMutableBufferPointer { p in
            for k in 0..<m where senses[k] == .maximize {
                var index = k
                while index < p.count { p[index] = -p[index]; index += m }
            }
        }
        return result
    }

    /// Converts a point given in natural units (e.g. a reference point) to the minimization view.
    /// - Throws: `ParetoError.dimensionMismatch` unless it has one entry per objective.
    public func minimizationPoint(_ point: [Double]) throws -> [Double] {
        guard point.count == senses.count else {
            throw ParetoError.dimensionMismatch("point has \(point.count) values, the front has \(senses.count) objectives")
        }
        return zip(point, senses).map { $1 == .maximize ? -$0 : $0 }
    }

    /// The table made of the given rows, in the given order, with the same names and format.
    /// - Complexity: O(k·(M + D)) for k indices.
    public func selectingRows(_ indices: [Int]) -> FrontTable {
        var copy = self
        copy.objectives = objectives.selectingRows(indices)
        copy.decisions = decisions.selectingRows(indices)
        return copy
    }
}
