import NumericCore
import ParetoCore

/// Binary tournament selection on (constraint violation, rank, crowding distance).
///
/// The crowded-comparison operator of Deb, Pratap, Agarwal & Meyarivan 2002 (doi:10.1109/4235.996017)
/// with constraint domination: smaller total violation wins, then lower non-domination rank, then
/// larger crowding distance, then a fair coin. Competitors are drawn from consecutive random
/// permutations of the population (as pymoo), so every individual competes equally often.
public enum BinaryTournament {
    /// What decides between two feasible competitors before crowding distance.
    public enum Mode: String, Codable, Sendable {
        /// Lower non-domination rank wins (Deb et al. 2002's crowded-comparison operator).
        case rankAndCrowding
        /// The dominating one wins; mutually non-dominated ones go to crowding (pymoo's NSGA-II default).
        case dominanceAndCrowding
    }

    /// `count` winners' indices.
    /// - Complexity: O(count + N) time, O(N) memory for the permutation.
    public static func select(count: Int, mode: Mode = .rankAndCrowding, objectives: Matrix<Double>? = nil,
                              ranks: [Int], crowding: [Double], violations: [Double],
                              rng: inout SeededGenerator) -> [Int] {
        let n = ranks.count
        guard n > 0 else { return [] }
        var permutation = Array(0..<n)
        var cursor = n
        func nextCompetitor() -> Int {
            if cursor >= n { shuffle(&permutation, &rng); cursor = 0 }
            defer { cursor += 1 }
            return permutation[cursor]
        }
        var winners = [Int]()
        winners.reserveCapacity(count)
        for _ in 0..<count {
            let a = nextCompetitor(), b = nextCompetitor()
            if mode == .dominanceAndCrowding, let objectives, violations[a] <= 0, violations[b] <= 0 {
                let m = objectives.columns
                let relation = objectives.withUnsafeBufferPointer { f in
                    Dominance.compare(UnsafeBufferPointer(rebasing: f[(a * m)..<((a + 1) * m)]),
                                      UnsafeBufferPointer(rebasing: f[(b * m)..<((b + 1) * m)]))
                }
                switch relation {
                case .dominates: winners.append(a)
                case .dominated: winners.append(b)
                case .equal, .incomparable:
                    winners.append(crowding[a] != crowding[b] ? (crowding[a] > crowding[b] ? a : b) : (rng.nextUniform() < 0.5 ? a : b))
                }
                continue
            }
            winners.append(winner(a, b, ranks, crowding, violations, &rng))
        }
        return winners
    }

    /// Fisher–Yates over `Int`s, drawing exactly as `SeededGenerator.shuffle` (same bits), but
    /// specialized: the generic library version cost 13 % of an NSGA-II generation in metadata
    /// lookups and unspecialized `swapAt`.
    @inline(__always)
    static func shuffle(_ array: inout [Int], _ rng: inout SeededGenerator) {
        guard array.count > 1 else { return }
        array.withUnsafeMutableBufferPointer { a in
            for i in stride(from: a.count - 1, to: 0, by: -1) {
                let j = rng.nextInt(below: i + 1)
                if i != j { a.swapAt(i, j) }
            }
        }
    }

    @inline(__always)
    static func winner(_ a: Int, _ b: Int, _ ranks: [Int], _ crowding: [Double], _ violations: [Double],
                       _ rng: inout SeededGenerator) -> Int {
        if violations[a] != violations[b] { return violations[a] < violations[b] ? a : b }
        if ranks[a] != ranks[b] { return ranks[a] < ranks[b] ? a : b }
        if crowding[a] != crowding[b] { return crowding[a] > crowding[b] ? a : b }
        return rng.nextUniform() < 0.5 ? a : b
    }
}
