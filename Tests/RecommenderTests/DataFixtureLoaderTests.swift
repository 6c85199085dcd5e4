import Foundation
import Testing
@testable import Recommender

/// The loaders on hand-written files in each real format (`Fixtures/README.md` lists what each file
/// holds). These run everywhere; `DataLoaderTests` repeats them on the real samples when present.
@Suite struct DataFixtureLoaderTests {
    @Test func taobaoFixtureReportsTheTruncatedLastLineAndSkipsIt() throws {
        let path = try fixture("taobao_userbehavior_small.csv")
        let (log, report) = try TaobaoLoader.load(path: path)
        #expect(report.malformedRows == 1)
        let issue = try #require(report.issues.first)
        #expect(issue.line == 20 && issue.column == nil && issue.reason == "expected 5 fields, found 4")
        #expect(log.count == 19 && log.lines.last == 19)
        // Line 1: 1,10,1001,pv,1511544000; line 3: 1,11,1001,buy,1511544250; line 9: 2,15,1003,cart,…
        #expect(log.users[0] == 1 && log.items[0] == 10 && log.categories[0] == 1001)
        #expect(log.behaviors[0] == .pv && log.timestamps[0] == 1_511_544_000)
        #expect(log.behaviors[2] == .buy && log.behaviors[8] == .cart && log.behaviors[14] == .fav)
        #expect(log.behaviors.filter { $0 == .pv }.count == 14)
    }

    @Test func taobaoFixtureStrictModeThrowsAtTheTruncatedLine() throws {
        let path = try fixture("taobao_userbehavior_small.csv")
        #expect(throws: DataError.malformedRow(file: path, line: 20, column: nil, reason: "expected 5 fields, found 4")) {
            _ = try TaobaoLoader.load(path: path, options: LoadOptions(strict: true))
        }
    }

    @Test func lastFMAndAudioscrobblerFixturesReadEveryRow() throws {
        let (lfm, r1) = try ListeningLoader.loadLastFM(path: try fixture("lastfm_user_artists_small.dat"))
        #expect(lfm.count == 11 && r1.malformedRows == 0)
        #expect(lfm.users == [2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4])
        #expect(lfm.artists == [51, 52, 53, 54, 51, 55, 56, 52, 57, 58, 59])
        #expect(lfm.counts.first == 13_883 && lfm.counts.last == 77)
        #expect(lfm.lines.first == 2)  // line 1 is the header
        let (asc, r2) = try ListeningLoader.loadAudioscrobbler(path: try fixture("audioscrobbler_user_artist_small.txt"))
        #expect(asc.count == 5 && r2.malformedRows == 0)
        #expect(asc.users == [1_059_637, 1_059_637, 1_000_002, 1_000_002, 1_000_002])
        #expect(asc.artists == [1_000_010, 1_000_049, 1, 1_000_006, 1_000_010] && asc.counts == [238, 1, 55, 33, 11])
    }

    @Test func kuaiRandVideoFixtureKeepsQuotedTagListsAndMissingValues() throws {
        let (v, report) = try KuaiRandLoader.loadVideos(path: try fixture("kuairand_video_features_small.csv"))
        #expect(v.count == 6 && report.malformedRows == 0)
        #expect(v.videoIDs == [0, 1, 2, 5, 7, 9])
        #expect(v.tags == [[39], [2], [5, 2], [20, 43], [], [11]])
        #expect(v.authorIDs[3] == 8_367_059 && v.durationsMs[3] == 358_016)
        #expect(v.authorIDs[4] == RawTable.missingKey && v.musicIDs[4] == RawTable.missingKey)
        // Videos 2 and 9 have an empty video_duration; video 7 an empty author_id (the counted cells).
        #expect(v.durationsMs.map(\.isNaN) == [false, false, true, false, false, true])
        #expect(report.missingCells == 3)
        #expect(v.videoTypes[2] != v.videoTypes[0] && v.videoTypes[0] == v.videoTypes[1])  // AD vs NORMAL
    }

    @Test func aliCCPFixtureNeverUsesALabelAsAFeature() throws {
        let path = try fixture("ali_ccp_train_small.csv")
        let schema = try ImpressionSchemas.aliCCP(path: path)
        let (train, report) = try TableLoader.load(path: path, schema: schema)
        // Six data lines; line 6 repeats line 3 exactly.
        #expect(report.rowsAccepted == 5 && report.duplicateRows == 1 && report.malformedRows == 0)
        #expect(train.objectives.map(\.name) == ["click", "purchase"])
        #expect(train.labels[0] == [1, 0, 1, 0, 0] && train.labels[1] == [1, 0, 0, 0, 0])
        #expect(train.userKeys == [7, 7, 8, 8, 9] && train.itemKeys == [31, 32, 33, 31, 34])
        let featureNames = Set(train.categorical.map(\.name) + train.numeric.map(\.name))
        #expect(!featureNames.contains("click") && !featureNames.contains("purchase"))
        // 33 columns: 2 labels, 8 dense D*, 23 categorical field ids (101 and 205 included).
        #expect(train.numeric.count == 8 && train.categorical.count == 23)
        #expect(Set(train.categorical.filter { $0.tower == .user }.map(\.name))
                == ["101", "121", "122", "124", "125", "126", "127", "128", "129", "109_14", "110_14", "127_14", "150_14"])
        let table = try FeatureEncoder(fitting: train).encode(train)
        for k in 0..<2 {
            let y = table.labelColumn(k)
            let l = table.layout
            for j in 0..<l.itemCategoricalCount {
                let col = (0..<table.count).map { Float(table.itemCategorical[$0 * l.itemCategoricalCount + j]) }
                #expect(!isAffineCopy(col, of: y), "item field \(l.itemCategoricalNames[j]) copies label \(k)")
            }
            for j in 0..<l.userCategoricalCount {
                let col = (0..<table.count).map { Float(table.userCategorical[$0 * l.userCategoricalCount + j]) }
                #expect(!isAffineCopy(col, of: y), "user field \(l.userCategoricalNames[j]) copies label \(k)")
            }
        }
        var leaky = schema
        leaky.columns.append(.init(name: "click", role: .itemNumeric))
        #expect(throws: DataError.labelUsedAsFeature(column: "click")) { try leaky.validate() }
    }

    @Test func aliCCPFixtureTestSplitEncodesWithTheTrainingEncoder() throws {
        let trainPath = try fixture("ali_ccp_train_small.csv")
        let schema = try ImpressionSchemas.aliCCP(path: trainPath)
        let (train, _) = try TableLoader.load(path: trainPath, schema: schema)
        let (test, _) = try TableLoader.load(path: try fixture("ali_ccp_test_small.csv"), schema: schema)
        let encoder = try FeatureEncoder(fitting: train)
        let t = try encoder.encode(test)
        #expect(t.count == 3 && t.layout == encoder.layout)
        #expect(t.layout.userCategoricalNames.first == "101" && t.layout.itemCategoricalNames.first == "205")
        // Test row 2 has user 10, unseen in training: the out-of-vocabulary code 0; row 1's user 7 is known.
        let w = t.layout.userCategoricalCount
        #expect(t.userCategorical[1 * w] == 0 && t.userCategorical[0 * w] != 0)
        // Test row 1's item 35 is unseen too; row 2's item 31 is known.
        let v = t.layout.itemCategoricalCount
        #expect(t.itemCategorical[0 * v] == 0 && t.itemCategorical[1 * v] != 0)
    }

    @Test func aliExpressFixtureLoadsWithSearchIdAsUserKey() throws {
        let path = try fixture("aliexpress_train_small.csv")
        let schema = try ImpressionSchemas.aliExpress(path: path)
        let (t, report) = try TableLoader.load(path: path, schema: schema)
        #expect(report.rowsAccepted == 4 && report.malformedRows == 0)
        #expect(t.objectives.map(\.name) == ["click", "conversion"])
        #expect(t.categorical.filter { $0.tower == .item }.count == 16 && t.numeric.count == 63)
        #expect(t.userKeys == [81, 81, 82, 83])
        #expect(t.labels[0] == [1, 0, 1, 0] && t.labels[1] == [0, 0, 1, 0])
    }

    /// Whether `x` is `a·y + b` for some a ≠ 0 (the feature carries the label exactly).
    private func isAffineCopy(_ x: [Float], of y: [Float]) -> Bool {
        guard let i0 = y.firstIndex(of: 0), let i1 = y.firstIndex(of: 1) else { return false }
        let (x0, x1) = (x[i0], x[i1])
        guard x0 != x1 else { return false }
        return zip(x, y).allSatisfy { $0.0 == ($0.1 == 0 ? x0 : x1) }
    }
}
