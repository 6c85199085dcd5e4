import NumericCore

/// How a particle's velocity is updated from its position, personal best and leader (one of the
/// three named parts of ``ParticleSwarm``, in the spirit of jMetal's PSO component catalogue).
public protocol VelocityUpdate: Codable, Sendable {
    /// Short name used in the algorithm name of non-default swarms.
    static var name: String { get }
    /// Overwrites `velocity` (length n) in place.
    func update(velocity: UnsafeMutableBufferPointer<Double>, position: UnsafeBufferPointer<Double>,
                personalBest: UnsafeBufferPointer<Double>, leader: UnsafeBufferPointer<Double>,
                lower: [Double], upper: [Double], rng: inout SeededGenerator)
}

/// How a particle picks its leader (global best) from the archive.
public protocol LeaderSelection: Codable, Sendable {
    /// Short name used in the algorithm name of non-default swarms.
    static var name: String { get }
    /// Index of the leader in an archive whose crowding distances are `crowding`.
    func select(crowding: [Double], rng: inout SeededGenerator) -> Int
}

/// Turbulence applied to some particles after they moved.
public protocol Perturbation: Codable, Sendable {
    /// Short name used in the algorithm name of non-default swarms.
    static var name: String { get }
    /// Perturbs the position of particle `index` in place (or leaves it).
    func perturb(_ position: UnsafeMutableBufferPointer<Double>, index: Int, lower: UnsafeBufferPointer<Double>,
                 upper: UnsafeBufferPointer<Double>, rng: inout SeededGenerator)
}

/// SMPSO's velocity: constriction coefficient χ = 2/(2 − φ − √(φ² − 4φ)) for φ = C1 + C2 > 4 (as
/// printed in the SMPSO paper and coded in jMetal, hence negative; Clerc & Kennedy 2002) applied to
/// `w·v + C1·r1·(pbest − x) + C2·r2·(leader − x)` with `C1, C2 ~ U[1.5, 2.5]` and `r1, r2 ~ U[0, 1]`
/// drawn per particle, `w = 0.1`, then each component clamped to `±(u_j − l_j)/2`.
///
/// Nebro, Durillo, García-Nieto, Coello Coello, Luna & Alba, "SMPSO: A new PSO-based
/// metaheuristic for multi-objective optimization", IEEE MCDM 2009, doi:10.1109/MCDM.2009.4938830.
public struct ConstrictedVelocityUpdate: VelocityUpdate, Equatable {
    public static let name = "constricted"
    /// Range of the cognitive coefficient C1.
    public var c1: ClosedRange<Double>
    /// Range of the social coefficient C2.
    public var c2: ClosedRange<Double>
    /// Inertia weight w.
    public var inertia: Double

    /// SMPSO's defaults: C1, C2 ∈ [1.5, 2.5], w = 0.1.
    public init(c1: ClosedRange<Double> = 1.5...2.5, c2: ClosedRange<Double> = 1.5...2.5, inertia: Double = 0.1) {
        self.c1 = c1
        self.c2 = c2
        self.inertia = inertia
    }

    /// χ = 2 / (2 − φ − √(φ² − 4φ)) for φ = C1 + C2 > 4, else 1.
    public static func constriction(c1: Double, c2: Double) -> Double {
        let phi = c1 + c2
        return phi <= 4 ? 1 : 2 / (2 - phi - (phi * phi - 4 * phi).squareRoot())
    }

    public func update(velocity: UnsafeMutableBufferPointer<Double>, position: UnsafeBufferPointer<Double>,
                       personalBest: UnsafeBufferPointer<Double>, leader: UnsafeBufferPointer<Double>,
                       lower: [Double], upper: [Double], rng: inout SeededGenerator) {
        let r1 = rng.nextUniform(), r2 = rng.nextUniform()
        let a = rng.nextUniform(in: c1.lowerBound, c1.upperBound), b = rng.nextUniform(in: c2.lowerBound, c2.upperBound)
        let chi = ConstrictedVelocityUpdate.constriction(c1: a, c2: b)
        for j in 0..<velocity.count {
            let v = chi * (inertia * velocity[j] + a * r1 * (personalBest[j] - position[j]) + b * r2 * (leader[j] - position[j]))
            let limit = (upper[j] - lower[j]) / 2
            velocity[j] = min(max(v, -limit), limit)
        }
    }
}

/// Binary tournament on crowding distance in the archive: two random members, the less crowded
/// (larger distance) leads; a single member leads alone.
public struct CrowdingTournamentLeaderSelection: LeaderSelection, Equatable {
    public static let name = "crowding-tournament"
    /// The default (no settings).
    public init() {}
    public func select(crowding: [Double], rng: inout SeededGenerator) -> Int {
        let n = crowding.count
        if n <= 1 { return 0 }
        let a = rng.nextInt(below: n)
        var b = rng.nextInt(below: n - 1)
        if b >= a { b += 1 }
        return crowding[a] >= crowding[b] ? a : b
    }
}

/// Polynomial mutation applied to every `period`-th particle (SMPSO: every 6th, p_m = 1/n, η_m = 20).
public struct PolynomialPerturbation: Perturbation, Equatable {
    public static let name = "polynomial"
    /// The mutation applied.
    public var mutation: PolynomialMutation
    /// Particles `0, period, 2·period, …` are perturbed.
    public var period: Int

    /// SMPSO's turbulence by default.
    /// - Throws: `OptimizerError.invalidConfiguration` for `period < 1`.
    public init(mutation: PolynomialMutation? = nil, period: Int = 6) throws {
        guard period >= 1 else { throw OptimizerError.invalidConfiguration("perturbation period must be ≥ 1") }
        self.mutation = try mutation ?? PolynomialMutation()
        self.period = period
    }

    public func perturb(_ position: UnsafeMutableBufferPointer<Double>, index: Int, lower: UnsafeBufferPointer<Double>,
                        upper: UnsafeBufferPointer<Double>, rng: inout SeededGenerator) {
        guard index % period == 0 else { return }
        mutation.mutate(position, lower: lower, upper: upper, rng: &rng)
    }
}
