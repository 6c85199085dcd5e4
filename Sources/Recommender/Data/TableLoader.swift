/// The generic schema-driven loader: streams a delimited file and returns a `RawTable` with the
/// roles the `TableSchema` assigns. Malformed rows (wrong field count, missing id or label, a
/// non-numeric numeric cell, a binary label other than 0/1) are reported with line and column and
/// skipped, or thrown in strict mode. Empty categorical cells become OOV and empty numeric cells NaN
/// (filled by the encoder). A file in which no row fits the schema is a `DataError.schemaMismatch`.
public enum TableLoader {
    /// Loads `path` with `schema`.
    /// - Complexity: O(file size) time; memory proportional to the accepted rows.
    /// - Throws: `DataError` (missing file, unknown column, schema mismatch, malformed row in strict mode).
    public static func load(path: String, schema: TableSchema, options: LoadOptions = LoadOptions()) throws -> (RawTable, LoadReport) {
        try schema.validate()
        let reader = try DelimitedReader(path: path, format: try schema.delimitedFormat())
        // Resolve every column to a field index.
        let index = try schema.fieldIndices(in: reader, path: path)
        let expectedFields = schema.header ? reader.header.count : nil
        let minFields = (index.max() ?? 0) + 1

        // Output columns.
        var categorical = [RawTable.CategoricalColumn]()
        var catSource = [(column: Int, token: Int?)]()  // schema column, sequence position
        var numeric = [RawTable.NumericColumn]()
        var numSource = [Int]()
        var objectives = [ObjectiveSpec]()
        var labelSource = [Int]()
        var userCol = 0
        var itemCol: Int? = nil
        var timeCol: Int? = nil
        // Id fields first within their tower.
        for (k, c) in schema.columns.enumerated() where c.role == .userID || c.role == .itemID {
            categorical.append(.init(name: c.displayName, tower: c.role == .userID ? .user : .item, hashBuckets: c.hashBuckets))
            catSource.append((k, nil))
            if c.role == .userID { userCol = k } else { itemCol = k }
        }
        for (k, c) in schema.columns.enumerated() {
            switch c.role {
            case .userCategorical, .itemCategorical:
                categorical.append(.init(name: c.displayName, tower: c.role == .userCategorical ? .user : .item, hashBuckets: c.hashBuckets))
                catSource.append((k, nil))
            case .userSequence, .itemSequence:
                for p in 0..<(c.maxLength ?? 5) {
                    categorical.append(.init(name: "\(c.displayName)[\(p)]", tower: c.role == .userSequence ? .user : .item,
                                             group: c.displayName, hashBuckets: c.hashBuckets))
                    catSource.append((k, p))
                }
            case .userNumeric, .itemNumeric:
                numeric.append(.init(name: c.displayName, tower: c.role == .userNumeric ? .user : .item,
                                     transform: c.transform ?? .standardize, fill: c.fill, missingIndicator: c.missingIndicator ?? false))
                numSource.append(k)
            case .label:
                objectives.append(ObjectiveSpec(name: c.displayName, kind: c.kind ?? .binary))
                labelSource.append(k)
            case .timestamp: timeCol = k
            case .userID, .itemID, .ignore: break
            }
        }
        var labels = Array(repeating: [Double](), count: objectives.count)
        var userKeys = [Int64](), itemKeys = [Int64](), lines = [Int]()
        var timestamps: [Int64]? = timeCol == nil ? nil : []
        var report = LoadReport()
        var rowCat = [Int64](repeating: 0, count: categorical.count)
        var rowNum = [Double](repeating: 0, count: numeric.count)
        var rowLab = [Double](repeating: 0, count: objectives.count)
        var seqCache = [Int: [Int64]]()

        try reader.forEachRecord(report: &report, options: options) { r, report in
            func reject(_ column: Int?, _ why: String) throws -> Bool {
                try report.reject(DataIssue(file: path, line: r.line, column: column.map { $0 + 1 }, reason: why), options: options)
                return false
            }
            if let n = expectedFields, r.fieldCount != n { return try reject(nil, "expected \(n) fields, found \(r.fieldCount)") }
            if r.fieldCount < minFields { return try reject(nil, "expected at least \(minFields) fields, found \(r.fieldCount)") }
            guard let u = r.key(index[userCol]) else { return try reject(index[userCol], "missing user id") }
            var it = Int64(r.line)
            if let ic = itemCol {
                guard let k = r.key(index[ic]) else { return try reject(index[ic], "missing item id") }
                it = k
            }
            var ts: Int64 = 0
            if let tc = timeCol {
                let f = index[tc]
                if let v = r.int64(f) { ts = v } else if let d = r.double(f), d.isFinite { ts = Int64(d) } else {
                    return try reject(f, "timestamp '\(r.string(f))' is not a number")
                }
            }
            var missing = 0
            seqCache.removeAll(keepingCapacity: true)
            for (j, src) in catSource.enumerated() {
                let f = index[src.column]
                if let p = src.token {
                    let sep = schema.columns[src.column].separator ?? "|"
                    if seqCache[src.column] == nil {
                        let text = r.string(f)
                        seqCache[src.column] = text.isEmpty ? [] : text.split(separator: Character(sep), omittingEmptySubsequences: true)
                            .compactMap { DelimitedRecord.key(ofToken: $0) }
                    }
                    let toks = seqCache[src.column]!
                    rowCat[j] = p < toks.count ? toks[p] : RawTable.missingKey
                } else if let k = r.key(f) {
                    rowCat[j] = k
                } else {
                    rowCat[j] = RawTable.missingKey
                    missing += 1
                }
            }
            for (j, k) in numSource.enumerated() {
                let f = index[k]
                if r.isEmpty(f) { rowNum[j] = .nan; missing += 1; continue }
                guard let v = r.double(f) else { return try reject(f, "'\(r.string(f))' is not a number") }
                rowNum[j] = v.isFinite ? v : .nan
            }
            for (j, k) in labelSource.enumerated() {
                let f = index[k]
                guard let v = r.double(f), v.isFinite else { return try reject(f, "label '\(r.string(f))' is missing or not a number") }
                if objectives[j].kind == .binary, v != 0, v != 1 { return try reject(f, "binary label must be 0 or 1, found \(r.string(f))") }
                rowLab[j] = v
            }
            report.missingCells += missing
            for j in categorical.indices { categorical[j].values.append(rowCat[j]) }
            for j in numeric.indices { numeric[j].values.append(rowNum[j]) }
            for j in labels.indices { labels[j].append(rowLab[j]) }
            userKeys.append(u); itemKeys.append(it); lines.append(r.line)
            timestamps?.append(ts)
            return true
        }
        if report.rowsAccepted == 0, let first = report.issues.first {
            throw DataError.schemaMismatch(file: path, line: first.line, reason: "no row fits the schema; first problem: \(first.reason)")
        }
        let table = RawTable(categorical: categorical, numeric: numeric, objectives: objectives, labels: labels,
                             userKeys: userKeys, itemKeys: itemKeys, timestamps: timestamps, sourceLines: lines)
        try table.validate(file: path)
        return (table, report)
    }
}
