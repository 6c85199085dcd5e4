import NumericCore

/// A bounded archive of mutually non-dominated objective vectors, each with a payload (e.g. the
/// decision vector), truncated by crowding distance when full — the leader archive of SMPSO
/// (Nebro et al., "SMPSO: A new PSO-based metaheuristic for multi-objective optimization",
/// IEEE MCDM 2009, doi:10.1109/MCDM.2009.4938830) and of other elitist algorithms.
///
/// Insertion rules (minimization):
/// - a vector dominated by or equal to a member is rejected;
/// - members the new vector dominates are removed;
/// - when the archive then holds more than `capacity` members, the member with the smallest crowding
///   distance (`crowdingDistances(of:)` over all members) is removed; among equal smallest distances
///   the most recently inserted one goes, so a new vector that ties loses to the incumbents.
/// - vectors with a NaN or infinite value, or of the wrong length, are rejected.
///
/// Members keep their insertion order. Invariants (`checkInvariants()`): no member dominates or
/// equals another, `count ≤ capacity`, every vector has `objectiveCount` finite values.
public struct ParetoArchive<Payload: Sendable>: Sendable {
    /// One archive entry.
    public struct Member: Sendable {
        /// The minimized objective vector.
        public let objectives: [Double]
        /// The caller's data attached to it.
        public let payload: Payload
    }

    /// The largest number of members kept.
    public let capacity: Int
    /// The length of every objective vector.
    public let objectiveCount: Int
    /// Members in insertion order.
    public private(set) var members: [Member] = []

    /// An empty archive. - Precondition: `capacity ≥ 1`, `objectiveCount ≥ 1`.
    public init(capacity: Int, objectiveCount: Int) {
        precondition(capacity >= 1, "ParetoArchive capacity must be at least 1")
        precondition(objectiveCount >= 1, "ParetoArchive needs at least one objective")
        self.capacity = capacity
        self.objectiveCount = objectiveCount
    }

    /// Number of members.
    public var count: Int { members.count }
    /// Whether the archive has no member.
    public var isEmpty: Bool { members.isEmpty }
    /// The members' objective vectors, one row per member in member order.
    public var objectives: Matrix<Double> {
        var storage: [Double] = []
        storage.reserveCapacity(members.count * objectiveCount)
        for member in members { storage.append(contentsOf: member.objectives) }
        // Cannot fail: every member has `objectiveCount` values (checked on insertion).
        return (try? Matrix(rows: members.count, columns: objectiveCount, storage: storage))
            ?? Matrix(rows: 0, columns: objectiveCount)
    }
    /// The members' payloads in member order.
    public var payloads: [Payload] { members.map(\.payload) }

    /// Offers a vector to the archive; returns whether it is a member afterwards.
    /// - Complexity: O(M K) for the dominance checks, plus O(M K log K) when truncating (K = count).
    @discardableResult
    public mutating func insert(_ objectives: [Double], payload: Payload) -> Bool {
        guard objectives.count == objectiveCount, objectives.allSatisfy(\.isFinite) else { return false }
        var dominatedMembers: [Int] = []
        for (index, member) in members.enumerated() {
            switch Dominance.compare(objectives, member.objectives) {
            case .dominated, .equal: return false
            case .dominates: dominatedMembers.append(index)
            case .incomparable: break
            }
        }
        for index in dominatedMembers.reversed() { members.remove(at: index) }
        members.append(Member(objectives: objectives, payload: payload))
        if members.count <= capacity { return true }
        let distances = crowdingDistances(of: self.objectives)
        var worst = 0
        for index in 1..<distances.count where distances[index] <= distances[worst] { worst = index }
        members.remove(at: worst)
        return worst != members.count
    }

    /// Removes every member.
    public mutating func removeAll() { members.removeAll() }

    /// Whether the archive invariants hold: `count ≤ capacity`, every vector has `objectiveCount`
    /// finite values, and no member dominates or equals another. - Complexity: O(M K²).
    public func checkInvariants() -> Bool {
        guard members.count <= capacity else { return false }
        for member in members where member.objectives.count != objectiveCount || !member.objectives.allSatisfy(\.isFinite) {
            return false
        }
        for i in members.indices {
            for j in (i + 1)..<max(i + 1, members.count)
            where Dominance.compare(members[i].objectives, members[j].objectives) != .incomparable {
                return false
            }
        }
        return true
    }
}

// MARK: - Codable (for checkpoints)

extension ParetoArchive: Codable where Payload: Codable {
    private enum CodingKeys: String, CodingKey { case capacity, objectiveCount, members }

    /// Decodes an archive and validates it: a checkpoint that breaks an invariant is rejected with
    /// `DecodingError.dataCorrupted` rather than trusted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        capacity = try container.decode(Int.self, forKey: .capacity)
        objectiveCount = try container.decode(Int.self, forKey: .objectiveCount)
        members = try container.decode([Member].self, forKey: .members)
        guard capacity >= 1, objectiveCount >= 1, checkInvariants() else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: container.codingPath,
                debugDescription: "archive violates its invariants (capacity, dimension, finiteness or mutual non-dominance)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capacity, forKey: .capacity)
        try container.encode(objectiveCount, forKey: .objectiveCount)
        try container.encode(members, forKey: .members)
    }
}

extension ParetoArchive.Member: Codable where Payload: Codable {}
extension ParetoArchive.Member: Equatable where Payload: Equatable {}
extension ParetoArchive: Equatable where Payload: Equatable {}
