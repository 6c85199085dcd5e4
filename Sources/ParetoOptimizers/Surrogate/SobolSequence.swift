import CNumerics
import NumericCore

/// A low-discrepancy sequence on the unit cube from GSL's `gsl_qrng`: Sobol′ up to 40 dimensions
/// (Sobol′, "On the distribution of points in a cube and the approximate evaluation of integrals",
/// USSR Comput. Math. Math. Phys. 7(4), 86–112, 1967, doi:10.1016/0041-5553(67)90144-9; GSL uses
/// the Antonov–Saleev Gray-code construction), Halton beyond (GSL's `gsl_qrng_halton`, up to 1229).
///
/// A value type that holds only its dimension and a Cranley–Patterson shift, so it is trivially
/// `Codable`: point `i` is regenerated from the start of the sequence (GSL's generator state is
/// not serializable). With a shift `s` drawn from a seeded generator, point `i` is `frac(p_i + s)`,
/// a randomized sequence that keeps its low discrepancy.
///
/// - Complexity: `points(from:count:)` is O((from + count)·d).
public struct SobolSequence: Sendable, Codable, Equatable {
    /// Number of coordinates per point.
    public let dimension: Int
    /// Cranley–Patterson shift added modulo 1 (zeros = the plain sequence).
    public let shift: [Double]

    /// The plain sequence in `dimension` coordinates.
    /// - Throws: `OptimizerError.invalidConfiguration` unless 1 ≤ dimension ≤ 1229.
    public init(dimension: Int) throws {
        guard (1...1229).contains(dimension) else {
            throw OptimizerError.invalidConfiguration("quasi-random sequences need 1…1229 dimensions, got \(dimension)")
        }
        self.dimension = dimension
        shift = [Double](repeating: 0, count: dimension)
    }

    /// The sequence shifted by a uniform vector drawn from `rng` (randomized quasi-Monte Carlo).
    public init(dimension: Int, rng: inout SeededGenerator) throws {
        try self.init(dimension: dimension)
        self = SobolSequence(dimension: dimension, shift: (0..<dimension).map { _ in rng.nextUniform() })
    }

    private init(dimension: Int, shift: [Double]) { self.dimension = dimension; self.shift = shift }

    /// Points `from ..< from + count` of the sequence (0 is GSL's first point), each in `[0, 1)^d`.
    public func points(from start: Int, count: Int) -> [[Double]] {
        guard count > 0 else { return [] }
        let type = dimension <= 40 ? paretorec_gsl_qrng_sobol() : paretorec_gsl_qrng_halton()
        guard let q = gsl_qrng_alloc(type, UInt32(dimension)) else { return [] }
        defer { gsl_qrng_free(q) }
        var buffer = [Double](repeating: 0, count: dimension)
        var out = [[Double]]()
        out.reserveCapacity(count)
        for index in 0..<(max(0, start) + count) {
            _ = buffer.withUnsafeMutableBufferPointer { gsl_qrng_get(q, $0.baseAddress) }
            guard index >= start else { continue }
            out.append((0..<dimension).map { j in
                let v = buffer[j] + shift[j]
                return v >= 1 ? v - 1 : v
            })
        }
        return out
    }

    /// Points as a `count × d` matrix.
    public func matrix(from start: Int, count: Int) -> Matrix<Double> {
        let rows = points(from: start, count: count)
        return (try? Matrix(rows: rows.count, columns: dimension, storage: rows.flatMap { $0 })) ?? Matrix(rows: 0, columns: dimension)
    }
}
