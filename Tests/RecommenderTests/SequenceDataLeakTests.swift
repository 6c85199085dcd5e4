import Foundation
import Testing
@testable import Recommender

/// Behaviour histories never contain the example's own interaction, anything at or after its time,
/// or a validation / test behaviour; checked against an independent recomputation from the raw log.
@Suite struct SequenceDataLeakTests {
    /// The stored segment (user) that holds behaviour `i`.
    private func segmentUser(_ s: BehaviourSequences, _ i: Int) -> Int64 {
        var lo = 0, hi = s.segmentUsers.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if s.segmentStarts[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        return s.segmentUsers[lo]
    }

    /// Taobao: every window equals the last 50 events, recomputed from the raw log, of the user's
    /// training pairs (from the pair's first view on) strictly before the example's time; positives
    /// are timed by their pair's first view; no window holds the target item or a held-out pair.
    func checkTaobao(path: String) throws {
        var options = RealScenarioOptions()
        options.behaviourHistories = true
        let data = try EcommerceDataset.taobao(path: path, options: options)
        let (log, _) = try TaobaoLoader.load(path: path)
        guard let itemCode = data.encoder.categoricalEncoding(named: "item_id") else { Issue.record("no item_id"); return }
        struct Key: Hashable { let user: Int64, item: Int64 }
        var firstView = [Key: Int64]()
        for r in 0..<log.count where log.behaviors[r] == .pv {
            let k = Key(user: log.users[r], item: log.items[r])
            firstView[k] = min(firstView[k] ?? .max, log.timestamps[r])
        }
        func positives(_ t: ExampleTable) -> [Int] { (0..<t.count).filter { t.labels[$0 * 2] == 1 } }
        let trainPairs = Set(positives(data.train).map { Key(user: data.train.userKeys[$0], item: data.train.itemKeys[$0]) })
        var heldOut = Set<Key>()
        for t in [data.validation, data.test] { for n in positives(t) { heldOut.insert(Key(user: t.userKeys[n], item: t.itemKeys[n])) } }
        #expect(trainPairs.isDisjoint(with: heldOut))
        // Independent histories: per user, the log events of training pairs from the pair's first view on.
        var events = [Int64: [(time: Int64, row: Int)]]()
        for r in 0..<log.count {
            let k = Key(user: log.users[r], item: log.items[r])
            guard trainPairs.contains(k), let first = firstView[k], log.timestamps[r] >= first else { continue }
            events[log.users[r], default: []].append((log.timestamps[r], r))
        }
        for u in events.keys { events[u]!.sort { ($0.time, $0.row) < ($1.time, $1.row) } }
        let behaviourCode: [TaobaoBehavior: Int32] = [.pv: 1, .buy: 2, .cart: 3, .fav: 4]
        var failures: [String] = [], checked = 0, nonEmpty = 0
        let heldOutCodes = Set(heldOut.map { Key(user: $0.user, item: Int64(itemCode.encode($0.item))) })
        for (name, table) in [("train", data.train), ("validation", data.validation), ("test", data.test)] {
            guard let s = table.sequences else { Issue.record("\(name) has no sequences"); continue }
            #expect(s.exampleCount == table.count)
            for n in 0..<table.count {
                let user = table.userKeys[n], time = s.exampleTimes[n], target = itemCode.encode(table.itemKeys[n])
                if table.labels[n * 2] == 1, let first = firstView[Key(user: user, item: table.itemKeys[n])], first != time {
                    failures.append("\(name) \(n): positive timed \(time), its first view is \(first)")
                }
                let w = s.window(n, length: 50)
                if !w.isEmpty { nonEmpty += 1 }
                for i in w {
                    if s.times[i] >= time { failures.append("\(name) \(n): behaviour at \(s.times[i]) not before \(time)") }
                    if segmentUser(s, i) != user { failures.append("\(name) \(n): behaviour of another user") }
                    if s.items[i] == target { failures.append("\(name) \(n): the target item is in the history") }
                    if heldOutCodes.contains(Key(user: user, item: Int64(s.items[i]))) { failures.append("\(name) \(n): held-out pair in history") }
                }
                let all = events[user] ?? []
                var lo = 0, hi = all.count
                while lo < hi { let mid = (lo + hi) / 2; if all[mid].time < time { lo = mid + 1 } else { hi = mid } }
                let expected = all[max(0, lo - 50)..<lo]
                let got = Array(w)
                if expected.count != got.count {
                    failures.append("\(name) \(n): window of \(got.count), expected \(expected.count)")
                } else {
                    for (e, i) in zip(expected, got) where s.items[i] != itemCode.encode(log.items[e.row]) || s.times[i] != e.time
                        || s.behaviours[i] != behaviourCode[log.behaviors[e.row]] {
                        failures.append("\(name) \(n): behaviour differs from log row \(e.row)")
                    }
                }
                checked += 1
                if failures.count > 20 { break }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        #expect(checked == data.train.count + data.validation.count + data.test.count)
        #expect(nonEmpty > checked / 4, "too few examples have a history (\(nonEmpty) of \(checked))")
    }

    @Test func taobaoFixtureHistoriesHoldOnlyEarlierTrainingBehaviours() throws {
        try checkTaobao(path: try fixture("taobao_userbehavior_small.csv"))
    }

    @Test(.enabled(if: DataFiles.available))
    func taobaoSampleHistoriesHoldOnlyEarlierTrainingBehaviours() throws {
        try checkTaobao(path: DataFiles.taobao)
    }

    /// Synthetic: row r happens at time r. Every history behaviour is an earlier training row of the
    /// same user with a positive first objective (same item code), never a validation or test row.
    @Test func syntheticHistoriesHoldOnlyEarlierPositiveTrainingRows() throws {
        let data = try SyntheticScenario(kind: .ecommerce, users: 50, items: 40, rows: 3_000, seed: 7).generate()
        struct Row { let split: Int, user: Int64, itemCode: Int32, positive: Bool, second: Bool }
        var byTime = [Int64: Row]()
        let item = data.layout.itemCategoricalNames.firstIndex(of: "item_id")!, ic = data.layout.itemCategoricalCount
        for (k, t) in [data.train, data.validation, data.test].enumerated() {
            let s = try #require(t.sequences)
            for n in 0..<t.count {
                #expect(byTime[s.exampleTimes[n]] == nil, "two examples at one time")
                byTime[s.exampleTimes[n]] = Row(split: k, user: t.userKeys[n], itemCode: t.itemCategorical[n * ic + item],
                                                positive: t.labels[n * 2] == 1, second: t.labels[n * 2 + 1] == 1)
            }
        }
        var failures: [String] = [], nonEmpty = 0
        for (k, t) in [data.train, data.validation, data.test].enumerated() {
            let s = try #require(t.sequences)
            for n in 0..<t.count {
                let w = s.window(n, length: 50)
                if !w.isEmpty { nonEmpty += 1 }
                for i in w {
                    guard let source = byTime[s.times[i]] else { failures.append("history time \(s.times[i]) is no example"); continue }
                    if s.times[i] >= s.exampleTimes[n] { failures.append("split \(k) row \(n): behaviour not earlier") }
                    if source.split != 0 { failures.append("split \(k) row \(n): a held-out row (split \(source.split)) in the history") }
                    if source.user != t.userKeys[n] || segmentUser(s, i) != t.userKeys[n] { failures.append("split \(k) row \(n): another user") }
                    if !source.positive || source.itemCode != s.items[i] || s.behaviours[i] != (source.second ? 2 : 1) {
                        failures.append("split \(k) row \(n): behaviour does not match its row")
                    }
                }
                // Nothing earlier and eligible is skipped: the window is the full prefix up to 50.
                let eligible = byTime.filter { $0.key < s.exampleTimes[n] && $0.value.split == 0 && $0.value.positive && $0.value.user == t.userKeys[n] }
                if w.count != min(50, eligible.count) { failures.append("split \(k) row \(n): window \(w.count), eligible \(eligible.count)") }
                if failures.count > 20 { break }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        #expect(nonEmpty > 1_000)
    }

    /// The padded view is the window left-aligned with a 1/0 mask; subsets share the stored behaviours.
    @Test func paddedWindowsAndSubsetsShareTheStoredHistory() throws {
        let data = try SyntheticScenario(kind: .ecommerce, users: 20, items: 30, rows: 600, seed: 3).generate()
        let s = try #require(data.train.sequences)
        let n = try #require((0..<s.exampleCount).first { s.window($0, length: 50).count >= 3 })
        let w = s.window(n, length: 4)
        let padded = s.padded(n, length: 6)
        #expect(padded.mask == [Float](repeating: 1, count: w.count) + [Float](repeating: 0, count: 6 - w.count))
        #expect(Array(padded.items.prefix(w.count)) == w.map { s.items[$0] })
        #expect(padded.items.dropFirst(w.count).allSatisfy { $0 == 0 })
        // The last 4 of a longer window are the window of length 4.
        #expect(Array(s.window(n, length: 50).suffix(4)) == Array(w))
        let sub = data.train.subset([n, n])
        #expect(sub.sequences?.window(1, length: 4) == w)
        #expect(sub.sequences?.items == s.items)
    }
}
