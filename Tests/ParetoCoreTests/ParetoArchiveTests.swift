import Foundation
import NumericCore
import Testing
@testable import ParetoCore

@Suite struct ParetoArchiveTests {
    @Test func rejectsDominatedAndDuplicateVectors() {
        var archive = ParetoArchive<String>(capacity: 10, objectiveCount: 2)
        do { let accepted = archive.insert([1, 1], payload: "a"); #expect(accepted) }
        do { let accepted = archive.insert([2, 2], payload: "dominated"); #expect(!accepted) }
        do { let accepted = archive.insert([1, 1], payload: "duplicate"); #expect(!accepted) }
        do { let accepted = archive.insert([1, 2], payload: "weakly dominated"); #expect(!accepted) }
        #expect(archive.payloads == ["a"])
        #expect(archive.checkInvariants())
    }

    @Test func removesMembersTheNewVectorDominates() {
        var archive = ParetoArchive<Int>(capacity: 10, objectiveCount: 2)
        archive.insert([0, 5], payload: 0)
        archive.insert([2, 2], payload: 1)
        archive.insert([5, 0], payload: 2)
        do { let accepted = archive.insert([1, 1], payload: 3); #expect(accepted) }  // dominates (2,2) only
        #expect(archive.payloads == [0, 2, 3])
        #expect(archive.objectives == points([[0, 5], [5, 0], [1, 1]]))
        #expect(archive.count == 3)
    }

    @Test func truncatesTheMostCrowdedMember() {
        var archive = ParetoArchive<Int>(capacity: 3, objectiveCount: 2)
        for (i, v) in [[0.0, 4], [1, 3], [3, 1]].enumerated() { let accepted = archive.insert(v, payload: i); #expect(accepted) }
        // Four members: (1,3) and (3,1) both have distance 3/4 + 3/4; the tie removes the newer (3,1).
        do { let accepted = archive.insert([4, 0], payload: 3); #expect(accepted) }
        #expect(archive.payloads == [0, 1, 3])
        // (2,2) joins: (1,3) has 2/4 + 2/4 = 1.0 < (2,2)'s 3/4 + 3/4, so (1,3) goes.
        do { let accepted = archive.insert([2, 2], payload: 4); #expect(accepted) }
        #expect(archive.payloads == [0, 3, 4])
        #expect(archive.checkInvariants())
    }

    @Test func newcomerThatIsMostCrowdedIsNotKept() {
        var archive = ParetoArchive<Int>(capacity: 2, objectiveCount: 2)
        archive.insert([0, 1], payload: 0)
        archive.insert([1, 0], payload: 1)
        do { let accepted = archive.insert([0.5, 0.5], payload: 2); #expect(!accepted) }  // interior: finite distance, boundaries infinite
        #expect(archive.payloads == [0, 1])
    }

    @Test func rejectsNonFiniteAndWrongLength() {
        var archive = ParetoArchive<Int>(capacity: 4, objectiveCount: 2)
        do { let accepted = archive.insert([.nan, 0], payload: 0); #expect(!accepted) }
        do { let accepted = archive.insert([.infinity, 0], payload: 0); #expect(!accepted) }
        do { let accepted = archive.insert([1, 2, 3], payload: 0); #expect(!accepted) }
        #expect(archive.isEmpty)
    }

    @Test func codableRoundTripAndCorruptCheckpointRejected() throws {
        var archive = ParetoArchive<[Double]>(capacity: 5, objectiveCount: 2)
        archive.insert([0, 3], payload: [0.1])
        archive.insert([1, 1], payload: [0.2, 0.3])
        let data = try JSONEncoder().encode(archive)
        let decoded = try JSONDecoder().decode(ParetoArchive<[Double]>.self, from: data)
        #expect(decoded == archive)
        let corrupt = #"{"capacity":5,"objectiveCount":2,"members":[{"objectives":[0,0],"payload":1},{"objectives":[1,1],"payload":2}]}"#
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(ParetoArchive<Int>.self, from: Data(corrupt.utf8))
        }
        let overfull = #"{"capacity":1,"objectiveCount":2,"members":[{"objectives":[0,1],"payload":1},{"objectives":[1,0],"payload":2}]}"#
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(ParetoArchive<Int>.self, from: Data(overfull.utf8))
        }
    }
}
