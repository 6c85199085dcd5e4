import Foundation
import Testing
@testable import Recommender

@Suite struct DataLoaderTests {
    /// Physical lines of a file counted independently of the loader: newlines, plus one for a final
    /// line without newline.
    private func physicalLines(_ path: String) throws -> Int {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let newlines = data.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        return newlines + (data.last == 10 ? 0 : 1)
    }

    @Test(needsRealData) func taobaoSampleReportsTheTruncatedLastLineAndSkipsIt() throws {
        let lines = try physicalLines(DataFiles.taobao)
        let (log, report) = try TaobaoLoader.load(path: DataFiles.taobao)
        #expect(report.malformedRows == 1)
        let issue = try #require(report.issues.first)
        #expect(issue.line == lines)
        #expect(issue.column == nil)
        #expect(issue.reason.contains("found 4"))
        #expect(log.count == lines - 1)  // every other line is accepted (no duplicates in the sample)
        #expect(log.lines.last == lines - 1)
        // First line of the file: 1,2268318,2520377,pv,1511544070
        #expect(log.users[0] == 1 && log.items[0] == 2268318 && log.categories[0] == 2520377)
        #expect(log.behaviors[0] == .pv && log.timestamps[0] == 1511544070)
    }

    @Test(needsRealData) func taobaoStrictModeThrowsAtTheTruncatedLine() throws {
        let lines = try physicalLines(DataFiles.taobao)
        #expect(throws: DataError.malformedRow(file: DataFiles.taobao, line: lines, column: nil, reason: "expected 5 fields, found 4")) {
            _ = try TaobaoLoader.load(path: DataFiles.taobao, options: LoadOptions(strict: true))
        }
    }

    @Test func taobaoBadBehaviorIsReportedWithItsColumn() throws {
        let path = try temporaryFile("1,2,3,pv,100\n1,2,3,click,101\n1,x,3,pv,102\n", suffix: ".txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (log, report) = try TaobaoLoader.load(path: path)
        #expect(log.count == 1)
        #expect(report.issues.map(\.line) == [2, 3])
        #expect(report.issues.map(\.column) == [4, 2])
    }

    @Test(needsRealData) func lastFMAndAudioscrobblerReadEveryRow() throws {
        let (lfm, r1) = try ListeningLoader.loadLastFM(path: DataFiles.lastFM)
        #expect(lfm.count == 92_834 && r1.malformedRows == 0)  // README: 92,834 rows + header
        #expect(Set(lfm.users).count == 1_892 && Set(lfm.artists).count == 17_632)
        #expect(lfm.users[0] == 2 && lfm.artists[0] == 51 && lfm.counts[0] == 13_883)  // "2\t51\t13883"
        let (asc, r2) = try ListeningLoader.loadAudioscrobbler(path: DataFiles.audioscrobbler)
        #expect(asc.count == 49_481 && r2.malformedRows == 0)
        #expect(Set(asc.users).count == 50)
        #expect(asc.users[0] == 1_059_637 && asc.artists[0] == 1_000_010 && asc.counts[0] == 238)
    }

    @Test(needsRealData) func kuaiRandVideoFeaturesKeepQuotedTagListsAndMissingDurations() throws {
        let (v, report) = try KuaiRandLoader.loadVideos(path: DataFiles.kuaiRandVideos)
        #expect(v.count == 7_583 && report.malformedRows == 0)
        // Line 7: 5,8367059,NORMAL,…,358016.0,…,"20,43"
        let k = try #require(v.videoIDs.firstIndex(of: 5))
        #expect(v.authorIDs[k] == 8_367_059 && v.durationsMs[k] == 358_016 && v.tags[k] == [20, 43])
        // 239 videos have an empty video_duration (counted with a csv reader once, see report).
        #expect(v.durationsMs.filter(\.isNaN).count == 239)
    }

    @Test func kuaiRandLogFormatReadsByHeaderAndRejectsNonBinaryFlags() throws {
        let (log, report) = try KuaiRandLoader.loadLog(path: try fixture("kuairand_log_small.csv"))
        #expect(log.count == 5)
        #expect(report.issues.map(\.line) == [6] && report.issues.first?.column == 6)
        #expect(log.users == [0, 0, 0, 1, 1] && log.videos == [101, 102, 103, 101, 105])
        #expect(log.playTimeMs == [20_000, 3_000, 12_000, 9_000, 18_000])
        #expect(log.longView == [1, 0, 1, 0, 1])
        #expect(log.feedback["is_like"] == [0, 0, 1, 0, 0])
        #expect(log.feedback["is_follow"] == [0, 0, 0, 1, 0])
        #expect(log.timeMs[0] == 1_649_383_200_000)
    }

    @Test func kuaiRandLogWithoutLongViewDerivesIt() throws {
        let path = try temporaryFile("user_id,video_id,time_ms,is_click,play_time_ms,duration_ms\n1,2,3,1,10000,10000\n1,3,4,1,9999,10000\n1,4,5,0,18000,60000\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (log, _) = try KuaiRandLoader.loadLog(path: path)
        #expect(log.longView == [1, 0, 1])
    }

    @Test(needsRealData) func aliCCPNeverUsesALabelAsAFeature() throws {
        // torch-rechub's Ali-CCP pipeline kept a label among the features and reached AUC 1.0.
        let schema = try ImpressionSchemas.aliCCP(path: DataFiles.aliCCPTrain)
        let (train, report) = try TableLoader.load(path: DataFiles.aliCCPTrain, schema: schema)
        // 100 data lines, 2 of them exact repeats of earlier lines (counted once with Python's Counter).
        #expect(report.rowsAccepted == 98 && report.duplicateRows == 2 && report.malformedRows == 0)
        #expect(train.objectives.map(\.name) == ["click", "purchase"])
        let featureNames = Set(train.categorical.map(\.name) + train.numeric.map(\.name))
        #expect(!featureNames.contains("click") && !featureNames.contains("purchase"))
        let encoder = try FeatureEncoder(fitting: train)
        let table = try encoder.encode(train)
        // No encoded feature column equals (or is an affine copy of) a label column.
        for k in 0..<2 {
            let y = table.labelColumn(k)
            for j in 0..<table.layout.itemCategoricalCount {
                let col = (0..<table.count).map { Float(table.itemCategorical[$0 * table.layout.itemCategoricalCount + j]) }
                #expect(!isAffineCopy(col, of: y), "item field \(table.layout.itemCategoricalNames[j]) copies label \(k)")
            }
            for j in 0..<table.layout.userCategoricalCount {
                let col = (0..<table.count).map { Float(table.userCategorical[$0 * table.layout.userCategoricalCount + j]) }
                #expect(!isAffineCopy(col, of: y), "user field \(table.layout.userCategoricalNames[j]) copies label \(k)")
            }
            for j in 0..<table.layout.itemDenseCount {
                let col = (0..<table.count).map { table.itemDense[$0 * table.layout.itemDenseCount + j] }
                #expect(!isAffineCopy(col, of: y), "item dense \(table.layout.itemDenseNames[j]) copies label \(k)")
            }
            for j in 0..<table.layout.userDenseCount {
                let col = (0..<table.count).map { table.userDense[$0 * table.layout.userDenseCount + j] }
                #expect(!isAffineCopy(col, of: y), "user dense \(table.layout.userDenseNames[j]) copies label \(k)")
            }
        }
        // The same schema with a label added as a feature is refused.
        var leaky = schema
        leaky.columns.append(.init(name: "purchase", role: .itemNumeric))
        #expect(throws: DataError.labelUsedAsFeature(column: "purchase")) { try leaky.validate() }
    }

    /// Whether `x` is `a·y + b` for some a ≠ 0 (i.e. the feature carries the label exactly).
    private func isAffineCopy(_ x: [Float], of y: [Float]) -> Bool {
        guard let i0 = y.firstIndex(of: 0), let i1 = y.firstIndex(of: 1) else { return false }
        let (x0, x1) = (x[i0], x[i1])
        guard x0 != x1 else { return false }
        return zip(x, y).allSatisfy { $0.0 == ($0.1 == 0 ? x0 : x1) }
    }

    @Test(needsRealData) func aliCCPTestSplitEncodesWithTheTrainingEncoder() throws {
        let schema = try ImpressionSchemas.aliCCP(path: DataFiles.aliCCPTrain)
        let (train, _) = try TableLoader.load(path: DataFiles.aliCCPTrain, schema: schema)
        let (test, _) = try TableLoader.load(path: DataFiles.aliCCPTest, schema: schema)
        let encoder = try FeatureEncoder(fitting: train)
        let t = try encoder.encode(test)
        #expect(t.count == 50 && t.layout == encoder.layout)
        #expect(t.layout.userCategoricalNames.first == "101" && t.layout.itemCategoricalNames.first == "205")
    }

    @Test(needsRealData) func aliExpressLoadsWithSearchIdAsUserKey() throws {
        let schema = try ImpressionSchemas.aliExpress(path: DataFiles.aliExpressTrain)
        let (t, report) = try TableLoader.load(path: DataFiles.aliExpressTrain, schema: schema)
        #expect(report.rowsAccepted == 100)
        #expect(t.objectives.map(\.name) == ["click", "conversion"])
        #expect(t.categorical.filter { $0.tower == .item }.count == 16)
        #expect(t.numeric.count == 63)
        #expect(t.userKeys[0] == 81)  // first data line starts with search_id 81
    }
}
