import NumericCore
import ParetoCore

/// NSGA-II's environmental selection: keep whole non-domination fronts (constraint domination when
/// any row is infeasible) while they fit, then the most crowding-distant members of the first
/// front that does not fit.
///
/// Deb, Pratap, Agarwal & Meyarivan, "A fast and elitist multiobjective genetic algorithm:
/// NSGA-II", IEEE TEVC 6(2), 2002, doi:10.1109/4235.996017, §III-B–C.
public enum RankAndCrowdingSurvival {
    /// The survivors of `population` (at most `count`), with their ranks and crowding distances
    /// (computed within each front), in the order fronts were taken.
    /// - Complexity: the non-dominated sort plus O(M·N log N) crowding.
    public static func select(_ population: Population, count: Int) -> (indices: [Int], ranks: [Int], crowding: [Double]) {
        let n = population.count
        guard n > 0, count > 0 else { return ([], [], []) }
        let ranks = population.hasViolations
            ? nondominatedRanks(of: population.objectives, violations: population.violations)
            : nondominatedRanks(of: population.objectives)
        let frontCount = (ranks.max() ?? -1) + 1
        var fronts = [[Int]](repeating: [], count: frontCount)
        for i in 0..<n { fronts[ranks[i]].append(i) }
        var indices = [Int](), outRanks = [Int](), outCrowding = [Double]()
        indices.reserveCapacity(count)
        for (rank, front) in fronts.enumerated() where indices.count < count {
            let distances = front.count <= 2
                ? [Double](repeating: .infinity, count: front.count)
                : crowdingDistances(of: population.objectives, subset: front)
            var members = Array(front.indices)
            if indices.count + front.count > count {
                // Largest distance first; ties by position for determinism.
                members.sort { distances[$0] != distances[$1] ? distances[$0] > distances[$1] : $0 < $1 }
                members = Array(members.prefix(count - indices.count))
            }
            for k in members {
                indices.append(front[k])
                outRanks.append(rank)
                outCrowding.append(distances[k])
            }
        }
        return (indices, outRanks, outCrowding)
    }
}
