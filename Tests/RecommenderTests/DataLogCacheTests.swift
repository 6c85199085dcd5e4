import Foundation
import Testing
@testable import Recommender

/// The encoded-column cache: the second load reads the cache and gives the same log and counts; any
/// change of the source, the options or the cache file itself (truncated, corrupted, foreign) falls
/// back to parsing and rewrites it.
@Suite struct DataLogCacheTests {
    private func copyOfFixture() throws -> (dir: String, file: String) {
        let dir = NSTemporaryDirectory() + "paretorec-cache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let file = dir + "/taobao.csv"
        try FileManager.default.copyItem(atPath: try fixture("taobao_userbehavior_small.csv"), toPath: file)
        return (dir, file)
    }

    @Test func secondLoadComesFromTheCacheWithTheSameLogAndCounts() throws {
        let (dir, file) = try copyOfFixture()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let parsed = try TaobaoLoader.loadEvents(path: file)
        let first = try TaobaoLogCache.load(path: file)
        #expect(!first.fromCache && FileManager.default.fileExists(atPath: TaobaoLogCache.cachePath(for: file)))
        let second = try TaobaoLogCache.load(path: file)
        #expect(second.fromCache && second.log == parsed.0)
        #expect(second.report.rowsAccepted == 19 && second.report.malformedRows == 1)
        // Strict mode must still throw at the malformed line: it parses again.
        #expect(throws: DataError.self) { _ = try TaobaoLogCache.load(path: file, options: LoadOptions(strict: true)) }
        // Other options: parsed again.
        #expect(try !TaobaoLogCache.load(path: file, options: LoadOptions(rowLimit: 5)).fromCache)
    }

    @Test func anEditedSourceOrABrokenCacheIsParsedAgain() throws {
        let (dir, file) = try copyOfFixture()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try TaobaoLogCache.load(path: file)
        // Same size, other content at the head (the modification time and the head hash differ).
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[0] = UInt8(ascii: "4")  // user 1 → user 4 on line 1
        try bytes.write(to: URL(fileURLWithPath: file))
        let edited = try TaobaoLogCache.load(path: file)
        #expect(!edited.fromCache && edited.log.userKeys[0] == 4)
        #expect(try TaobaoLogCache.load(path: file).fromCache)
        // A truncated cache file.
        let cache = TaobaoLogCache.cachePath(for: file)
        let full = try Data(contentsOf: URL(fileURLWithPath: cache))
        try full.prefix(full.count - 3).write(to: URL(fileURLWithPath: cache))
        let again = try TaobaoLogCache.load(path: file)
        #expect(!again.fromCache && again.log == edited.log)
        // A cache in another directory.
        let other = dir + "/cache"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        #expect(try !TaobaoLogCache.load(path: file, cacheDirectory: other).fromCache)
        #expect(try TaobaoLogCache.load(path: file, cacheDirectory: other).fromCache)
    }

    @Test func aCorruptedOrForeignCacheIsRebuiltNeverTrusted() throws {
        let (dir, file) = try copyOfFixture()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let parsed = try TaobaoLoader.loadEvents(path: file)
        _ = try TaobaoLogCache.load(path: file)
        let cache = TaobaoLogCache.cachePath(for: file)
        let good = try Data(contentsOf: URL(fileURLWithPath: cache))
        #expect(good.count == 8 + 8 * 14 + 19 * 21 + 8 * (3 + 12 + 5) + 4 * 12)
        // Every single-byte change of the payload (a timestamp, a key, an index, a behaviour) and of
        // the header's counts is caught: parsed again, same log, cache rewritten.
        for offset in stride(from: 8 + 8 * 5, to: good.count, by: 7) {
            var bad = good
            bad[offset] ^= 0x5a
            try bad.write(to: URL(fileURLWithPath: cache))
            let again = try TaobaoLogCache.load(path: file)
            #expect(!again.fromCache && again.log == parsed.0, "byte \(offset)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: cache)) == good)
        }
        // Foreign content, an empty file, a header claiming 2^31 events.
        var huge = good
        huge.replaceSubrange((8 + 8 * 5)..<(8 + 8 * 6), with: withUnsafeBytes(of: UInt64(1) << 31) { Data($0) })
        for content in [Data("not a cache at all".utf8), Data(), huge, good.prefix(100)] {
            try content.write(to: URL(fileURLWithPath: cache))
            let again = try TaobaoLogCache.load(path: file)
            #expect(!again.fromCache && again.log == parsed.0)
        }
    }

    @Test func theScenarioBuiltFromTheCacheIsTheSame() throws {
        let (dir, file) = try copyOfFixture()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = RealScenarioOptions(negativesPerPositive: 2, seed: 1)
        let plain = try EcommerceDataset.taobao(path: file, options: options)
        options.parsedLogCache = .besideSource
        _ = try EcommerceDataset.taobao(path: file, options: options)
        let cached = try EcommerceDataset.taobao(path: file, options: options)
        #expect(cached.train == plain.train && cached.test == plain.test)
    }
}
