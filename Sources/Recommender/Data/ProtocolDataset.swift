import Foundation
import NumericCore

/// The published multi-task protocols' data: impression files (Ali-CCP, AliExpress) and census-income,
/// read from the training file and its released siblings.
///
/// Splits follow the releases: the training file trains; a sibling validation file (the training
/// file's name with its last `train` replaced by `val`, `valid` or `validation`) validates; a sibling
/// test file (`train` → `test`, or for the original census `.data` → `.test`) tests. Without a
/// validation file, census-income splits its test file 1:1 at random into validation and test (the
/// MMoE paper's protocol), and the impression datasets hold out 10 % of the training rows at random
/// (their releases have no validation set). Without a test file, 10 % of the training rows test.
/// Every random part draws from `seed`. The encoder is fitted on the training split only.
///
/// The impression formats are parsed straight into encoded columns (`makeImpressions`), census-income
/// through a `RawTable` (`makeFromRawTables`); both give the same tables for the same files.
public enum ProtocolDataset {
    /// Builds the scenario data of an impression or census protocol from its training file.
    /// - Throws: `DataError` (missing file, wrong header, empty split, …), `.invalidArgument` for a
    ///   format that is not one of `aliCCP`, `aliExpress`, `censusIncome`.
    public static func make(format: DataFormat, trainPath: String, seed: UInt64 = 42, load: LoadOptions = LoadOptions()) throws -> ScenarioData {
        switch format {
        case .aliCCP, .aliExpress: return try makeImpressions(format: format, trainPath: trainPath, seed: seed, load: load)
        default: return try makeFromRawTables(format: format, trainPath: trainPath, seed: seed, load: load)
        }
    }

    /// `make` through `RawTable`s fitted and encoded by `FeatureEncoder` (every format; the reference
    /// the compact impression path is tested against).
    static func makeFromRawTables(format: DataFormat, trainPath: String, seed: UInt64 = 42, load: LoadOptions = LoadOptions()) throws -> ScenarioData {
        func read(_ path: String) throws -> (RawTable, LoadReport) {
            switch format {
            case .aliCCP: return try TableLoader.load(path: path, schema: ImpressionSchemas.aliCCP(path: trainPath), options: load)
            case .aliExpress: return try TableLoader.load(path: path, schema: ImpressionSchemas.aliExpress(path: trainPath), options: load)
            case .censusIncome:
                var keepAll = load
                keepAll.dropDuplicates = false  // the census rows are weighted survey records: repeats are real
                return try CensusIncomeLoader.load(path: path, options: keepAll)
            default: throw DataError.invalidArgument("\(format.rawValue) is not an impression or census protocol format")
            }
        }
        var (train, report) = try read(trainPath)
        let (validationPath, testPath) = heldOutFiles(beside: trainPath)
        func shuffled(_ n: Int, _ name: String) -> [Int] { seededOrder(n, seed: seed, name: name) }
        var test: RawTable, validation: RawTable
        var notes = ["\(format.rawValue) training file \(trainPath): \(train.count) rows"]
        if let testPath {
            let (t, r) = try read(testPath)
            test = t; merge(&report, r)
            notes.append("test file \(testPath): \(t.count) rows")
        } else {
            let order = shuffled(train.count, "test-holdout"), cut = train.count / 10
            test = train.subset(Array(order[..<cut]).sorted()); train = train.subset(Array(order[cut...]).sorted())
            notes.append("no test file next to the training file: 10 % of its rows held out at random (seed \(seed))")
        }
        if let validationPath {
            let (v, r) = try read(validationPath)
            validation = v; merge(&report, r)
            notes.append("validation file \(validationPath): \(v.count) rows")
        } else if format == .censusIncome, testPath != nil {
            let order = shuffled(test.count, "validation-from-test"), half = test.count / 2
            validation = test.subset(Array(order[..<half]).sorted()); test = test.subset(Array(order[half...]).sorted())
            notes.append("test file split 1:1 at random into validation and test (MMoE protocol, seed \(seed))")
        } else {
            let order = shuffled(train.count, "validation-holdout"), cut = train.count / 10
            validation = train.subset(Array(order[..<cut]).sorted()); train = train.subset(Array(order[cut...]).sorted())
            notes.append("no validation file: 10 % of the training rows held out at random (seed \(seed))")
        }
        return try ScenarioData.encode(kind: format.kind, train: train, validation: validation, test: test, options: EncoderOptions(),
                                       isSimulated: false, notes: notes, report: report)
    }

    /// The validation and test files next to a training file, when they exist: `train` in the name
    /// replaced by `val` / `valid` / `validation` and by `test` (census: `x.data` → `x.test`).
    static func heldOutFiles(beside trainPath: String) -> (validation: String?, test: String?) {
        let validation = sibling(of: trainPath, replacing: "train", with: ["val", "valid", "validation"])
        let test = sibling(of: trainPath, replacing: "train", with: ["test"])
            ?? (trainPath.hasSuffix(".data") ? existingFile(String(trainPath.dropLast(5)) + ".test") : nil)
        return (validation, test)
    }

    /// `0..<n` shuffled by the generator `SeededGenerator(seed:).split(name)`: the protocols' random
    /// hold-outs. - Complexity: O(n).
    static func seededOrder(_ n: Int, seed: UInt64, name: String) -> [Int] {
        var order = Array(0..<n)
        var g = SeededGenerator(seed: seed).split(name)
        g.shuffle(&order)
        return order
    }

    /// `path` with the last occurrence of `word` in its file name replaced by the first of `words`
    /// naming an existing file.
    static func sibling(of path: String, replacing word: String, with words: [String]) -> String? {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        guard let range = name.range(of: word, options: .backwards) else { return nil }
        for w in words {
            let candidate = url.deletingLastPathComponent().appendingPathComponent(name.replacingCharacters(in: range, with: w)).path
            if let found = existingFile(candidate) { return found }
        }
        return nil
    }

    static func existingFile(_ path: String) -> String? { FileManager.default.fileExists(atPath: path) ? path : nil }

    static func merge(_ report: inout LoadReport, _ other: LoadReport) {
        report.rowsAccepted += other.rowsAccepted; report.malformedRows += other.malformedRows
        report.duplicateRows += other.duplicateRows; report.blankLines += other.blankLines
        report.missingCells += other.missingCells; report.issues += other.issues
    }
}
