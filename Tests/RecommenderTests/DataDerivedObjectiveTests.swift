import Foundation
import Testing
@testable import Recommender

@Suite struct DataDerivedObjectiveTests {
    @Test func purchaseAfterViewNeedsABuyOfTheSamePairAtOrAfterTheView() {
        // user, item, behavior, time
        let users: [Int64] = [1, 1, 1, 1, 2, 2, 1]
        let items: [Int64] = [10, 10, 11, 12, 10, 10, 12]
        let behaviors: [TaobaoBehavior] = [.pv, .buy, .pv, .pv, .buy, .pv, .buy]
        let times: [Int64] = [100, 200, 150, 300, 50, 60, 250]
        let y = DerivedObjectives.purchaseAfterView(users: users, items: items, behaviors: behaviors, timestamps: times)
        // row 0: (1,10) pv at 100, bought at 200 → 1; row 1 is the buy → 0; row 2: (1,11) never bought → 0;
        // row 3: (1,12) pv at 300, bought at 250 (before the view) → 0; row 5: (2,10) pv at 60 after the buy at 50 → 0.
        #expect(y == [1, 0, 0, 0, 0, 0, 0])
    }

    @Test func repurchaseMarksEveryBuyButThePairsLast() {
        let users: [Int64] = [1, 1, 1, 2, 1]
        let items: [Int64] = [10, 10, 11, 10, 10]
        let behaviors: [TaobaoBehavior] = [.buy, .buy, .buy, .buy, .pv]
        let times: [Int64] = [300, 100, 200, 100, 400]
        let y = DerivedObjectives.repurchase(users: users, items: items, behaviors: behaviors, timestamps: times)
        // (1,10) bought at 100 (row 1) and again at 300 (row 0): row 1 → 1, row 0 → 0. Others bought once.
        #expect(y == [0, 1, 0, 0, 0])
    }

    @Test func sessionsSplitOnGapsLongerThanThirtyMinutes() {
        let users: [Int64] = [1, 1, 1, 1, 2, 2]
        let times: [Int64] = [0, 1800, 3601, 1000, 0, 5000]
        // User 1 sorted: 0, 1000, 1800 (gaps ≤ 1800: one session), 3601 (gap 1801: new session).
        let s = DerivedObjectives.sessions(users: users, timestamps: times, gap: 1800)
        #expect(s.depthAfter == [2, 0, 0, 1, 0, 0])
        #expect(s.continues == [1, 0, 0, 1, 0, 0])
        #expect(s.sessionIDs == [0, 0, 1, 0, 2, 3])
    }

    @Test func repeatListeningIsAboveTheUsersMedian() {
        let users: [Int64] = [1, 1, 1, 2, 2, 2, 2]
        let counts: [Double] = [5, 1, 3, 10, 20, 30, 40]
        // User 1 median 3 → only 5 is above; user 2 median (20 + 30) / 2 = 25 → 30 and 40.
        #expect(DerivedObjectives.repeatListening(users: users, counts: counts) == [1, 0, 0, 0, 0, 1, 1])
    }

    @Test func watchRatioAndLongViewFollowKuaiRandsDefinitions() {
        #expect(DerivedObjectives.watchRatio(playTimeMs: 5_000, durationMs: 20_000) == 0.25)
        #expect(DerivedObjectives.watchRatio(playTimeMs: 50_000, durationMs: 20_000, cap: 2) == 2)
        #expect(DerivedObjectives.watchRatio(playTimeMs: 1, durationMs: 0).isNaN)
        #expect(DerivedObjectives.longView(playTimeMs: 10_000, durationMs: 10_000))  // short video watched to the end
        #expect(!DerivedObjectives.longView(playTimeMs: 9_999, durationMs: 10_000))
        #expect(DerivedObjectives.longView(playTimeMs: 18_000, durationMs: 60_000))  // long video: 18 s suffice
        #expect(!DerivedObjectives.longView(playTimeMs: 17_999, durationMs: 60_000))
    }

    @Test func kuaiRandLogScenarioDerivesDepthAndWatchTime() throws {
        let data = try VideoDataset.kuaiRandLog(path: try fixture("kuairand_log_small.csv"), split: .random(validation: 0.2, test: 0.2, seed: 3))
        #expect(!data.isSimulated)
        #expect(data.layout.objectives.map(\.kind) == [.binary, .continuous])
        // Rows (line 6 is rejected): u0 v101 at t, u0 v102 at t + 1 min, u0 v103 at t + 100 min (new session),
        // u1 v101, u1 v105 two minutes later. depth = continues the session; watch_time = log1p(play s).
        var got = [String: [Float]]()
        for t in [data.train, data.validation, data.test] {
            for i in 0..<t.count { got["\(t.userKeys[i])/\(t.itemKeys[i])"] = [t.labels[2 * i], t.labels[2 * i + 1]] }
        }
        let expected: [String: [Float]] = ["0/101": [1, Float(log(21.0))], "0/102": [0, Float(log(4.0))], "0/103": [0, Float(log(13.0))],
                                           "1/101": [1, Float(log(10.0))], "1/105": [0, Float(log(19.0))]]
        #expect(got.keys.sorted() == expected.keys.sorted())
        for (k, v) in expected {
            #expect(got[k]?[0] == v[0], "depth \(k)")
            #expect(abs((got[k]?[1] ?? -1) - v[1]) < 1e-5, "watch_time \(k)")
        }
    }
}
