import NumericCore
import ParetoCore

/// NSGA-II's environmental selection: keep whole non-domination fronts (constraint domination when
/// any row is infeasible) while they fit, then the most crowding-distant members of the first
/// front that does not fit.
///
/// Deb, Pratap, Agarwal & Meyarivan, "A fast and elitist multiobjective genetic algorithm:
/// NSGA-II", IEEE TEVC 6(2), 2002, doi:10.1109/4235.996017, §III-B–C.
///
/// Two feasible objectives take ParetoCore's ``TwoObjectiveRankAndCrowding`` (one sort for ranks
/// and every front's crowding); any other case ranks with `nondominatedRanks` and crowds each front
/// with `crowdingDistances(of:subset:)`. Both give the same survivors in the same order.
public enum RankAndCrowdingSurvival {
    /// The survivors of `population` (at most `count`), with their ranks and crowding distances
    /// (computed within each front), in the order fronts were taken: a whole front in ascending
    /// row order, the truncated front by decreasing distance (ties by row). A front of at most two
    /// rows is all boundary (infinite distances).
    /// - Complexity: the non-dominated sort plus O(M·N log N) crowding.
    public static func select(_ population: Population, count: Int) -> (indices: [Int], ranks: [Int], crowding: [Double]) {
        var workspace = TwoObjectiveRankAndCrowding()
        return select(objectives: population.objectives, violations: population.violations, count: count, workspace: &workspace)
    }

    /// The survivors among rows with `objectives` and total `violations`, as
    /// ``select(_:count:)``; `workspace` holds the buffers of the two-objective path between calls.
    /// - Precondition: `violations.count == objectives.rows`.
    public static func select(objectives: Matrix<Double>, violations: [Double], count: Int,
                              workspace: inout TwoObjectiveRankAndCrowding) -> (indices: [Int], ranks: [Int], crowding: [Double]) {
        let n = objectives.rows
        guard n > 0, count > 0 else { return ([], [], []) }
        let feasible = !violations.contains { $0 > 0 }
        if objectives.columns == 2 && feasible {
            return selectTwoObjectives(objectives, count: count, workspace: &workspace)
        }
        let ranks = feasible ? nondominatedRanks(of: objectives) : nondominatedRanks(of: objectives, violations: violations)
        let frontCount = (ranks.max() ?? -1) + 1
        var fronts = [[Int]](repeating: [], count: frontCount)
        for i in 0..<n { fronts[ranks[i]].append(i) }
        var indices = [Int](), outRanks = [Int](), outCrowding = [Double]()
        indices.reserveCapacity(count)
        for (rank, front) in fronts.enumerated() where indices.count < count {
            let distances = front.count <= 2
                ? [Double](repeating: .infinity, count: front.count)
                : crowdingDistances(of: objectives, subset: front)
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

    /// The two-objective, all-feasible case over ``TwoObjectiveRankAndCrowding``.
    private static func selectTwoObjectives(_ objectives: Matrix<Double>, count: Int,
                                            workspace: inout TwoObjectiveRankAndCrowding) -> (indices: [Int], ranks: [Int], crowding: [Double]) {
        workspace.assign(objectives)
        let target = min(count, objectives.rows)
        var indices = [Int](), outRanks = [Int](), outCrowding = [Double]()
        indices.reserveCapacity(target)
        outRanks.reserveCapacity(target)
        outCrowding.reserveCapacity(target)
        let crowding = workspace.crowding
        for rank in 0..<workspace.frontCount where indices.count < count {
            let front = workspace.frontMembers(rank)
            let boundaryOnly = front.count <= 2
            if indices.count + front.count <= count {
                for row in front {
                    indices.append(row)
                    outRanks.append(rank)
                    outCrowding.append(boundaryOnly ? .infinity : crowding[row])
                }
                continue
            }
            // Largest distance first; ties by row (a front lists its rows ascending).
            var members = Array(front)
            if !boundaryOnly { sortByDecreasingDistance(&members, crowding) }
            for row in members.prefix(count - indices.count) {
                indices.append(row)
                outRanks.append(rank)
                outCrowding.append(boundaryOnly ? .infinity : crowding[row])
            }
        }
        return (indices, outRanks, outCrowding)
    }

    /// Sorts `rows` by decreasing `distance[row]`, keeping the given order among equal distances:
    /// `stableIndexSort` (insertion-sorted runs of 8) with the key comparison inlined.
    /// - Complexity: O(K log K) for K rows, one scratch buffer.
    static func sortByDecreasingDistance(_ rows: inout [Int], _ distance: [Double]) {
        let k = rows.count
        guard k > 1 else { return }
        var scratch = [Int](repeating: 0, count: k)
        distance.withUnsafeBufferPointer { d in
            rows.withUnsafeMutableBufferPointer { rb in
                scratch.withUnsafeMutableBufferPointer { sb in
                    stableIndexSort(rb.baseAddress!, count: k, scratch: sb.baseAddress!, run: 8,
                                    by: DecreasingDistance(distance: d.baseAddress!))
                }
            }
        }
    }
}

/// Rows by decreasing crowding distance (`stableIndexSort` keeps equal distances in input order).
private struct DecreasingDistance: RowOrder {
    let distance: UnsafePointer<Double>
    @inline(__always) func precedes(_ row: Int, _ other: Int) -> Bool { distance[row] > distance[other] }
}
