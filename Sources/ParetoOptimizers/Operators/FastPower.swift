import Foundation

/// `x^k` and `x^(1/k)` for the distribution exponents `k = η + 1` of SBX and polynomial mutation,
/// without `pow` when `k` is a small integer (repeated squaring) or a power of two (nested square
/// roots) — `pow` was the largest single cost of an NSGA-II generation. Falls back to `pow`.
/// Results agree with `pow` to a few ulps.
@usableFromInline
struct FastPower: Sendable {
    @usableFromInline let exponent: Double
    @usableFromInline let integer: Int      // k when integral and 1…64, else 0
    @usableFromInline let rootHalvings: Int // log2 k when k is a power of two ≤ 64, else 0

    @usableFromInline
    init(_ k: Double) {
        exponent = k
        let isSmallInteger = k == k.rounded() && k >= 1 && k <= 64
        integer = isSmallInteger ? Int(k) : 0
        rootHalvings = isSmallInteger && integer.nonzeroBitCount == 1 ? integer.trailingZeroBitCount : 0
    }

    /// `x^k`.
    @inlinable @inline(__always)
    func power(_ x: Double) -> Double {
        guard integer > 0 else { return pow(x, exponent) }
        var result = 1.0, base = x, e = integer
        while e > 0 {
            if e & 1 == 1 { result *= base }
            base *= base
            e >>= 1
        }
        return result
    }

    /// `x^(1/k)` for `x ≥ 0`.
    @inlinable @inline(__always)
    func root(_ x: Double) -> Double {
        if integer == 1 { return x }
        guard rootHalvings > 0 else { return pow(x, 1 / exponent) }
        var r = x
        for _ in 0..<rootHalvings { r = r.squareRoot() }
        return r
    }

    /// Whether `power` and `root` avoid `pow` (so their lane-wise forms below apply).
    @inlinable
    var isPowFree: Bool { integer > 0 && (integer == 1 || rootHalvings > 0) }

    /// `x^k` in each lane, by the same multiplications as `power(_:)` (bit-identical per lane).
    /// - Precondition: `isPowFree`.
    @inlinable @inline(__always)
    func power(_ x: SIMD2<Double>) -> SIMD2<Double> {
        var result = SIMD2<Double>(repeating: 1), base = x, e = integer
        while e > 0 {
            if e & 1 == 1 { result *= base }
            base *= base
            e >>= 1
        }
        return result
    }

    /// `x^(1/k)` in each lane, by the same square roots as `root(_:)` (bit-identical per lane:
    /// IEEE square roots are correctly rounded, packed or not). - Precondition: `isPowFree`.
    @inlinable @inline(__always)
    func root(_ x: SIMD2<Double>) -> SIMD2<Double> {
        if integer == 1 { return x }
        var r = x
        for _ in 0..<rootHalvings { r = r.squareRoot() }
        return r
    }
}
