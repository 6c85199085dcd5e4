/// Small SIMD loops for the elementwise parts of forward/backward (internal).
///
/// Written with explicit `SIMD8<Float>` so reductions vectorise; the summation order is fixed, so
/// results are deterministic. Complexity O(n) each.
enum VectorKernels {
    /// `Σ a[j]·b[j]` for `j < n`.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>()
        var j = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while j + 16 <= n {
            s0 += ra.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self)
            s1 += ra.loadUnaligned(fromByteOffset: 4 * j + 32, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: 4 * j + 32, as: SIMD8<Float>.self)
            j += 16
        }
        var total = (s0 + s1).sum()
        while j < n { total += a[j] * b[j]; j += 1 }
        return total
    }

    /// `y[j] += α·x[j]` for `j < n`.
    @inline(__always)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var j = 0
        let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
        let a = SIMD8<Float>(repeating: alpha)
        while j + 8 <= n {
            let v = ry.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self) + a * rx.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self)
            ry.storeBytes(of: v, toByteOffset: 4 * j, as: SIMD8<Float>.self)
            j += 8
        }
        while j < n { y[j] += alpha * x[j]; j += 1 }
    }

    /// `y[j] = α·x[j]` for `j < n`.
    @inline(__always)
    static func scale(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var j = 0
        let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
        let a = SIMD8<Float>(repeating: alpha)
        while j + 8 <= n {
            ry.storeBytes(of: a * rx.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self), toByteOffset: 4 * j, as: SIMD8<Float>.self)
            j += 8
        }
        while j < n { y[j] = alpha * x[j]; j += 1 }
    }

    /// `y[i] = max(y[i], 0)`.
    @inline(__always)
    static func relu(_ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var j = 0
        let r = UnsafeMutableRawPointer(y), zero = SIMD8<Float>()
        while j + 8 <= n {
            let v = r.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self)
            r.storeBytes(of: v.replacing(with: zero, where: v .< zero), toByteOffset: 4 * j, as: SIMD8<Float>.self)
            j += 8
        }
        while j < n { if y[j] < 0 { y[j] = 0 }; j += 1 }
    }

    /// `delta[i] = 0` where `y[i] ≤ 0` (ReLU derivative).
    @inline(__always)
    static func reluMask(_ y: UnsafePointer<Float>, _ delta: UnsafeMutablePointer<Float>, _ n: Int) {
        var j = 0
        let ry = UnsafeRawPointer(y), rd = UnsafeMutableRawPointer(delta), zero = SIMD8<Float>()
        while j + 8 <= n {
            let v = ry.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self)
            let d = rd.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self)
            rd.storeBytes(of: d.replacing(with: zero, where: .!(v .> zero)), toByteOffset: 4 * j, as: SIMD8<Float>.self)
            j += 8
        }
        while j < n { if !(y[j] > 0) { delta[j] = 0 }; j += 1 }
    }
}
