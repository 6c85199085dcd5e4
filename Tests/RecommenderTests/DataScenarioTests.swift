import Foundation
import Testing
@testable import Recommender

@Suite struct DataScenarioTests {
    @Test func syntheticScenariosAreDeterministicAndSaySimulated() throws {
        for kind in ScenarioKind.allCases {
            let cfg = try SyntheticScenario(kind: kind, users: 50, items: 40, rows: 2_000, seed: 3)
            let a = try cfg.generate(), b = try cfg.generate()
            #expect(a.train == b.train && a.validation == b.validation && a.test == b.test)
            #expect(a.isSimulated && a.notes.first?.hasPrefix("SIMULATED") == true)
            #expect(a.train.layout == a.test.layout && a.train.layout == a.validation.layout)
            #expect(a.train.count + a.validation.count + a.test.count == 2_000)
            #expect(a.validation.count == 200 && a.test.count == 200)
            let other = try SyntheticScenario(kind: kind, users: 50, items: 40, rows: 2_000, seed: 4).generate()
            #expect(other.train != a.train)
        }
        let video = try SyntheticScenario(kind: .video, users: 10, items: 10, rows: 100).generate()
        #expect(video.layout.objectives == [ObjectiveSpec(name: "depth", kind: .binary), ObjectiveSpec(name: "watch_time", kind: .continuous)])
    }

    /// Pearson correlation of the two objectives' labels over all rows.
    private func labelCorrelation(_ conflict: Double) throws -> Double {
        let d = try SyntheticScenario(kind: .music, users: 300, items: 300, rows: 20_000, conflict: conflict, seed: 11).generate()
        let a = d.train.labelColumn(0).map(Double.init), b = d.train.labelColumn(1).map(Double.init)
        let ma = a.reduce(0, +) / Double(a.count), mb = b.reduce(0, +) / Double(b.count)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in a.indices { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb) }
        return sab / (saa * sbb).squareRoot()
    }

    @Test func conflictKnobTurnsSharedSignalIntoOpposingSignal() throws {
        // Affinities have corr cos(πc); with the shared user bias the label correlation is clearly
        // positive at c = 0 and clearly below it, negative, at c = 1.
        let shared = try labelCorrelation(0), unrelated = try labelCorrelation(0.5), opposed = try labelCorrelation(1)
        #expect(shared > 0.3)
        #expect(opposed < -0.1)
        #expect(shared > unrelated && unrelated > opposed)
    }

    @Test func syntheticConfigurationIsValidated() {
        #expect(throws: DataError.self) { _ = try SyntheticScenario(kind: .music, conflict: 1.5) }
        #expect(throws: DataError.self) { _ = try SyntheticScenario(kind: .music, rows: 3) }
        #expect(throws: DataError.self) { _ = try SyntheticScenario(kind: .music, latentDimension: 3) }
        #expect(SyntheticScenario.defaultConfiguration(for: .video).rows == 100_000)
    }

    @Test func denseBenchmarkHasTheRequestedShapeAndRoundTripsThroughCSV() throws {
        let t = try SyntheticScenario.denseBenchmark(rows: 300, userFeatures: 64, itemFeatures: 64, seed: 9)
        #expect(t.count == 300 && t.layout.userDenseCount == 64 && t.layout.itemDenseCount == 64)
        #expect(t.layout.userCategoricalCount == 0 && t.layout.objectiveCount == 2)
        #expect(t == (try SyntheticScenario.denseBenchmark(rows: 300, userFeatures: 64, itemFeatures: 64, seed: 9)))
        let rate0 = t.labelColumn(0).reduce(0, +) / 300, rate1 = t.labelColumn(1).reduce(0, +) / 300
        #expect(rate0 > 0.3 && rate0 < 0.7 && rate1 > 0.3 && rate1 < 0.7)
        let path = NSTemporaryDirectory() + "paretorec-dense-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ExampleTableCSV.write(t, to: path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 301)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.count == 2 + 128 + 2 && header[2] == "u0" && header[66] == "i0" && header.suffix(2) == ["y0", "y1"])
        // Every float parses back to the same bits.
        let row7 = lines[8].split(separator: ",").map(String.init)
        for j in 0..<64 {
            #expect(Float(row7[2 + j]) == t.userDense[7 * 64 + j])
            #expect(Float(row7[66 + j]) == t.itemDense[7 * 64 + j])
        }
        #expect(Float(row7[130]) == t.labels[14] && Float(row7[131]) == t.labels[15])
    }

    @Test(needsRealData) func taobaoScenarioBuildsSharedLayoutWithSampledNegatives() throws {
        // The first 30,000 events keep the test fast in debug builds (the loader tests read the whole file).
        let options = RealScenarioOptions(negativesPerPositive: 2, seed: 1, load: LoadOptions(rowLimit: 30_000))
        let d = try EcommerceDataset.taobao(path: DataFiles.taobao, options: options)
        #expect(!d.isSimulated && d.loadReport?.rowsAccepted == 30_000)
        #expect(d.layout.objectives.map(\.name) == ["click", "purchase"])
        #expect(d.layout.userCategoricalNames == ["user_id"] && d.layout.itemCategoricalNames == ["item_id", "category_id"])
        for t in [d.train, d.validation, d.test] {
            #expect(t.layout == d.layout)
            let click = t.labelColumn(0), buy = t.labelColumn(1)
            let positives = click.filter { $0 == 1 }.count
            // Two negatives per positive, except when a draw failed (not expected with ~60k items).
            #expect(t.count == positives * 3)
            // Purchase only on viewed pairs.
            #expect(zip(click, buy).allSatisfy { $0.0 == 1 || $0.1 == 0 })
        }
        #expect(d.train.labelColumn(1).contains(1))
        // Leave-last-out: one validation and one test positive per user with ≥ 3 viewed items.
        let testUsers = Set(d.test.userKeys)
        #expect(d.test.labelColumn(0).filter { $0 == 1 }.count == testUsers.count)
        // Same seed, same tables.
        let again = try EcommerceDataset.taobao(path: DataFiles.taobao, options: options)
        #expect(again.train == d.train && again.test == d.test)
    }

    /// The popularity feature must mean the same on training and held-out rows: a training positive's
    /// own occurrence is left out of its item's count. With the leak (count including the row itself)
    /// popularity alone separated training positives from negatives (AUC ≈ 0.9) but pointed the other
    /// way on the test split (≈ 0.1: sampled negatives are frequent items), and a trained model's test
    /// click AUC fell to ≈ 0.16; with the fix it is ≈ 0.90.
    @Test(needsRealData) func taobaoPopularityFeatureDoesNotLeakTheLabel() throws {
        let options = RealScenarioOptions(negativesPerPositive: 2, seed: 1, load: LoadOptions(rowLimit: 30_000))
        let d = try EcommerceDataset.taobao(path: DataFiles.taobao, options: options)
        let column = try #require(d.layout.itemDenseNames.firstIndex(of: "item_popularity"))
        func popularityAUC(_ t: ExampleTable) throws -> Double {
            let width = t.layout.itemDenseCount
            let scores = (0..<t.count).map { t.itemDense[$0 * width + column] }
            return try Metrics.auc(scores: scores, labels: t.labelColumn(0))
        }
        let train = try popularityAUC(d.train), test = try popularityAUC(d.test)
        #expect(abs(train - test) < 0.15, "popularity AUC train \(train) vs test \(test)")
    }

    @Test(needsRealData) func lastFMScenarioLabelsRepeatListeningOnPositivesOnly() throws {
        let d = try MusicDataset.lastFM(path: DataFiles.lastFM, options: RealScenarioOptions(negativesPerPositive: 1, split: .random(validation: 0.1, test: 0.1, seed: 2), minUserCount: 1))
        #expect(d.layout.objectives.map(\.name) == ["depth", "repeat"])
        let total = d.train.count + d.validation.count + d.test.count
        #expect(total == 2 * 92_834)
        let repeatRate = d.train.labelColumn(1).reduce(0, +) / d.train.labelColumn(0).reduce(0, +)
        #expect(repeatRate > 0.4 && repeatRate < 0.55)  // above-median: a bit under half of each user's artists
        #expect(throws: DataError.self) {
            _ = try MusicDataset.lastFM(path: DataFiles.lastFM, options: RealScenarioOptions(split: .leaveLastOut))
        }
    }

    @Test(needsRealData) func kuaiRandVideosWithSimulatedUsersSayWhatIsSimulated() throws {
        let d = try VideoDataset.kuaiRandSimulated(videoFeaturesPath: DataFiles.kuaiRandVideos, users: 100, rows: 3_000, seed: 5)
        #expect(d.isSimulated)
        #expect(d.notes.contains { $0.contains("users and responses (depth, watch_time) are SIMULATED") })
        #expect(d.layout.itemDenseNames.contains("log_duration") && d.layout.itemDenseNames.contains("log_duration#missing"))
        // Item keys are real video ids (0…7582 in the file).
        #expect(d.train.itemKeys.allSatisfy { (0..<7_583).contains($0) })
    }

    @Test func missingFileIsOneClearError() {
        #expect(throws: DataError.fileNotFound(path: "/no/such/taobao.csv")) { _ = try EcommerceDataset.taobao(path: "/no/such/taobao.csv") }
        #expect(DataError.fileNotFound(path: "/no/such/taobao.csv").description == "/no/such/taobao.csv: file not found")
        #expect(DataError.malformedRow(file: "f.csv", line: 3, column: 2, reason: "bad").description == "f.csv:3:2: malformed row: bad")
    }
}

@Suite struct DataScenarioMakeTests {
    @Test func withoutAFileTheSyntheticDefaultIsUsedAndMarked() throws {
        let d = try ScenarioData.make(kind: .ecommerce, syntheticRows: 500, seed: 1)
        #expect(d.isSimulated && d.train.count + d.validation.count + d.test.count == 500)
    }

    @Test func anUnrecognisedVideoFileIsOneClearError() throws {
        let path = try temporaryFile("a,b\n1,2\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: DataError.self) { _ = try ScenarioData.make(kind: .video, dataPath: path) }
        #expect(throws: DataError.fileNotFound(path: "/no/file")) { _ = try ScenarioData.make(kind: .music, dataPath: "/no/file") }
    }

    @Test func aKuaiRandLogIsRecognisedAndATooSmallOneGivesAnEmptySplitError() throws {
        // Five accepted rows, temporal split 80/10/10: the 0.8 and 0.9 time quantiles both fall between
        // the 4th and 5th times, so validation is empty — reported as such, not as a crash or a bad header.
        #expect(throws: DataError.emptySplit(name: "validation")) {
            _ = try ScenarioData.make(kind: .video, dataPath: try fixture("kuairand_log_small.csv"))
        }
    }
}
