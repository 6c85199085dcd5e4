import Foundation
import Testing
@testable import Recommender

/// Full-size replicas, written small: every format loads with its real loader, has the asked-for rows,
/// the published label rates within sampling error, and is the same file for the same seed.
@Suite struct DataReplicaTests {
    private func replica(_ format: DatasetReplica.Format, rows: Int, seed: UInt64 = 7) throws -> String {
        let path = NSTemporaryDirectory() + "paretorec-replica-\(UUID().uuidString).\(format == .lastFM ? "dat" : "csv")"
        try DatasetReplica.write(format, rows: rows, seed: seed, to: path)
        return path
    }

    @Test func taobaoReplicaLoadsSortedByUserThenTimeWithThePublishedBehaviourMix() throws {
        let path = try replica(.taobao, rows: 50_000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (log, report) = try TaobaoLoader.load(path: path, options: LoadOptions(dropDuplicates: false))
        #expect(log.count == 50_000 && report.malformedRows == 0)
        for r in 1..<log.count {
            let before = (log.users[r - 1], log.timestamps[r - 1]), now = (log.users[r], log.timestamps[r])
            if !(before <= now) { Issue.record("row \(r) out of order"); break }
        }
        #expect(log.timestamps.allSatisfy { (1_511_539_200..<1_512_316_800).contains($0) })
        // pv 89.6 %, cart 5.5 %, fav 2.9 %, buy 2.0 %; 3σ of a proportion over 50,000 rows ≤ 0.41 %.
        func share(_ b: TaobaoBehavior) -> Double { Double(log.behaviors.filter { $0 == b }.count) / Double(log.count) }
        #expect(abs(share(.pv) - 0.896) < 0.005 && abs(share(.cart) - 0.055) < 0.004)
        #expect(abs(share(.fav) - 0.029) < 0.003 && abs(share(.buy) - 0.020) < 0.003)
        // Most buys follow a view of the same pair, so purchase-after-view labels exist.
        let pav = DerivedObjectives.purchaseAfterView(users: log.users, items: log.items, behaviors: log.behaviors, timestamps: log.timestamps)
        #expect(pav.reduce(0, +) > 0)
        // Zipf popularity: the most viewed item is far above the mean.
        var counts = [Int64: Int]()
        for i in log.items { counts[i, default: 0] += 1 }
        #expect(Double(counts.values.max() ?? 0) > 50 * Double(log.count) / Double(counts.count))
    }

    @Test func aliCCPReplicaHasTheSampleSchemaAndEntireSpaceLabelRates() throws {
        let path = try replica(.aliCCP, rows: 40_000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let schema = try ImpressionSchemas.aliCCP(path: path)
        let sampleHeader = try DelimitedReader(path: try fixture("ali_ccp_train_small.csv"), format: .csv).header
        #expect(try DelimitedReader(path: path, format: .csv).header == sampleHeader)
        let (t, report) = try TableLoader.load(path: path, schema: schema, options: LoadOptions(dropDuplicates: false))
        #expect(t.count == 40_000 && report.malformedRows == 0)
        let click = t.labels[0], purchase = t.labels[1]
        let ctr = click.reduce(0, +) / Double(t.count)
        #expect(abs(ctr - 0.039) < 0.003)  // 3σ ≈ 0.29 %
        #expect(zip(click, purchase).allSatisfy { $0.0 == 1 || $0.1 == 0 })
    }

    @Test func aliExpressAndLastFMReplicasLoad() throws {
        let ae = try replica(.aliExpress, rows: 5_000)
        defer { try? FileManager.default.removeItem(atPath: ae) }
        let (t, r1) = try TableLoader.load(path: ae, schema: ImpressionSchemas.aliExpress(path: ae), options: LoadOptions(dropDuplicates: false))
        #expect(t.count == 5_000 && r1.malformedRows == 0 && t.numeric.count == 63)
        #expect(zip(t.labels[0], t.labels[1]).allSatisfy { $0.0 == 1 || $0.1 == 0 })
        let lfm = try replica(.lastFM, rows: 3_000)
        defer { try? FileManager.default.removeItem(atPath: lfm) }
        let (log, r2) = try ListeningLoader.loadLastFM(path: lfm)
        #expect(log.count == 3_000 && r2.malformedRows == 0 && r2.duplicateRows == 0)
        var pairs = Set<[Int64]>()
        for i in 0..<log.count { pairs.insert([log.users[i], log.artists[i]]) }
        #expect(pairs.count == 3_000)  // one row per (user, artist), as in the original
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let a = try replica(.taobao, rows: 2_000, seed: 3), b = try replica(.taobao, rows: 2_000, seed: 3), c = try replica(.taobao, rows: 2_000, seed: 4)
        defer { for p in [a, b, c] { try? FileManager.default.removeItem(atPath: p) } }
        let da = try Data(contentsOf: URL(fileURLWithPath: a))
        #expect(da == (try Data(contentsOf: URL(fileURLWithPath: b))))
        #expect(da != (try Data(contentsOf: URL(fileURLWithPath: c))))
        #expect(throws: DataError.self) { try DatasetReplica.write(.taobao, rows: 0, seed: 1, to: a) }
    }
}
