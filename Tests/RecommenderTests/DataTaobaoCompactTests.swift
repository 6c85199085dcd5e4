import Foundation
import Testing
@testable import Recommender

/// The compact e-commerce build (`TaobaoEventLog` → `TaobaoPositives` → `TaobaoScenarioBuilder`)
/// against hand-computed cases and against the straightforward build on 64-bit keys
/// (`ReferenceTaobaoScenario`): same tables, encoder, notes, report and negatives, bit for bit.
@Suite struct DataTaobaoCompactTests {
    /// A log with repeated views, a buy before and after a view, a duplicate line, a cart-only item
    /// and an unsorted user order.
    static let handLog = """
    7,100,1,pv,50
    7,100,1,pv,30
    8,100,1,pv,10
    7,101,2,buy,5
    7,101,2,pv,20
    7,100,1,buy,40
    7,102,2,cart,60
    8,100,1,pv,10
    8,103,3,pv,15
    7,101,2,pv,10
    8,100,1,buy,9

    """

    @Test func encodedLogNumbersIdsInOrderOfFirstAppearance() throws {
        let path = try temporaryFile(Self.handLog)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (log, report) = try TaobaoLoader.loadEvents(path: path)
        #expect(report.rowsAccepted == 11 && report.malformedRows == 0)
        #expect(log.userKeys == [7, 8] && log.itemKeys == [100, 101, 102, 103] && log.categoryKeys == [1, 2, 3])
        #expect(log.users == [0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1])
        #expect(log.items == [0, 0, 0, 1, 1, 0, 2, 0, 3, 1, 0])
        #expect(log.itemCategory == [0, 1, 1, 2])
        #expect(log.behaviors == [0, 0, 0, 1, 0, 1, 2, 0, 0, 0, 1])
        #expect(log.timestamps == [50, 30, 10, 5, 20, 40, 60, 10, 15, 10, 9])
        #expect(log.isConsistent())
    }

    @Test func positivesAreFirstViewsInFileOrderWithPurchaseAfterView() throws {
        let path = try temporaryFile(Self.handLog)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var (log, _) = try TaobaoLoader.loadEvents(path: path)
        let p = TaobaoPositives(consuming: &log)
        #expect(log.users.isEmpty && log.items.isEmpty && log.userKeys == [7, 8])
        // Pairs by their first pv line: (7,100) line 1, (8,100) line 3, (7,101) line 5, (8,103) line 9.
        #expect(p.users == [0, 1, 0, 1] && p.items == [0, 0, 1, 3])
        // (7,100): first view 30, buy at 40 ≥ 30 → 1. (8,100): view 10, buy at 9 < 10 → 0.
        // (7,101): first view 10, buy at 5 < 10 → 0. (8,103): no buy → 0.
        #expect(p.timestamps == [30, 10, 10, 15] && p.purchased == [1, 0, 0, 0])
        // Line 8 repeats line 3.
        #expect(p.duplicateEvents == 1)
        // Touched items per user, increasing: 7 → 100, 101, 102; 8 → 100, 103.
        #expect(p.interactionOffsets == [0, 3, 5] && p.interactionItems == [0, 1, 2, 0, 3])
        #expect(p.touched(user: 0, item: 2) && !p.touched(user: 1, item: 1) && p.touched(user: 1, item: 3))
    }

    @Test func retainKeepsTheOrderOfTheKeptRows() throws {
        let path = try temporaryFile(Self.handLog)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var (log, _) = try TaobaoLoader.loadEvents(path: path)
        var p = TaobaoPositives(consuming: &log)
        p.retain([false, true, true, false])
        #expect(p.users == [1, 0] && p.items == [0, 1] && p.timestamps == [10, 10] && p.purchased == [0, 0])
    }

    /// Compact and reference builds agree on everything a run uses.
    private func expectSame(_ path: String, _ options: RealScenarioOptions, _ label: String) throws {
        let compact = try EcommerceDataset.taobao(path: path, options: options)
        let reference = try ReferenceTaobaoScenario.build(path: path, options: options)
        #expect(compact.train == reference.train, "train \(label)")
        #expect(compact.validation == reference.validation, "validation \(label)")
        #expect(compact.test == reference.test, "test \(label)")
        #expect(compact.encoder == reference.encoder, "encoder \(label)")
        #expect(compact.notes == reference.notes, "notes \(label)")
        #expect(compact.loadReport == reference.loadReport, "report \(label)")
        #expect((compact.trainingNegatives == nil) == (reference.trainingNegatives == nil))
        if let a = compact.trainingNegatives, let b = reference.trainingNegatives {
            #expect(a.pool == b.pool && a.catalogue == b.catalogue && a.seed == b.seed)
            for epoch in 1...2 {
                var ga = a.generator(epoch: epoch), gb = b.generator(epoch: epoch)
                let rows = Array(0..<compact.train.count).reversed()
                #expect(a.batch(positives: compact.train, rows: rows, generator: &ga)
                        == b.batch(positives: reference.train, rows: rows, generator: &gb), "epoch \(epoch) \(label)")
            }
        }
    }

    @Test func compactBuildEqualsTheReferenceOnTheFixture() throws {
        let path = try fixture("taobao_userbehavior_small.csv")
        for storage in NegativeStorage.allCases {
            for k in [0, 2, 4] {
                try expectSame(path, RealScenarioOptions(negativesPerPositive: k, seed: 1, trainingNegatives: storage), "\(storage) k=\(k)")
            }
        }
    }

    @Test func compactBuildEqualsTheReferenceOnAGeneratedReplica() throws {
        let path = NSTemporaryDirectory() + "paretorec-compact-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try DatasetReplica.write(.taobao, rows: 30_000, seed: 7, to: path)
        // Append duplicate lines and an out-of-order user so both paths see them.
        let head = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").prefix(40)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write((head.joined(separator: "\n") + "\n").data(using: .utf8)!)
        try handle.close()
        for storage in NegativeStorage.allCases {
            try expectSame(path, RealScenarioOptions(negativesPerPositive: 3, seed: 5, trainingNegatives: storage), "\(storage) leave-last-out")
        }
        try expectSame(path, RealScenarioOptions(negativesPerPositive: 2, split: .random(validation: 0.1, test: 0.2, seed: 3), minUserCount: 5,
                                                 minItemCount: 3, seed: 2, encoder: EncoderOptions(minCount: 2), trainingNegatives: .perEpoch),
                       "random split, k-core 5/3, min count 2")
        try expectSame(path, RealScenarioOptions(negativesPerPositive: 1, split: .temporal(validation: 0.1, test: 0.1), minUserCount: 2,
                                                 minItemCount: 2, seed: 9), "temporal split, stored")
    }

    /// The per-user and per-row passes run on several threads, each writing its own slice: the
    /// positives, tables, encoder and sampler runs are the same for any number of parts (1 is the
    /// serial build), with duplicates and out-of-order users in the log.
    @Test func buildIsTheSameForAnyNumberOfParts() throws {
        let path = NSTemporaryDirectory() + "paretorec-parts-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try DatasetReplica.write(.taobao, rows: 20_000, seed: 11, to: path)
        let head = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").prefix(60)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write((head.reversed().joined(separator: "\n") + "\n").data(using: .utf8)!)
        try handle.close()
        let (parsed, report) = try TaobaoLoader.loadEvents(path: path)
        var serialLog = parsed
        let serial = TaobaoPositives(consuming: &serialLog, parts: 1)
        for parts in [2, 3, 7, 10_000] {
            var log = parsed
            let p = TaobaoPositives(consuming: &log, parts: parts)
            #expect(p.users == serial.users && p.items == serial.items && p.timestamps == serial.timestamps, "parts \(parts)")
            #expect(p.purchased == serial.purchased && p.duplicateEvents == serial.duplicateEvents, "parts \(parts)")
            #expect(p.interactionOffsets == serial.interactionOffsets && p.interactionItems == serial.interactionItems, "parts \(parts)")
        }
        #expect(serial.duplicateEvents > 0)
        for storage in NegativeStorage.allCases {
            let options = RealScenarioOptions(negativesPerPositive: 3, seed: 5, trainingNegatives: storage)
            var log = parsed
            let one = try TaobaoScenarioBuilder.build(log: &log, report: report, path: path, options: options, parts: 1)
            for parts in [2, 5] {
                var again = parsed
                let many = try TaobaoScenarioBuilder.build(log: &again, report: report, path: path, options: options, parts: parts)
                #expect(many.train == one.train && many.validation == one.validation && many.test == one.test, "\(storage), parts \(parts)")
                #expect(many.encoder == one.encoder && many.notes == one.notes && many.loadReport == one.loadReport, "\(storage), parts \(parts)")
                #expect(many.trainingNegatives?.storedRuns.users == one.trainingNegatives?.storedRuns.users)
                #expect(many.trainingNegatives?.storedRuns.starts == one.trainingNegatives?.storedRuns.starts)
                #expect(many.trainingNegatives?.storedRuns.items == one.trainingNegatives?.storedRuns.items)
                #expect(many.trainingNegatives?.catalogue == one.trainingNegatives?.catalogue)
            }
        }
    }

    /// The scenario's tables hold their keys in 32 bits when every id fits, and fall back to 64 bits
    /// (with the same result as the reference build) when one does not.
    @Test func keysAre32BitWhenTheyFitAnd64BitOtherwise() throws {
        let small = try EcommerceDataset.taobao(path: try fixture("taobao_userbehavior_small.csv"),
                                                options: RealScenarioOptions(negativesPerPositive: 2, seed: 1, trainingNegatives: .perEpoch))
        #expect(small.train.hasNarrowKeys && small.validation.hasNarrowKeys && small.test.hasNarrowKeys)
        #expect(try #require(small.trainingNegatives).catalogue.hasNarrowKeys)
        // One item id past 2^31 (and past 18 digits: parsed by the general path, between fast-path batches).
        var lines = [String]()
        for u in 0..<12 { for j in 0..<12 { lines.append("\(u + 1),\(100 + (u * 7 + j) % 30),\(j % 4),\(j % 5 == 4 ? "buy" : "pv"),\(1000 + 10 * j)") } }
        lines[70] = "6,1000000000000000000,1,pv,1005"
        let path = try temporaryFile(lines.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (log, _) = try TaobaoLoader.loadEvents(path: path)
        #expect(log.count == 144 && log.itemKeys.contains(1_000_000_000_000_000_000))
        #expect(log.items[70] == UInt32(try #require(log.itemKeys.firstIndex(of: 1_000_000_000_000_000_000))))
        #expect(zip(log.items, lines).allSatisfy { log.itemKeys[Int($0.0)] == Int64($0.1.split(separator: ",")[1])! })
        for storage in NegativeStorage.allCases {
            let options = RealScenarioOptions(negativesPerPositive: 2, seed: 4, trainingNegatives: storage)
            let wide = try EcommerceDataset.taobao(path: path, options: options)
            #expect(!wide.train.hasNarrowKeys && !wide.validation.hasNarrowKeys)
            try expectSame(path, options, "64-bit keys, \(storage)")
        }
    }

    @Test func anEmptyOrUnusableLogNamesTheEmptySplit() throws {
        let path = try temporaryFile("1,10,1,pv,5\n1,11,1,pv,6\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: DataError.emptySplit(name: "train")) { _ = try EcommerceDataset.taobao(path: path) }
        #expect(throws: DataError.self) { _ = try EcommerceDataset.taobao(path: path, options: RealScenarioOptions(negativesPerPositive: -1)) }
    }
}
