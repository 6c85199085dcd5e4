import Foundation
import NumericCore

/// A set of evaluated solutions: decision vectors, their objective vectors and total constraint
/// violations, row `i` of each belonging to solution `i`.
///
/// Used as the population of an evolutionary algorithm, a swarm, an archive or a result front.
/// Unconstrained problems have all violations 0. Encodes to JSON with matrices stored as base64 of
/// their IEEE-754 bit patterns, so a checkpoint restores every bit.
public struct Population: Sendable, Equatable {
    /// `N × n` decision vectors.
    public var decisions: Matrix<Double>
    /// `N × M` objective vectors (minimized).
    public var objectives: Matrix<Double>
    /// Total constraint violation of each row (`≥ 0`; 0 = feasible).
    public var violations: [Double]

    /// A population over matching matrices.
    /// - Throws: `OptimizerError.invalidPopulation` when row counts disagree.
    public init(decisions: Matrix<Double>, objectives: Matrix<Double>, violations: [Double]? = nil) throws {
        guard decisions.rows == objectives.rows, violations.map({ $0.count == decisions.rows }) ?? true else {
            throw OptimizerError.invalidPopulation(
                "\(decisions.rows) decision rows, \(objectives.rows) objective rows, \(violations?.count ?? decisions.rows) violations")
        }
        self.decisions = decisions
        self.objectives = objectives
        self.violations = violations ?? [Double](repeating: 0, count: decisions.rows)
    }

    /// An empty population with `variables` decision columns and `objectives` objective columns.
    public init(variables: Int, objectives: Int) {
        decisions = Matrix(rows: 0, columns: variables)
        self.objectives = Matrix(rows: 0, columns: objectives)
        violations = []
    }

    /// Number of solutions.
    public var count: Int { decisions.rows }
    /// Whether any solution violates a constraint.
    public var hasViolations: Bool { violations.contains { $0 > 0 } }

    /// The solutions at `indices`, in that order. - Complexity: O(k·(n+M)).
    public func selecting<S: Sequence>(_ indices: S) -> Population where S.Element == Int {
        let n = decisions.columns, m = objectives.columns
        var x = [Double](), f = [Double](), v = [Double]()
        x.reserveCapacity(indices.underestimatedCount * n)
        f.reserveCapacity(indices.underestimatedCount * m)
        decisions.withUnsafeBufferPointer { dx in
            objectives.withUnsafeBufferPointer { df in
                for i in indices {
                    x.append(contentsOf: UnsafeBufferPointer(rebasing: dx[(i * n)..<((i + 1) * n)]))
                    f.append(contentsOf: UnsafeBufferPointer(rebasing: df[(i * m)..<((i + 1) * m)]))
                    v.append(violations[i])
                }
            }
        }
        // The shapes agree by construction, so these initializers cannot fail.
        let dm = (try? Matrix(rows: v.count, columns: n, storage: x)) ?? Matrix(rows: 0, columns: n)
        let fm = (try? Matrix(rows: v.count, columns: m, storage: f)) ?? Matrix(rows: 0, columns: m)
        return Population(checkedDecisions: dm, objectives: fm, violations: v)
    }

    /// The solutions at `indices` of this population followed by `other` (index `count + i` is row
    /// `i` of `other`), in that order: `appending(other).selecting(indices)` without building the
    /// concatenation. - Precondition: equal column counts; indices in `0..<count + other.count`.
    /// - Complexity: O(k·(n+M)).
    public func selecting(_ indices: [Int], appending other: Population) -> Population {
        let n = decisions.columns, m = objectives.columns, first = count, k = indices.count
        precondition(other.decisions.columns == n && other.objectives.columns == m, "populations differ in shape")
        for i in indices { precondition(i >= 0 && i < first + other.count, "row index \(i) out of range") }
        // Every element is written below, so the arrays start uninitialized.
        func gather(_ a: Matrix<Double>, _ b: Matrix<Double>) -> [Double] {
            let width = a.columns
            return a.withUnsafeBufferPointer { ab in
                b.withUnsafeBufferPointer { bb in
                    [Double](unsafeUninitializedCapacity: k * width) { out, written in
                        for (o, i) in indices.enumerated() where width > 0 {
                            let source = i < first ? ab.baseAddress! + i * width : bb.baseAddress! + (i - first) * width
                            (out.baseAddress! + o * width).initialize(from: source, count: width)
                        }
                        written = k * width
                    }
                }
            }
        }
        let x = gather(decisions, other.decisions), f = gather(objectives, other.objectives)
        let v = indices.map { $0 < first ? violations[$0] : other.violations[$0 - first] }
        // The shapes agree by construction, so these initializers cannot fail.
        let dm = (try? Matrix(rows: k, columns: n, storage: x)) ?? Matrix(rows: 0, columns: n)
        let fm = (try? Matrix(rows: k, columns: m, storage: f)) ?? Matrix(rows: 0, columns: m)
        return Population(checkedDecisions: dm, objectives: fm, violations: v)
    }

    /// Memberwise, for shapes known to agree.
    init(checkedDecisions: Matrix<Double>, objectives: Matrix<Double>, violations: [Double]) {
        decisions = checkedDecisions
        self.objectives = objectives
        self.violations = violations
    }

    /// Appends row `row` of `other`. - Complexity: O(n+M) amortized.
    public mutating func append(from other: Population, row: Int) {
        decisions.appendRow(other.decisions.row(row))
        objectives.appendRow(other.objectives.row(row))
        violations.append(other.violations[row])
    }

    /// Appends one solution. - Precondition: lengths match the columns.
    public mutating func append(decision: [Double], objectives f: [Double], violation: Double = 0) {
        decisions.appendRow(decision)
        objectives.appendRow(f)
        violations.append(violation)
    }

    /// This population followed by `other`'s rows.
    public func appending(_ other: Population) -> Population {
        let rows = count + other.count
        let x = (try? Matrix(rows: rows, columns: decisions.columns, storage: decisions.storage + other.decisions.storage)) ?? decisions
        let f = (try? Matrix(rows: rows, columns: objectives.columns, storage: objectives.storage + other.objectives.storage)) ?? objectives
        return Population(checkedDecisions: x, objectives: f, violations: violations + other.violations)
    }
}

// MARK: - Codable (bit-exact)

extension Population: Codable {
    private enum CodingKeys: String, CodingKey { case count, variables, objectiveCount, decisions, objectives, violations }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(count, forKey: .count)
        try c.encode(decisions.columns, forKey: .variables)
        try c.encode(objectives.columns, forKey: .objectiveCount)
        try c.encode(BitExact.encode(decisions.storage), forKey: .decisions)
        try c.encode(BitExact.encode(objectives.storage), forKey: .objectives)
        try c.encode(BitExact.encode(violations), forKey: .violations)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let n = try c.decode(Int.self, forKey: .count)
        let v = try c.decode(Int.self, forKey: .variables)
        let m = try c.decode(Int.self, forKey: .objectiveCount)
        let x = try BitExact.decode(c.decode(String.self, forKey: .decisions))
        let f = try BitExact.decode(c.decode(String.self, forKey: .objectives))
        let g = try BitExact.decode(c.decode(String.self, forKey: .violations))
        guard n >= 0, v >= 0, m >= 0, x.count == n * v, f.count == n * m, g.count == n else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath,
                debugDescription: "population arrays do not match \(n) rows × \(v) variables × \(m) objectives"))
        }
        try self.init(decisions: Matrix(rows: n, columns: v, storage: x),
                      objectives: Matrix(rows: n, columns: m, storage: f), violations: g)
    }
}

/// Bit-exact text encoding of `[Double]`: base64 of the little-endian IEEE-754 bit patterns.
enum BitExact {
    static func encode(_ values: [Double]) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 8)
        for value in values {
            var bits = value.bitPattern.littleEndian
            withUnsafeBytes(of: &bits) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
    }

    static func decode(_ text: String) throws -> [Double] {
        guard let data = Data(base64Encoded: text), data.count % 8 == 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a base64 array of doubles"))
        }
        var out = [Double]()
        out.reserveCapacity(data.count / 8)
        data.withUnsafeBytes { raw in
            for k in stride(from: 0, to: raw.count, by: 8) {
                var bits: UInt64 = 0
                for b in 0..<8 { bits |= UInt64(raw[k + b]) << (8 * UInt64(b)) }
                out.append(Double(bitPattern: bits))
            }
        }
        return out
    }
}
