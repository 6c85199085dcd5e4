import Foundation
import Testing
import NumericCore
@testable import Recommender

/// The protocol datasets (census-income, Ali-CCP, AliExpress) and their metrics, on hand-written
/// fixtures (values worked out from the rows in `Fixtures/`) and, when present, the real samples.
@Suite struct DataProtocolTests {
    @Test func censusOriginalLayoutGivesTheMMoETasksAndNeverUsesMaritalStatusAsAFeature() throws {
        let (t, report) = try CensusIncomeLoader.load(path: try fixture("census_income_small.data"))
        #expect(t.count == 6 && report.malformedRows == 0)
        #expect(t.objectives.map(\.name) == ["income", "marital_status"])
        #expect(t.labels[0] == [1, 0, 0, 1, 0, 0])  // " 50000+." on lines 1 and 4
        #expect(t.labels[1] == [0, 1, 0, 0, 1, 0])  // " Never married" on lines 2 and 5
        let names = t.categorical.map(\.name) + t.numeric.map(\.name)
        #expect(!names.contains("marital stat") && !names.contains("income") && !names.contains("instance weight"))
        #expect(t.numeric.count == 7 && t.categorical.count == 42 - 3 - 7)
        #expect(t.numeric.first { $0.name == "age" }?.values == [58, 19, 41, 45, 7, 66])
        #expect(t.numeric.first { $0.name == "capital gains" }?.values == [15024, 0, 0, 0, 0, 0])
        // Text categories are keys of the trimmed text: lines 1 and 4 share no class of worker, lines 5 and 6 do.
        let worker = try #require(t.categorical.first { $0.name == "class of worker" }).values
        #expect(worker[4] == worker[5] && worker[0] != worker[3])
    }

    @Test func censusWithALeadingRowIndexAndAMalformedRowIsReadTheSame() throws {
        let lines = try String(contentsOfFile: try fixture("census_income_small.data"), encoding: .utf8).split(separator: "\n")
        let indexed = try temporaryFile(lines.enumerated().map { "\($0.offset + 100),\($0.element)" }.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: indexed) }
        let (a, _) = try CensusIncomeLoader.load(path: indexed)
        let (b, _) = try CensusIncomeLoader.load(path: try fixture("census_income_small.data"))
        #expect(a.labels == b.labels && a.numeric == b.numeric && a.categorical == b.categorical)
        let (test, report) = try CensusIncomeLoader.load(path: try fixture("census_income_small.test"))
        #expect(test.count == 3 && report.malformedRows == 1 && report.issues.first?.line == 4)
    }

    @Test func censusEncodedLayoutReadsItsZeroOneLabels() throws {
        let path = try fixture("census_income_encoded_small.csv")
        let (t, report) = try CensusIncomeLoader.load(path: path)
        #expect(t.count == 3 && report.malformedRows == 1)
        #expect(report.issues.first?.line == 5 && report.issues.first?.column == 41)  // income = 2
        #expect(t.labels[0] == [1, 0, 0] && t.labels[1] == [0, 1, 0])
        #expect(t.numeric.map(\.name).sorted() == ["age", "capital gains", "capital losses", "divdends from stocks",
                                                   "num persons worked for employer", "wage per hour", "weeks worked in year"])
        #expect(!t.categorical.map(\.name).contains("marital status"))
    }

    @Test func censusProtocolSplitsTheTestFileOneToOne() throws {
        let d = try ScenarioData.make(kind: .census, dataPath: try fixture("census_income_small.data"), seed: 3)
        #expect(d.kind == .census && !d.isSimulated)
        #expect(d.layout.objectives.map(\.name) == ["income", "marital_status"])
        #expect(d.train.count == 6 && d.validation.count == 1 && d.test.count == 2)  // 3 valid test rows: ⌊3/2⌋ validate
        #expect(d.notes.contains { $0.contains("1:1") })
        #expect(throws: DataError.self) { _ = try ScenarioData.make(kind: .ecommerce, dataPath: try fixture("census_income_small.data"), format: .censusIncome) }
        let synthetic = try ScenarioData.make(kind: .census, syntheticRows: 300, seed: 1)
        #expect(synthetic.isSimulated && synthetic.layout.objectives.map(\.name) == ["income", "marital_status"])
    }

    @Test func aliCCPProtocolReadsTheSiblingValidationAndTestFiles() throws {
        let d = try ScenarioData.make(kind: .ecommerce, dataPath: try fixture("ali_ccp_train_small.csv"), seed: 1)
        #expect(d.train.count == 5 && d.validation.count == 3 && d.test.count == 3)
        #expect(d.layout.objectives.map(\.name) == ["click", "purchase"])
        #expect(d.notes.contains { $0.contains("ali_ccp_val_small.csv") } && d.notes.contains { $0.contains("ali_ccp_test_small.csv") })
        let named = try ScenarioData.make(kind: .ecommerce, dataPath: try fixture("ali_ccp_train_small.csv"), format: .aliCCP, seed: 1)
        #expect(named.train == d.train && named.test == d.test)
        // The ESMM model trains on it.
        let model = try MultiObjectiveModel(layout: d.layout, configuration: .esmm(towerWidths: [4], embeddingDimension: 2), seed: 1)
        #expect(try model.predictScores(d.test).rows == 3)
    }

    @Test(needsRealData) func realAliCCPAndAliExpressSamplesBuildTheirProtocols() throws {
        let ccp = try ScenarioData.make(kind: .ecommerce, dataPath: DataFiles.aliCCPTrain, format: .aliCCP, seed: 1)
        #expect(ccp.train.count == 98 && ccp.validation.count > 0 && ccp.test.count > 0)
        let ae = try ScenarioData.make(kind: .ecommerce, dataPath: DataFiles.aliExpressTrain, seed: 1)
        // No validation file: 10 of the 100 training rows validate; the test file has 20 rows.
        #expect(ae.train.count == 90 && ae.validation.count == 10 && ae.test.count == 20)
        let census = try ScenarioData.make(kind: .census, dataPath: DataFiles.path("census/census_income_train_sample.csv"), seed: 1)
        #expect(census.train.count == 80 && census.validation.count == 20 && census.test.count == 20)
        // The raw sample: 200 lines of 43 fields (a leading row index); counted with grep: 12 lines with
        // " 50000+." and 84 with " Never married".
        let (raw, report) = try CensusIncomeLoader.load(path: DataFiles.path("census/census-income.sample.csv"), options: LoadOptions(dropDuplicates: false))
        #expect(raw.count == 200 && report.malformedRows == 0)
        #expect(raw.labels[0].reduce(0, +) == 12 && raw.labels[1].reduce(0, +) == 84)
    }

    /// Hand example: clicks [1, 1, 0, 0], conversions [1, 0, 0, 0], click logits [2, 1, 0, −1] and
    /// click-and-convert logits [1, 0.5, −1, −2]. CTR and CTCVR rank perfectly (AUC 1). On the two
    /// clicked rows pCVR = σ(1)/σ(2) ≈ 0.830 < σ(0.5)/σ(1) ≈ 0.851: the converted row ranks below, AUC 0
    /// — although its CTCVR logit is the larger one.
    @Test func conversionAUCsUseTheRatioOnClickedRows() throws {
        let scores = try Matrix<Float>(rows: 4, columns: 2, storage: [2, 1, 1, 0.5, 0, -1, -1, -2])
        let a = try Metrics.conversionAUCs(scores: scores, click: [1, 1, 0, 0], conversion: [1, 0, 0, 0])
        #expect(a == ConversionAUCs(ctr: 1, cvr: 0, ctcvr: 1))
        #expect(throws: MetricError.self) { _ = try Metrics.conversionAUCs(scores: scores, click: [1, 1, 0], conversion: [1, 0, 0]) }
    }
}
