import Foundation
import Testing
@testable import Recommender

/// The parsed-log cache: the second load reads the cache and gives the same log and counts; any
/// change of the source, the options or the cache file itself falls back to parsing.
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
        let parsed = try TaobaoLoader.load(path: file)
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
        #expect(!edited.fromCache && edited.log.users[0] == 4)
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
