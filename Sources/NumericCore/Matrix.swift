/// A dense, row-major matrix of `Float` or `Double`, stored contiguously.
///
/// Element `(i, j)` lives at `storage[i * columns + j]`, which is the layout BLAS calls
/// `CblasRowMajor` with leading dimension `columns`. Rows double as points in ParetoCore
/// (one row per solution, one column per objective).
public struct Matrix<Scalar: BLASScalar>: Equatable, Sendable {
    /// Number of rows.
    public private(set) var rows: Int
    /// Number of columns.
    public let columns: Int
    /// Row-major elements. Invariant: `storage.count == rows * columns`; code that mutates the
    /// storage directly (for speed) must keep its count.
    public var storage: [Scalar]

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = [Scalar](repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major storage.
    /// - Throws: `NumericError.dimensionMismatch` when `storage.count != rows * columns`.
    public init(rows: Int, columns: Int, storage: [Scalar]) throws {
        guard rows >= 0, columns >= 0, storage.count == rows * columns else {
            throw NumericError.dimensionMismatch(
                "storage of \(storage.count) elements cannot form a \(rows)×\(columns) matrix")
        }
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from an array of equally long rows.
    /// - Throws: `NumericError.dimensionMismatch` for ragged rows.
    public init(_ rowArrays: [[Scalar]]) throws {
        let columns = rowArrays.first?.count ?? 0
        var storage: [Scalar] = []
        storage.reserveCapacity(rowArrays.count * columns)
        for (index, row) in rowArrays.enumerated() {
            guard row.count == columns else {
                throw NumericError.dimensionMismatch(
                    "row \(index) has \(row.count) elements, expected \(columns)")
            }
            storage.append(contentsOf: row)
        }
        self.rows = rowArrays.count
        self.columns = columns
        self.storage = storage
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i * n + i] = 1 }
        return m
    }

    /// Element access; traps on out-of-range indices like an array.
    @inlinable
    public subscript(row: Int, column: Int) -> Scalar {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// A copy of row `i`.
    public func row(_ i: Int) -> [Scalar] {
        Array(storage[(i * columns)..<((i + 1) * columns)])
    }

    /// All rows as arrays (allocates; for tests and I/O, not hot loops).
    public var rowArrays: [[Scalar]] { (0..<rows).map(row) }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for i in 0..<rows {
            for j in 0..<columns { t.storage[j * rows + i] = storage[i * columns + j] }
        }
        return t
    }

    /// Appends one row. - Precondition: `row.count == columns`.
    public mutating func appendRow(_ row: [Scalar]) {
        precondition(row.count == columns, "appended row has \(row.count) elements, expected \(columns)")
        storage.append(contentsOf: row)
        rows += 1
    }

    /// The matrix made of the given rows, in the given order.
    public func selectingRows<S: Sequence>(_ indices: S) -> Matrix where S.Element == Int {
        var result = Matrix(rows: 0, columns: columns)
        for i in indices { result.storage.append(contentsOf: storage[(i * columns)..<((i + 1) * columns)]) ; result.rows += 1 }
        return result
    }

    /// Calls `body` with a read-only view of the storage.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with a mutable view of the storage.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer(body)
    }
}
