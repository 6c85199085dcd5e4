import Foundation
import Testing
@testable import NumericCore
@testable import Recommender

/// The built-scenario cache: a second build with the cache on reads the same tables, encoder, report
/// and sampler back (the same draws and the same trained model); another file, other options, or a
/// damaged cache file fall back to building again, and a damaged file is replaced.
@Suite struct DataScenarioCacheTests {
    private struct Workspace {
        let directory: String, source: String
        init() throws {
            directory = NSTemporaryDirectory() + "paretorec-scenario-cache-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory + "/cache", withIntermediateDirectories: true)
            source = directory + "/UserBehavior.csv"
            try DatasetReplica.write(.taobao, rows: 20_000, seed: 11, to: source)
        }
        func options(_ storage: NegativeStorage, seed: UInt64 = 5) -> RealScenarioOptions {
            var o = RealScenarioOptions(negativesPerPositive: 3, seed: seed, trainingNegatives: storage)
            o.parsedLogCache = .directory(directory + "/cache")
            return o
        }
        var cacheFile: String { TaobaoScenarioCache.cachePath(for: source, directory: directory + "/cache") }
        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    private func fromCache(_ data: ScenarioData) -> Bool { data.notes.last?.hasPrefix("tables read from the scenario cache") == true }

    private func expectSame(_ a: ScenarioData, _ b: ScenarioData, _ label: String) throws {
        #expect(a.train == b.train && a.validation == b.validation && a.test == b.test, "tables \(label)")
        #expect(a.encoder == b.encoder, "encoder \(label)")
        #expect(a.loadReport == b.loadReport, "report \(label)")
        #expect(a.notes.filter { !$0.hasPrefix("tables read from") } == b.notes.filter { !$0.hasPrefix("tables read from") }, "notes \(label)")
        #expect((a.trainingNegatives == nil) == (b.trainingNegatives == nil))
        if let x = a.trainingNegatives, let y = b.trainingNegatives {
            #expect(x.pool == y.pool && x.catalogue == y.catalogue && x.seed == y.seed && x.perPositive == y.perPositive)
            var gx = x.generator(epoch: 2), gy = y.generator(epoch: 2)
            let rows = Array((0..<a.train.count).reversed())
            #expect(x.batch(positives: a.train, rows: rows, generator: &gx) == y.batch(positives: b.train, rows: rows, generator: &gy), "draws \(label)")
            let model = try MultiObjectiveModel(layout: a.layout, configuration: .twoTower(userWidths: [4], itemWidths: [4], embeddingDimension: 3), seed: 2)
            let configuration = try TrainingConfiguration(epochs: 1, batchSize: 64, seed: 3, loss: JointLoss(objectives: a.layout.objectives, weights: [0.5, 0.5]),
                                                          maxBatchesPerEpoch: 20)
            let trainedA = try Trainer.train(model, positives: a.train, negatives: x, configuration: configuration)
            let trainedB = try Trainer.train(model, positives: b.train, negatives: y, configuration: configuration)
            #expect(trainedA.model.parameters == trainedB.model.parameters, "trained model \(label)")
        }
    }

    @Test(arguments: NegativeStorage.allCases)
    func secondBuildReadsTheSameScenarioFromTheCache(storage: NegativeStorage) throws {
        let w = try Workspace()
        defer { w.remove() }
        let built = try EcommerceDataset.taobao(path: w.source, options: w.options(storage))
        #expect(!fromCache(built) && FileManager.default.fileExists(atPath: w.cacheFile))
        let cached = try EcommerceDataset.taobao(path: w.source, options: w.options(storage))
        #expect(fromCache(cached))
        try expectSame(built, cached, "\(storage)")
        // Without the cache the build is the same as well.
        var off = w.options(storage)
        off.parsedLogCache = .off
        try expectSame(try EcommerceDataset.taobao(path: w.source, options: off), cached, "\(storage), cache off")
    }

    @Test func otherOptionsOrAnEditedFileBuildAgain() throws {
        let w = try Workspace()
        defer { w.remove() }
        _ = try EcommerceDataset.taobao(path: w.source, options: w.options(.perEpoch))
        let reseeded = try EcommerceDataset.taobao(path: w.source, options: w.options(.perEpoch, seed: 6))
        #expect(!fromCache(reseeded))
        // The cache now holds seed 6; seed 6 again reads it.
        #expect(fromCache(try EcommerceDataset.taobao(path: w.source, options: w.options(.perEpoch, seed: 6))))
        let handle = try #require(FileHandle(forWritingAtPath: w.source))
        handle.seekToEndOfFile()
        handle.write("999999,1,1,pv,1511600000\n".data(using: .utf8)!)
        try handle.close()
        let edited = try EcommerceDataset.taobao(path: w.source, options: w.options(.perEpoch, seed: 6))
        #expect(!fromCache(edited) && edited.loadReport?.rowsAccepted == reseeded.loadReport.map { $0.rowsAccepted + 1 })
    }

    /// A truncated file, a flipped byte anywhere (header, description, columns, checksum) or a
    /// foreign file is never read as a scenario; the next build replaces it.
    @Test func aDamagedCacheIsRebuiltNotTrusted() throws {
        let w = try Workspace()
        defer { w.remove() }
        let options = w.options(.perEpoch)
        let built = try EcommerceDataset.taobao(path: w.source, options: options)
        let good = try Data(contentsOf: URL(fileURLWithPath: w.cacheFile))
        let header = try TaobaoScenarioCache.header(source: w.source, options: options)
        #expect(TaobaoScenarioCache.read(w.cacheFile, header: header) != nil)
        var damaged: [Data] = [good.prefix(good.count - 1), good.prefix(good.count / 2), Data("not a cache".utf8), Data()]
        for position in [3, 12, 60, 200, good.count / 3, good.count / 2, good.count - 3] {
            var copy = good
            copy[position] ^= 0x5A
            damaged.append(copy)
        }
        for (k, bytes) in damaged.enumerated() {
            try bytes.write(to: URL(fileURLWithPath: w.cacheFile))
            #expect(TaobaoScenarioCache.read(w.cacheFile, header: header) == nil, "damage \(k)")
            let rebuilt = try EcommerceDataset.taobao(path: w.source, options: options)
            #expect(!fromCache(rebuilt), "damage \(k)")
            try expectSame(built, rebuilt, "damage \(k)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: w.cacheFile)) == good, "damage \(k): the cache is rewritten")
        }
    }
}
