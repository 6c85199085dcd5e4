import Foundation

/// Loads UCI census-income (KDD) files with the two tasks of the MMoE paper: `income` (over $50K)
/// and `marital_status` (never married).
///
/// Ma, Zhao, Yi, Chen, Hong & Chi, KDD 2018, doi:10.1145/3219819.3220007, Section 5.2; data:
/// Lane & Kohavi, UCI Census-Income (KDD), doi:10.24432/C5N30T.
///
/// Two layouts are read:
/// - the original `census-income.data` / `.test`: 42 comma-separated fields without header (a leading
///   row index, as in the shipped sample, is recognised by a 43rd field). Text fields have a leading
///   space; the label is ` - 50000.` or ` 50000+.`; `marital stat` ` Never married` gives the second
///   task. `instance weight` (a sampling weight, not a feature) is dropped.
/// - a label-encoded, scaled derivative with a header naming the columns, where `income` and
///   `marital status` already hold 0/1 labels.
/// In both, the seven continuous fields are numeric (standardized on the training split) and every
/// other field is categorical. The marital status is a label only, never a feature. A census row has
/// no user and no item: every field feeds the shared input (item side), and the row's line number is
/// its user and item key.
public enum CensusIncomeLoader {
    /// The 42 fields of the original files, in order.
    public static let originalColumns = [
        "age", "class of worker", "detailed industry recode", "detailed occupation recode", "education", "wage per hour",
        "enroll in edu inst last wk", "marital stat", "major industry code", "major occupation code", "race", "hispanic origin",
        "sex", "member of a labor union", "reason for unemployment", "full or part time employment stat", "capital gains",
        "capital losses", "dividends from stocks", "tax filer stat", "region of previous residence", "state of previous residence",
        "detailed household and family stat", "detailed household summary in household", "instance weight",
        "migration code-change in msa", "migration code-change in reg", "migration code-move within reg",
        "live in this house 1 year ago", "migration prev res in sunbelt", "num persons worked for employer",
        "family members under 18", "country of birth father", "country of birth mother", "country of birth self",
        "citizenship", "own business or self employed", "fill inc questionnaire for veteran's admin", "veterans benefits",
        "weeks worked in year", "year", "income"]

    /// Continuous fields (names of the original files and of the derivative).
    static let continuous: Set<String> = ["age", "wage per hour", "capital gains", "capital losses", "dividends from stocks",
                                          "divdends from stocks", "num persons worked for employer", "weeks worked in year"]

    /// Reads a census-income file in either layout.
    /// - Throws: `DataError` (missing file, a header without `income` and `marital status`, malformed
    ///   rows in strict mode).
    public static func load(path: String, options: LoadOptions = LoadOptions()) throws -> (RawTable, LoadReport) {
        let probe = try DelimitedReader(path: path, format: DelimitedFormat(quote: nil, hasHeader: true))
        let derived = probe.header.contains("income")
        if derived {
            guard probe.header.contains("marital status") else {
                throw DataError.unknownColumn(file: path, name: "marital status", available: probe.header)
            }
            return try read(path: path, names: probe.header, hasHeader: true, options: options)
        }
        return try read(path: path, names: nil, hasHeader: false, options: options)
    }

    private static func read(path: String, names: [String]?, hasHeader: Bool, options: LoadOptions) throws -> (RawTable, LoadReport) {
        let reader = try DelimitedReader(path: path, format: DelimitedFormat(quote: nil, hasHeader: hasHeader))
        let columns = names ?? originalColumns
        let incomeName = "income", maritalName = names == nil ? "marital stat" : "marital status"
        let featureNames = columns.filter { $0 != incomeName && $0 != maritalName && $0 != "instance weight" }
        var categorical = featureNames.filter { !continuous.contains($0) }.map { RawTable.CategoricalColumn(name: $0, tower: .item) }
        var numeric = featureNames.filter { continuous.contains($0) }.map { RawTable.NumericColumn(name: $0, tower: .item) }
        var income = [Double](), marital = [Double](), keys = [Int64](), lines = [Int]()
        var report = LoadReport()
        try reader.forEachRecord(report: &report, options: options) { r, report in
            func reject(_ column: Int?, _ why: String) throws -> Bool {
                try report.reject(DataIssue(file: path, line: r.line, column: column.map { $0 + 1 }, reason: why), options: options)
                return false
            }
            // The original files may carry a leading row index (43 fields).
            let offset = names == nil && r.fieldCount == columns.count + 1 ? 1 : 0
            guard r.fieldCount == columns.count + offset else {
                return try reject(nil, "expected \(columns.count) fields, found \(r.fieldCount)")
            }
            var y = [0.0, 0.0]
            for (k, name) in [incomeName, maritalName].enumerated() {
                let i = columns.firstIndex(of: name)! + offset
                if names != nil {
                    guard let v = r.double(i), v == 0 || v == 1 else { return try reject(i, "\(name) '\(r.string(i))' is not 0 or 1") }
                    y[k] = v
                } else if k == 0 {
                    let s = r.string(i)
                    if s.contains("50000+") { y[0] = 1 } else if s.contains("- 50000") { y[0] = 0 }
                    else { return try reject(i, "income '\(s)' is neither '- 50000.' nor '50000+.'") }
                } else {
                    y[1] = r.string(i).trimmingCharacters(in: .whitespaces) == "Never married" ? 1 : 0
                }
            }
            var cats = [Int64](), nums = [Double]()
            for (j, name) in columns.enumerated() where name != incomeName && name != maritalName && name != "instance weight" {
                let i = j + offset
                if continuous.contains(name) {
                    guard let v = r.double(i), v.isFinite else { return try reject(i, "\(name) '\(r.string(i))' is not a number") }
                    nums.append(v)
                } else {
                    cats.append(r.key(i) ?? RawTable.missingKey)
                }
            }
            for c in cats.indices { categorical[c].values.append(cats[c]) }
            for c in nums.indices { numeric[c].values.append(nums[c]) }
            income.append(y[0]); marital.append(y[1]); keys.append(Int64(r.line)); lines.append(r.line)
            return true
        }
        let table = RawTable(categorical: categorical, numeric: numeric,
                             objectives: [ObjectiveSpec(name: "income", kind: .binary), ObjectiveSpec(name: "marital_status", kind: .binary)],
                             labels: [income, marital], userKeys: keys, itemKeys: keys, sourceLines: lines)
        return (table, report)
    }
}
