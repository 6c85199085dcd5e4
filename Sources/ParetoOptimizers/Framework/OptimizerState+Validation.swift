import NumericCore

/// Consistency checks of a state read from a checkpoint, so a corrupt or hand-edited file is a
/// clear ``OptimizerError/checkpoint(_:)`` and never a trap, a hang or a silently wrong run.
///
/// The driver calls ``OptimizerState/validate(for:)`` after decoding and before resuming. The
/// default checks the population and the front (shapes, finite decisions inside the problem's
/// bounds, no NaN objective, non-negative violations); each algorithm adds the checks of its own
/// fields (array lengths, indices in range).
extension OptimizerState {
    /// Checks the population and the front against `problem`.
    /// - Throws: `OptimizerError.checkpoint` naming the first inconsistency.
    public func validate(for problem: any Problem) throws {
        try population.validate(for: problem, name: "population")
        try front.validate(for: problem, name: "front")
    }
}

extension Population {
    /// Checks shapes and values against `problem` (see ``OptimizerState/validate(for:)``).
    /// - Complexity: O(N·(n + M)).
    func validate(for problem: any Problem, name: String) throws {
        let n = problem.variableCount, m = problem.objectiveCount
        guard decisions.columns == n, objectives.columns == m, objectives.rows == count, violations.count == count else {
            throw OptimizerError.checkpoint("\(name) has \(decisions.columns) variables and \(objectives.columns) objectives; the problem has \(n) and \(m)")
        }
        let lower = problem.lowerBounds, upper = problem.upperBounds
        for i in 0..<count {
            for j in 0..<n {
                let x = decisions[i, j]
                guard x.isFinite, j >= lower.count || (x >= lower[j] && x <= upper[j]) else {
                    throw OptimizerError.checkpoint("\(name) row \(i + 1), variable \(j + 1) is \(x), outside the bounds")
                }
            }
            for j in 0..<m where objectives[i, j].isNaN {
                throw OptimizerError.checkpoint("\(name) row \(i + 1), objective \(j + 1) is NaN")
            }
            guard violations[i] >= 0 else {
                throw OptimizerError.checkpoint("\(name) row \(i + 1) has constraint violation \(violations[i]); violations are ≥ 0")
            }
        }
    }
}

/// Checks shared by the algorithm states: their stored bounds equal the problem's.
func validateBounds(lower: [Double], upper: [Double], for problem: any Problem) throws {
    guard lower == problem.lowerBounds, upper == problem.upperBounds else {
        throw OptimizerError.checkpoint("stored variable bounds differ from those of \(problem.name)")
    }
}

extension NSGA2.State {
    public func validate(for problem: any Problem) throws {
        try population.validate(for: problem, name: "population")
        try validateBounds(lower: lower, upper: upper, for: problem)
        guard ranks.count == population.count, crowding.count == population.count else {
            throw OptimizerError.checkpoint("\(population.count) members but \(ranks.count) ranks and \(crowding.count) crowding distances")
        }
        if let bad = ranks.firstIndex(where: { $0 < 0 || $0 >= Swift.max(1, population.count) }) {
            throw OptimizerError.checkpoint("rank of member \(bad + 1) is \(ranks[bad]); ranks lie in 0..<\(population.count)")
        }
        if let bad = crowding.firstIndex(where: { $0.isNaN || $0 < 0 }) {
            throw OptimizerError.checkpoint("crowding distance of member \(bad + 1) is \(crowding[bad]); distances are ≥ 0")
        }
    }
}

extension SMPSO.State {
    public func validate(for problem: any Problem) throws {
        try population.validate(for: problem, name: "swarm")
        try personalBests.validate(for: problem, name: "personal bests")
        try archive.validate(for: problem, name: "archive")
        try validateBounds(lower: lower, upper: upper, for: problem)
        guard personalBests.count == population.count, velocities.count == population.count * problem.variableCount else {
            throw OptimizerError.checkpoint("\(population.count) particles but \(personalBests.count) personal bests and \(velocities.count) velocity values")
        }
        if let bad = velocities.firstIndex(where: { !$0.isFinite }) {
            throw OptimizerError.checkpoint("velocity value \(bad + 1) is \(velocities[bad])")
        }
    }
}

extension RandomSearch.State {
    public func validate(for problem: any Problem) throws {
        try population.validate(for: problem, name: "batch")
        try archive.validate(for: problem, name: "archive")
        try validateBounds(lower: lower, upper: upper, for: problem)
    }
}

extension WeightedSum.State {
    public func validate(for problem: any Problem) throws {
        try population.validate(for: problem, name: "solutions")
        try archive.validate(for: problem, name: "archive")
        let m = problem.objectiveCount
        guard !weights.isEmpty, weights.allSatisfy({ $0.count == m && $0.allSatisfy { $0.isFinite && $0 >= 0 } }) else {
            throw OptimizerError.checkpoint("weight vectors must be non-empty, with \(m) finite non-negative values each")
        }
        guard reference.count == m, reference.allSatisfy(\.isFinite) else {
            throw OptimizerError.checkpoint("reference point must have \(m) finite values")
        }
        guard next >= 0, next < weights.count, round >= 0 else {
            throw OptimizerError.checkpoint("next weight index \(next) (round \(round)) outside 0..<\(weights.count)")
        }
    }
}

extension GridSearch.State {
    public func validate(for problem: any Problem) throws {
        try population.validate(for: problem, name: "batch")
        try archive.validate(for: problem, name: "archive")
        guard dimensions.count == problem.variableCount else {
            throw OptimizerError.checkpoint("\(dimensions.count) grid dimensions for \(problem.variableCount) variables")
        }
        let grid: DecisionGrid
        do { grid = try DecisionGrid(dimensions) } catch { throw OptimizerError.checkpoint("grid: \(error)") }
        guard grid.size == gridSize, next >= 0, next <= gridSize else {
            throw OptimizerError.checkpoint("grid position \(next) of \(gridSize) points does not match the grid of \(grid.size) points")
        }
    }
}

extension MGDA.State {
    public func validate(for problem: any Problem) throws {
        try population.validate(for: problem, name: "end points")
        try archive.validate(for: problem, name: "archive")
        guard stationarity.count == population.count, converged.count == population.count else {
            throw OptimizerError.checkpoint("\(population.count) end points but \(stationarity.count) stationarity values and \(converged.count) flags")
        }
        if let bad = stationarity.firstIndex(where: { $0.isNaN || $0 < 0 }) {
            throw OptimizerError.checkpoint("stationarity of end point \(bad + 1) is \(stationarity[bad])")
        }
    }
}
