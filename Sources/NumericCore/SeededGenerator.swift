/// A seeded, splittable pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021,
/// doi:10.1145/3460772. Written here (not GSL's `gsl_rng`) because every stochastic component needs
/// a cheap value-type stream it can copy, checkpoint (`Codable`) and split without global state.
///
/// Reproducibility contract: the same `(seed, key path)` always yields the same sequence on every
/// platform, and `split(_:)` depends only on the generator's *key* (its seed and split labels),
/// never on how many numbers were drawn before, so components can be added without shifting the
/// streams of others.
public struct SeededGenerator: RandomNumberGenerator, Codable, Equatable, Sendable {
    // xoshiro256** state (internal and `@usableFromInline` so that `next()` can be inlined).
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    /// Identity of this stream: derived from the seed and the labels of every split that led here.
    public let key: UInt64

    private enum CodingKeys: String, CodingKey { case s0, s1, s2, s3, key }

    /// Decodes a saved generator state.
    /// - Throws: `DecodingError.dataCorrupted` for the all-zero state, which xoshiro never leaves
    ///   (every draw would be 0 and rejection loops would never end).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        s0 = try c.decode(UInt64.self, forKey: .s0)
        s1 = try c.decode(UInt64.self, forKey: .s1)
        s2 = try c.decode(UInt64.self, forKey: .s2)
        s3 = try c.decode(UInt64.self, forKey: .s3)
        key = try c.decode(UInt64.self, forKey: .key)
        guard s0 | s1 | s2 | s3 != 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath,
                debugDescription: "random generator state is all zeros (not a state xoshiro256** can reach)"))
        }
    }

    /// A generator for `seed`.
    public init(seed: UInt64) {
        self.init(key: SeededGenerator.mix(seed ^ 0x5052_4543_5245_4F50))
    }

    private init(key: UInt64) {
        self.key = key
        var sm = key
        s0 = SeededGenerator.splitMix(&sm)
        s1 = SeededGenerator.splitMix(&sm)
        s2 = SeededGenerator.splitMix(&sm)
        s3 = SeededGenerator.splitMix(&sm)
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is a fixed point
    }

    /// An independent child stream named `label`; the same label always gives the same child.
    public func split(_ label: String) -> SeededGenerator {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a 64
        for byte in label.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return SeededGenerator(key: SeededGenerator.mix(key ^ SeededGenerator.mix(hash)))
    }

    /// An independent child stream number `index` (for per-individual or per-task streams).
    public func split(_ index: Int) -> SeededGenerator {
        SeededGenerator(key: SeededGenerator.mix(key ^ SeededGenerator.mix(UInt64(bitPattern: Int64(index)) &+ 0x9E37_79B9_7F4A_7C15)))
    }

    /// The next 64 random bits. Inlinable, so draws in other modules (the operators' inner loops)
    /// compile to the few shifts and xors of xoshiro256** without a call. - Complexity: O(1).
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inlinable @inline(__always)
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return mix(state)
    }

    /// SplitMix64's finalizer: a bijective 64-bit mixer.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: - Distributions

extension SeededGenerator {
    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    @inlinable
    public mutating func nextUniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform `Double` in `[lower, upper)`.
    @inlinable
    public mutating func nextUniform(in lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * nextUniform()
    }

    /// A uniform `Float` in `[0, 1)` with 24 random bits.
    @inlinable
    public mutating func nextUniformFloat() -> Float { Float(next() >> 40) * 0x1.0p-24 }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method via the standard library).
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int.random(in: 0..<bound, using: &self)
    }

    /// A standard normal draw by the Box–Muller transform (two uniforms per draw, no cached spare,
    /// so the stream state alone determines the future — which keeps checkpoints exact).
    @inlinable
    public mutating func nextGaussian() -> Double {
        var u1 = nextUniform()
        while u1 <= 0 { u1 = nextUniform() }
        let u2 = nextUniform()
        return (-2 * Foundation_log(u1)).squareRoot() * Foundation_cos(2 * Double.pi * u2)
    }

    /// A normal draw with the given mean and standard deviation.
    @inlinable
    public mutating func nextGaussian(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * nextGaussian()
    }

    /// A Fisher–Yates shuffle of `array` in place. Inlinable so that it is specialized for the
    /// element type at the call site: the generic body swaps through value witnesses, which made an
    /// epoch's shuffle of 77 M row indices cost ≈ 20 s of CPU.
    /// - Complexity: O(n), one draw per element.
    @inlinable
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        array.withUnsafeMutableBufferPointer { buffer in
            for i in stride(from: buffer.count - 1, to: 0, by: -1) {
                let j = nextInt(below: i + 1)
                if i != j { buffer.swapAt(i, j) }
            }
        }
    }

    /// `count` distinct indices from `0..<population`, in draw order (partial Fisher–Yates).
    public mutating func sample(_ count: Int, from population: Int) -> [Int] {
        precondition(count <= population && count >= 0, "cannot sample \(count) of \(population)")
        var pool = Array(0..<population)
        for i in 0..<count {
            let j = i + nextInt(below: population - i)
            pool.swapAt(i, j)
        }
        return Array(pool.prefix(count))
    }
}
