import Foundation
import Testing
@testable import Recommender

/// The scenario builders on the hand-written fixtures; every expected value is worked out from the
/// fixture rows (see `Fixtures/README.md`). `DataScenarioTests` repeats them on the real samples.
@Suite struct DataFixtureScenarioTests {
    /// Items each fixture user touched in any behaviour (lines 1–19; line 20 is rejected).
    static let touched: [Int64: Set<Int64>] = [1: [10, 11, 12, 13], 2: [10, 11, 14, 15, 16], 3: [10, 17, 18, 19, 20, 21]]

    @Test func taobaoFixtureScenarioSplitsLeaveLastOutAndSamplesUntouchedNegatives() throws {
        let options = RealScenarioOptions(negativesPerPositive: 2, seed: 1)
        let d = try EcommerceDataset.taobao(path: try fixture("taobao_userbehavior_small.csv"), options: options)
        #expect(!d.isSimulated && d.loadReport?.rowsAccepted == 19 && d.loadReport?.malformedRows == 1)
        #expect(d.layout.objectives.map(\.name) == ["click", "purchase"])
        #expect(d.layout.userCategoricalNames == ["user_id"] && d.layout.itemCategoricalNames == ["item_id", "category_id"])
        // Viewed pairs by first view: user 1 → 10, 11, 12, 13; user 2 → 10, 14, 11, 15, 16 (its second view of
        // 10 keeps the first time); user 3 → 10, 17, 18, 19. Last → test, one before → validation.
        func positives(_ t: ExampleTable) -> [Int64: [Int64]] {
            var out = [Int64: [Int64]]()
            for r in 0..<t.count where t.labelColumn(0)[r] == 1 { out[t.userKeys[r], default: []].append(t.itemKeys[r]) }
            return out.mapValues { $0.sorted() }
        }
        #expect(positives(d.test) == [1: [13], 2: [16], 3: [19]])
        #expect(positives(d.validation) == [1: [12], 2: [15], 3: [18]])
        #expect(positives(d.train) == [1: [10, 11], 2: [10, 11, 14], 3: [10, 17]])
        for t in [d.train, d.validation, d.test] {
            #expect(t.layout == d.layout)
            let click = t.labelColumn(0), buy = t.labelColumn(1)
            #expect(t.count == click.filter { $0 == 1 }.count * 3)  // 2 negatives per positive
            for r in 0..<t.count where click[r] == 0 {
                let user = t.userKeys[r], item = t.itemKeys[r]
                #expect((10...21).contains(item), "negative item \(item) is not a logged item")
                #expect(!(Self.touched[user] ?? []).contains(item), "user \(user) touched negative item \(item)")
                #expect(buy[r] == 0)
            }
        }
        // Purchase: only user 1's view of item 11 (line 2) is followed by a buy of the pair (line 3).
        // User 3's buy of item 21 has no view and makes no positive.
        let purchases = (0..<d.train.count).filter { d.train.labelColumn(1)[$0] == 1 }.map { (d.train.userKeys[$0], d.train.itemKeys[$0]) }
        #expect(purchases.count == 1 && purchases.first! == (1, 11))
        #expect(!d.validation.labelColumn(1).contains(1) && !d.test.labelColumn(1).contains(1))
        let again = try EcommerceDataset.taobao(path: try fixture("taobao_userbehavior_small.csv"), options: options)
        #expect(again.train == d.train && again.test == d.test)
    }

    /// Regression for the item-popularity label leak. Training positives per item: 10 → 3 (users 1, 2,
    /// 3), 11 → 2, 14 → 1, 17 → 1, every other item 0. A training positive's raw popularity leaves its
    /// own occurrence out (10 → 2, 11 → 1, 14 → 0, 17 → 0); any other row uses the item's full
    /// training count. The encoded feature must be one increasing function of that raw count on all
    /// three splits — with the leak, the training positive of item 14 would share the encoded value
    /// of count 1 while the held-out positives of never-trained items (13, 16, 19) carry count 0.
    @Test func taobaoFixturePopularityFeatureLeavesTheRowsOwnOccurrenceOut() throws {
        let d = try EcommerceDataset.taobao(path: try fixture("taobao_userbehavior_small.csv"),
                                            options: RealScenarioOptions(negativesPerPositive: 2, seed: 1))
        let column = try #require(d.layout.itemDenseNames.firstIndex(of: "item_popularity"))
        let trainCount: [Int64: Int] = [10: 3, 11: 2, 14: 1, 17: 1]
        var encodedByRaw = [Int: Set<Float>]()
        for (t, isTrain) in [(d.train, true), (d.validation, false), (d.test, false)] {
            let width = t.layout.itemDenseCount
            for r in 0..<t.count {
                let own = isTrain && t.labelColumn(0)[r] == 1 ? 1 : 0
                let raw = (trainCount[t.itemKeys[r]] ?? 0) - own
                encodedByRaw[raw, default: []].insert(t.itemDense[r * width + column])
            }
        }
        #expect(encodedByRaw.values.allSatisfy { $0.count == 1 }, "\(encodedByRaw)")
        #expect(encodedByRaw[0] != nil && encodedByRaw[2] != nil)
        let ordered = encodedByRaw.sorted { $0.key < $1.key }.compactMap(\.value.first)
        #expect(zip(ordered, ordered.dropFirst()).allSatisfy { $0.0 < $0.1 })
    }

    @Test func lastFMFixtureScenarioLabelsRepeatListeningOnPositivesOnly() throws {
        let path = try fixture("lastfm_user_artists_small.dat")
        let d = try MusicDataset.lastFM(path: path, options: RealScenarioOptions(negativesPerPositive: 1, split: .random(validation: 0.1, test: 0.1, seed: 2), minUserCount: 1))
        #expect(d.layout.objectives.map(\.name) == ["depth", "repeat"])
        let all = [d.train, d.validation, d.test]
        #expect(all.map(\.count).reduce(0, +) == 2 * 11)
        #expect(d.validation.count == 2 && d.test.count == 2)  // ⌊11 · 0.1⌋ = 1 positive each, plus its negative
        // Medians: user 2 → (11690 + 11351)/2, user 3 → 89, user 4 → (300 + 77)/2. Counts strictly above:
        // (2, 51), (2, 52), (3, 51), (4, 52), (4, 57).
        let expected: Set<[Int64]> = [[2, 51], [2, 52], [3, 51], [4, 52], [4, 57]]
        var repeats = Set<[Int64]>()
        for t in all {
            for r in 0..<t.count where t.labelColumn(1)[r] == 1 {
                #expect(t.labelColumn(0)[r] == 1)
                repeats.insert([t.userKeys[r], t.itemKeys[r]])
            }
        }
        #expect(repeats == expected)
        #expect(throws: DataError.self) { _ = try MusicDataset.lastFM(path: path, options: RealScenarioOptions(split: .leaveLastOut)) }
    }

    @Test func audioscrobblerFixtureBuildsTheMusicScenario() throws {
        let d = try MusicDataset.audioscrobbler(path: try fixture("audioscrobbler_user_artist_small.txt"),
                                                options: RealScenarioOptions(negativesPerPositive: 1, split: .random(validation: 0.2, test: 0.2, seed: 3), minUserCount: 1))
        // 5 positives: ⌊5 · 0.2⌋ = 1 each for validation and test. User 1059637 touched 2 of the 4 artists,
        // user 1000002 three: each positive finds a negative.
        #expect(d.validation.count == 2 && d.test.count == 2 && d.train.count == 6)
        // Medians: 1059637 → (238 + 1)/2, 1000002 → 33; repeat = (1059637, 1000010), (1000002, 1).
        let repeats = [d.train, d.validation, d.test].flatMap { t in
            (0..<t.count).filter { t.labelColumn(1)[$0] == 1 }.map { [t.userKeys[$0], t.itemKeys[$0]] }
        }
        #expect(Set(repeats) == [[1_059_637, 1_000_010], [1_000_002, 1]])
    }

    @Test func kuaiRandFixtureVideosWithSimulatedUsersSayWhatIsSimulated() throws {
        let d = try VideoDataset.kuaiRandSimulated(videoFeaturesPath: try fixture("kuairand_video_features_small.csv"), users: 20, rows: 400, seed: 5)
        #expect(d.isSimulated)
        #expect(d.notes.contains { $0.contains("users and responses (depth, watch_time) are SIMULATED") })
        #expect(d.layout.itemDenseNames.contains("log_duration") && d.layout.itemDenseNames.contains("log_duration#missing"))
        let ids: Set<Int64> = [0, 1, 2, 5, 7, 9]
        #expect([d.train, d.validation, d.test].allSatisfy { $0.itemKeys.allSatisfy(ids.contains) })
    }
}
