import NumericCore
import ParetoCore

/// SMPSO: speed-constrained multi-objective particle swarm optimization — ``ParticleSwarm`` with
/// its default parts.
///
/// Nebro, Durillo, García-Nieto, Coello Coello, Luna & Alba, "SMPSO: A new PSO-based
/// metaheuristic for multi-objective optimization", IEEE Symposium on Computational Intelligence
/// in Multi-Criteria Decision-Making (MCDM) 2009, 66–73, doi:10.1109/MCDM.2009.4938830.
public typealias SMPSO = ParticleSwarm<ConstrictedVelocityUpdate, CrowdingTournamentLeaderSelection, PolynomialPerturbation>

/// A multi-objective particle swarm assembled from three named parts — velocity update, leader
/// selection and perturbation — around a crowding-bounded archive of non-dominated leaders
/// (`ParetoArchive`) and per-particle personal bests.
///
/// One iteration: every particle picks a leader, updates its velocity and moves (a component
/// leaving the box is set to the bound and its velocity reversed, as jMetal's SMPSO); the
/// perturbation mutates some particles; the swarm is evaluated; each particle enters the archive
/// (which keeps `archiveSize` members by dropping the most crowded) and replaces its personal best
/// unless the best dominates it. The reported front is the archive.
/// - Complexity: per iteration O(N·n) moves, N archive insertions O(A·M) each, one crowding
///   computation of the archive.
public struct ParticleSwarm<Velocity: VelocityUpdate, Leader: LeaderSelection, Turbulence: Perturbation>: AskTellOptimizer {
    /// Swarm settings and parts.
    public struct Configuration: Codable, Sendable {
        /// Number of particles N.
        public var swarmSize: Int
        /// Capacity of the leader archive.
        public var archiveSize: Int
        /// Velocity update.
        public var velocity: Velocity
        /// Leader selection.
        public var leader: Leader
        /// Perturbation (turbulence).
        public var perturbation: Turbulence

        /// - Throws: `OptimizerError.invalidConfiguration` for a swarm or archive below 1.
        public init(swarmSize: Int = 100, archiveSize: Int? = nil, velocity: Velocity, leader: Leader, perturbation: Turbulence) throws {
            guard swarmSize >= 1, (archiveSize ?? swarmSize) >= 1 else {
                throw OptimizerError.invalidConfiguration("swarm and archive sizes must be ≥ 1, got \(swarmSize) and \(archiveSize ?? swarmSize)")
            }
            self.swarmSize = swarmSize
            self.archiveSize = archiveSize ?? swarmSize
            self.velocity = velocity
            self.leader = leader
            self.perturbation = perturbation
        }
    }

    /// Run data: generator, bounds, swarm, velocities, personal bests, archive.
    public struct State: OptimizerState {
        var rng: SeededGenerator
        var lower: [Double], upper: [Double]
        /// Current positions with their objectives.
        public var population: Population
        /// Velocities, row-major, one row of n per particle (stored flat for bit-exact JSON).
        public var velocities: [Double]
        /// Personal bests, one row per particle.
        public var personalBests: Population
        /// The non-dominated leader archive.
        public var archive: Population
        public var front: Population { archive }
    }

    public static var name: String {
        if Velocity.self == ConstrictedVelocityUpdate.self, Leader.self == CrowdingTournamentLeaderSelection.self,
           Turbulence.self == PolynomialPerturbation.self { return "smpso" }
        return "mopso[\(Velocity.name),\(Leader.name),\(Turbulence.name)]"
    }
    public let configuration: Configuration

    /// A swarm with `configuration`.
    public init(configuration: Configuration) { self.configuration = configuration }

    public func initialize(evaluator: inout Evaluator, rng: SeededGenerator) throws -> State {
        let p = evaluator.problem, n = p.variableCount
        var state = State(rng: rng, lower: p.lowerBounds, upper: p.upperBounds,
                          population: Population(variables: n, objectives: p.objectiveCount),
                          velocities: [Double](repeating: 0, count: configuration.swarmSize * n),
                          personalBests: Population(variables: n, objectives: p.objectiveCount),
                          archive: Population(variables: n, objectives: p.objectiveCount))
        let x = RandomSampling.sample(count: configuration.swarmSize, lower: state.lower, upper: state.upper, rng: &state.rng)
        let evaluated = try evaluator.evaluate(x)
        state.personalBests = evaluated
        try tell(&state, evaluated: evaluated)
        return state
    }

    /// Moves every particle (leader, velocity, position, bounds, perturbation); returns positions.
    public func ask(_ state: inout State) throws -> Matrix<Double> {
        let n = state.lower.count, count = state.population.count
        let crowding = state.archive.count <= 2
            ? [Double](repeating: .infinity, count: state.archive.count)
            : crowdingDistances(of: state.archive.objectives)
        var positions = state.population.decisions
        var velocities = state.velocities
        let lower = state.lower, upper = state.upper
        let config = configuration
        positions.withUnsafeMutableBufferPointer { x in
            velocities.withUnsafeMutableBufferPointer { v in
                state.personalBests.decisions.withUnsafeBufferPointer { best in
                    state.archive.decisions.withUnsafeBufferPointer { leaders in
                        lower.withUnsafeBufferPointer { lo in
                            upper.withUnsafeBufferPointer { hi in
                                for i in 0..<count {
                                    let row = (i * n)..<((i + 1) * n)
                                    let l = config.leader.select(crowding: crowding, rng: &state.rng)
                                    let xi = UnsafeMutableBufferPointer(rebasing: x[row])
                                    let vi = UnsafeMutableBufferPointer(rebasing: v[row])
                                    config.velocity.update(
                                        velocity: vi, position: UnsafeBufferPointer(xi),
                                        personalBest: UnsafeBufferPointer(rebasing: best[row]),
                                        leader: UnsafeBufferPointer(rebasing: leaders[(l * n)..<((l + 1) * n)]),
                                        lower: lower, upper: upper, rng: &state.rng)
                                    for j in 0..<n {
                                        xi[j] += vi[j]
                                        if xi[j] < lo[j] { xi[j] = lo[j]; vi[j] = -vi[j] }
                                        if xi[j] > hi[j] { xi[j] = hi[j]; vi[j] = -vi[j] }
                                    }
                                    config.perturbation.perturb(xi, index: i, lower: lo, upper: hi, rng: &state.rng)
                                }
                            }
                        }
                    }
                }
            }
        }
        state.velocities = velocities
        return positions
    }

    /// Archive update with every particle, then personal-best update.
    public func tell(_ state: inout State, evaluated: Population) throws {
        state.population = evaluated
        var archive = ParetoArchive<Int>(capacity: configuration.archiveSize, objectiveCount: evaluated.objectives.columns)
        // Rebuild from the stored archive (members are mutually non-dominated and fit), then offer
        // each feasible-first particle; payload k < archive.count = old member, else particle.
        let old = state.archive
        for k in 0..<old.count { _ = archive.insert(old.objectives.row(k), payload: k) }
        for i in 0..<evaluated.count where evaluated.violations[i] <= 0 || !evaluated.hasViolations {
            _ = archive.insert(evaluated.objectives.row(i), payload: old.count + i)
        }
        var next = Population(variables: old.decisions.columns, objectives: old.objectives.columns)
        for payload in archive.payloads {
            if payload < old.count { next.append(from: old, row: payload) } else { next.append(from: evaluated, row: payload - old.count) }
        }
        state.archive = next
        // Personal best: replaced unless it dominates the new position (constraint domination).
        for i in 0..<evaluated.count {
            let relation = Dominance.compare(state.personalBests.objectives.row(i), violation: state.personalBests.violations[i],
                                             evaluated.objectives.row(i), violation: evaluated.violations[i])
            if relation != .dominates { replaceRow(&state.personalBests, i, with: evaluated, i) }
        }
    }

    private func replaceRow(_ target: inout Population, _ i: Int, with source: Population, _ k: Int) {
        let n = target.decisions.columns, m = target.objectives.columns
        for j in 0..<n { target.decisions.storage[i * n + j] = source.decisions.storage[k * n + j] }
        for j in 0..<m { target.objectives.storage[i * m + j] = source.objectives.storage[k * m + j] }
        target.violations[i] = source.violations[k]
    }
}

extension ParticleSwarm where Velocity == ConstrictedVelocityUpdate, Leader == CrowdingTournamentLeaderSelection,
    Turbulence == PolynomialPerturbation {
    /// SMPSO with its published defaults and `swarmSize` particles (archive of the same size).
    public init(swarmSize: Int = 100, archiveSize: Int? = nil) throws {
        self.init(configuration: try Configuration(swarmSize: swarmSize, archiveSize: archiveSize, velocity: ConstrictedVelocityUpdate(),
                                                   leader: CrowdingTournamentLeaderSelection(), perturbation: PolynomialPerturbation()))
    }

    /// Registry entry `smpso` (alias `mopso`; `--population` sets the swarm and archive size).
    public static var registration: RegisteredAlgorithm {
        RegisteredAlgorithm(name: "smpso", aliases: ["mopso"],
                            summary: "SMPSO multi-objective particle swarm (Nebro et al. 2009)",
                            paper: "Nebro, Durillo, García-Nieto, Coello Coello, Luna & Alba, IEEE MCDM 2009, doi:10.1109/MCDM.2009.4938830") { settings, _ in
            AnyOptimizer(try SMPSO(swarmSize: settings.populationSize ?? 100))
        }
    }
}
