import Testing
@testable import Recommender

@Suite struct DataSplitTests {
    @Test func randomSplitIsASeededPartition() throws {
        let a = try DatasetSplitter.split(count: 100, strategy: .random(validation: 0.1, test: 0.2, seed: 7))
        let b = try DatasetSplitter.split(count: 100, strategy: .random(validation: 0.1, test: 0.2, seed: 7))
        let c = try DatasetSplitter.split(count: 100, strategy: .random(validation: 0.1, test: 0.2, seed: 8))
        #expect(a == b && a != c)
        #expect(a.validation.count == 10 && a.test.count == 20 && a.train.count == 70)
        #expect((a.train + a.validation + a.test).sorted() == Array(0..<100))
    }

    @Test func temporalSplitCutsAtQuantiles() throws {
        // Times 1…10: the 0.7 quantile is 7.3 and the 0.9 quantile 9.1 (type 7).
        let ts: [Int64] = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
        let s = try DatasetSplitter.split(count: 10, timestamps: ts, strategy: .temporal(validation: 0.2, test: 0.1))
        #expect(s.train == [3, 4, 5, 6, 7, 8, 9])  // times 7…1
        #expect(s.validation == [1, 2])  // times 9, 8
        #expect(s.test == [0])  // time 10
    }

    @Test func leaveLastOutHoldsOutEachUsersLastTwoEvents() throws {
        let users: [Int64] = [1, 1, 1, 1, 2, 2, 2, 3]
        let ts: [Int64] = [40, 10, 30, 20, 5, 7, 6, 1]
        let s = try DatasetSplitter.split(count: 8, users: users, timestamps: ts, strategy: .leaveLastOut)
        #expect(s.test == [0, 5])  // user 1 at time 40, user 2 at time 7
        #expect(s.validation == [2, 6])  // user 1 at 30, user 2 at 6
        #expect(s.train == [1, 3, 4, 7])  // user 3 has one event: train only
    }

    @Test func emptySplitsAndBadFractionsAreErrors() {
        #expect(throws: DataError.emptySplit(name: "test")) {
            _ = try DatasetSplitter.split(count: 5, strategy: .random(validation: 0.2, test: 0.1, seed: 1))
        }
        #expect(throws: DataError.self) { _ = try DatasetSplitter.split(count: 5, strategy: .random(validation: 0.6, test: 0.5, seed: 1)) }
        #expect(throws: DataError.self) { _ = try DatasetSplitter.split(count: 5, strategy: .leaveLastOut) }
    }

    @Test func negativeSamplingIsSeededAndAvoidsTheUsersItems() throws {
        let users: [Int64] = [1, 1, 2]
        let items: [Int64] = [10, 11, 10]
        let pool: [Int64] = Array(10...30)
        let a = try NegativeSampler.sample(positiveUsers: users, positiveItems: items, interactions: (users, items), candidates: pool,
                                           perPositive: 3, seed: 5)
        let b = try NegativeSampler.sample(positiveUsers: users, positiveItems: items, interactions: (users, items), candidates: pool.reversed(),
                                           perPositive: 3, seed: 5)
        let c = try NegativeSampler.sample(positiveUsers: users, positiveItems: items, interactions: (users, items), candidates: pool,
                                           perPositive: 3, seed: 6)
        #expect(a == b && a != c)
        #expect(a.users.count == 9 && a.positiveIndex == [0, 0, 0, 1, 1, 1, 2, 2, 2])
        for k in a.users.indices {
            #expect(!(a.users[k] == 1 && [10, 11].contains(a.items[k])))
            #expect(!(a.users[k] == 2 && a.items[k] == 10))
        }
        // A user who touched every candidate gets no negative rather than a wrong one.
        let none = try NegativeSampler.sample(positiveUsers: [1], positiveItems: [10], interactions: ([1, 1], [10, 11]), candidates: [10, 11],
                                              perPositive: 2, seed: 1)
        #expect(none.users.isEmpty)
    }

    @Test func minimumCountsIterateToTheKCore() {
        // User 3 has one event (item 12). Dropping it leaves item 12 with one event from user 2.
        let users: [Int64] = [1, 1, 2, 2, 3]
        let items: [Int64] = [10, 11, 10, 12, 12]
        #expect(InteractionFilter.minimumCounts(users: users, items: items, minUserCount: 2, minItemCount: 2, iterate: false) == [0, 2, 3])
        // Iterated: item 11 (1 event) and item 12 go, then users 1 and 2 have one event each, then item 10 goes.
        #expect(InteractionFilter.minimumCounts(users: users, items: items, minUserCount: 2, minItemCount: 2, iterate: true) == [])
        #expect(InteractionFilter.minimumCounts(users: users, items: items, minUserCount: 1, minItemCount: 1) == [0, 1, 2, 3, 4])
    }
}
