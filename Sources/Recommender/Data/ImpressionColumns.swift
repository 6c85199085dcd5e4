/// An impression file (Ali-CCP, AliExpress) parsed straight into the row-major columns of an
/// `ExampleTable`, without an intermediate `RawTable`: categorical cells become dense 32-bit ids
/// while parsing; the training file's numeric cells (whose statistics are not fitted yet) wait in
/// their dense `Float` slots as `PackedDecimalCells` codes, and every later file is encoded to
/// `Float` on the fly.
///
/// Rows are accepted and rejected exactly as `TableLoader` does with the same schema (same checks in
/// the same order, same messages with line and 1-based column), so a file gives the same rows,
/// report and issues on either path.
struct ImpressionColumns {
    /// Number of rows.
    var count = 0
    /// `count × userCategoricalWidth`: dense ids (−1 = empty cell) while `isEncoded` is false,
    /// encoded indices afterwards.
    var userCategorical: [Int32] = []
    /// `count × itemCategoricalWidth`, like `userCategorical`.
    var itemCategorical: [Int32] = []
    /// User dense features: before encoding, each numeric slot holds the bit pattern of its
    /// `PackedDecimalCells` code (missing indicators are already 0/1); encoded values afterwards.
    var userDense: [Float] = []
    /// Item dense features, like `userDense`.
    var itemDense: [Float] = []
    /// The values of the numeric codes that do not pack (before encoding).
    var cells = PackedDecimalCells()
    /// `count × objectiveCount` labels.
    var labels: [Float] = []
    /// Raw user key per row.
    var userKeys: [Int64] = []
    /// Raw item key per row (the line number when the schema has no item id).
    var itemKeys: [Int64] = []
    /// Whether the cells are final encodings (false: dense ids and raw numbers).
    var isEncoded = false
}

/// The fields of an impression schema in the order the `RawTable` path gives them, with their slot
/// in the encoded rows; and the ids assigned so far (shared by every file of one dataset).
struct ImpressionFieldPlan {
    /// One categorical field.
    struct Categorical { let column: Int; let name: String; let tower: Tower; let hashed: HashedBuckets? }
    /// One numeric field.
    struct Numeric { let column: Int; let name: String; let tower: Tower; let transform: NumericTransform; let fill: Double?; let missingIndicator: Bool }

    let schema: TableSchema
    /// Categorical fields: user and item ids first, then the categorical columns, in schema order.
    let categorical: [Categorical]
    let numeric: [Numeric]
    let objectives: [ObjectiveSpec]
    let labelColumns: [Int]
    let userColumn: Int
    let itemColumn: Int?
    let userCategoricalWidth: Int
    let itemCategoricalWidth: Int
    /// Dense ids per categorical field, in order of first appearance (unused for hashed fields).
    var ids: [DenseIdMap]
    /// After fitting: dense id → encoded index per categorical field.
    var remap: [[Int32]] = []
    /// After fitting: the numeric encodings.
    var numericEncodings: [NumericEncoding] = []
    /// Whether the encodings are fitted (later files are then encoded while parsing).
    var isFitted = false

    /// The plan of `schema` (ids, categorical, numeric and label roles only).
    /// - Throws: `DataError.invalidArgument` for sequence or timestamp columns, `.invalidSchema` /
    ///   `.labelUsedAsFeature` from the schema's validation, `.schemaMismatch` for a repeated feature name.
    init(schema: TableSchema, hashSeed: UInt64) throws {
        try schema.validate()
        self.schema = schema
        var cats = [Categorical](), nums = [Numeric](), objectives = [ObjectiveSpec](), labels = [Int]()
        var user = 0, item: Int? = nil
        for (k, c) in schema.columns.enumerated() where c.role == .userID || c.role == .itemID {
            cats.append(Categorical(column: k, name: c.displayName, tower: c.role == .userID ? .user : .item,
                                    hashed: try c.hashBuckets.map { try HashedBuckets(buckets: $0, seed: hashSeed) }))
            if c.role == .userID { user = k } else { item = k }
        }
        for (k, c) in schema.columns.enumerated() {
            switch c.role {
            case .userCategorical, .itemCategorical:
                cats.append(Categorical(column: k, name: c.displayName, tower: c.role == .userCategorical ? .user : .item,
                                        hashed: try c.hashBuckets.map { try HashedBuckets(buckets: $0, seed: hashSeed) }))
            case .userNumeric, .itemNumeric:
                nums.append(Numeric(column: k, name: c.displayName, tower: c.role == .userNumeric ? .user : .item,
                                    transform: c.transform ?? .standardize, fill: c.fill, missingIndicator: c.missingIndicator ?? false))
            case .label:
                objectives.append(ObjectiveSpec(name: c.displayName, kind: c.kind ?? .binary)); labels.append(k)
            case .userSequence, .itemSequence, .timestamp:
                throw DataError.invalidArgument("the compact impression path reads no \(c.role.rawValue) column ('\(c.displayName)')")
            case .userID, .itemID, .ignore: break
            }
        }
        var seen = Set<String>()
        for name in cats.map(\.name) + nums.map(\.name) where !seen.insert(name).inserted {
            throw DataError.schemaMismatch(file: "<table>", line: nil, reason: "feature '\(name)' appears twice")
        }
        for o in objectives where seen.contains(o.name) { throw DataError.labelUsedAsFeature(column: o.name) }
        categorical = cats; numeric = nums; self.objectives = objectives; labelColumns = labels
        userColumn = user; itemColumn = item
        userCategoricalWidth = cats.filter { $0.tower == .user }.count
        itemCategoricalWidth = cats.count - userCategoricalWidth
        ids = cats.map { _ in DenseIdMap() }
    }

    /// Width of a tower's encoded dense row (missing indicators included).
    func denseWidth(_ tower: Tower) -> Int {
        numeric.reduce(0) { $0 + ($1.tower == tower ? ($1.missingIndicator ? 2 : 1) : 0) }
    }

    /// Position of each numeric field's value in its tower's dense row.
    var numericSlots: [Int] {
        var user = 0, item = 0
        return numeric.map { c in
            defer { if c.tower == .user { user += c.missingIndicator ? 2 : 1 } else { item += c.missingIndicator ? 2 : 1 } }
            return c.tower == .user ? user : item
        }
    }

    /// Parses `path`: dense ids and raw numbers before fitting, final encodings after.
    /// - Complexity: O(file size); memory: the accepted rows' columns (plus the duplicate-line set
    ///   while reading when `options.dropDuplicates`).
    /// - Throws: `DataError` (missing file, unknown column, malformed row in strict mode, no row fits).
    mutating func parse(path: String, options: LoadOptions) throws -> (ImpressionColumns, LoadReport) {
        let reader = try DelimitedReader(path: path, format: try schema.delimitedFormat())
        let field = try schema.fieldIndices(in: reader, path: path)
        let expectedFields = schema.header ? reader.header.count : nil
        let minFields = (field.max() ?? 0) + 1
        let encode = isFitted
        var out = ImpressionColumns()
        out.isEncoded = encode
        let estimate = min(reader.estimatedRowCount(), options.rowLimit ?? .max)
        let (uw, iw, m) = (userCategoricalWidth, itemCategoricalWidth, objectives.count)
        let (udw, idw) = (denseWidth(.user), denseWidth(.item))
        out.userCategorical.reserveCapacity(estimate * uw); out.itemCategorical.reserveCapacity(estimate * iw)
        out.userDense.reserveCapacity(estimate * udw); out.itemDense.reserveCapacity(estimate * idw)
        out.labels.reserveCapacity(estimate * m)
        out.userKeys.reserveCapacity(estimate); out.itemKeys.reserveCapacity(estimate)

        var rowNum = [Double](repeating: 0, count: numeric.count)
        // Per numeric cell of the row: its packed code, or `pending` when its value is in `rowNum` only.
        let pending: UInt32 = 0xFFFF_FFFE
        var rowCode = [UInt32](repeating: 0, count: numeric.count)
        var rowLab = [Float](repeating: 0, count: m)
        var report = LoadReport()
        let catFields = categorical.map { field[$0.column] }, numFields = numeric.map { field[$0.column] }
        let labelFields = labelColumns.map { field[$0] }
        let userField = field[userColumn], itemField = itemColumn.map { field[$0] }
        try reader.forEachRecord(report: &report, options: options) { r, report in
            func reject(_ column: Int?, _ why: String) throws -> Bool {
                try report.reject(DataIssue(file: path, line: r.line, column: column.map { $0 + 1 }, reason: why), options: options)
                return false
            }
            if let n = expectedFields, r.fieldCount != n { return try reject(nil, "expected \(n) fields, found \(r.fieldCount)") }
            if r.fieldCount < minFields { return try reject(nil, "expected at least \(minFields) fields, found \(r.fieldCount)") }
            guard let u = r.key(userField) else { return try reject(userField, "missing user id") }
            var it = Int64(r.line)
            if let f = itemField {
                guard let k = r.key(f) else { return try reject(f, "missing item id") }
                it = k
            }
            // Categorical cells never reject a row; they are read after every check that can.
            var missing = 0
            for (j, f) in numFields.enumerated() {
                let text = r.trimmed(f)
                if text.isEmpty { rowNum[j] = .nan; rowCode[j] = PackedDecimalCells.missing; missing += 1; continue }
                if let code = PackedDecimalCells.pack(r.base, text) {
                    rowCode[j] = code
                    rowNum[j] = out.cells.value(code)
                    continue
                }
                guard let v = r.double(f) else { return try reject(f, "'\(r.string(f))' is not a number") }
                rowNum[j] = v.isFinite ? v : .nan
                rowCode[j] = v.isFinite ? pending : PackedDecimalCells.missing
            }
            for (j, f) in labelFields.enumerated() {
                guard let v = r.double(f), v.isFinite else { return try reject(f, "label '\(r.string(f))' is missing or not a number") }
                if objectives[j].kind == .binary, v != 0, v != 1 { return try reject(f, "binary label must be 0 or 1, found \(r.string(f))") }
                rowLab[j] = Float(v)
            }
            for (j, f) in catFields.enumerated() {
                let key = r.key(f)
                if key == nil { missing += 1 }
                let value: Int32
                if let h = categorical[j].hashed {
                    value = h.encode(key ?? RawTable.missingKey)
                } else if let key {
                    let id = Int(ids[j].index(of: key).index)
                    guard id < Int(Int32.max) else { throw DataError.invalidArgument("field '\(categorical[j].name)' has more than 2³¹ − 1 distinct keys") }
                    value = encode ? (id < remap[j].count ? remap[j][id] : 0) : Int32(id)
                } else {
                    value = encode ? 0 : -1
                }
                if categorical[j].tower == .user { out.userCategorical.append(value) } else { out.itemCategorical.append(value) }
            }
            report.missingCells += missing
            for (j, c) in numeric.enumerated() {
                let x = rowNum[j]
                let value: Float
                if encode {
                    value = numericEncodings[j].encode(x)
                } else {
                    let code = rowCode[j] == pending ? try out.cells.store(x) : rowCode[j]
                    value = Float(bitPattern: code)
                }
                if c.tower == .user {
                    out.userDense.append(value); if c.missingIndicator { out.userDense.append(x.isNaN ? 1 : 0) }
                } else {
                    out.itemDense.append(value); if c.missingIndicator { out.itemDense.append(x.isNaN ? 1 : 0) }
                }
            }
            out.labels.append(contentsOf: rowLab)
            out.userKeys.append(u); out.itemKeys.append(it)
            out.count += 1
            return true
        }
        if report.rowsAccepted == 0, let first = report.issues.first {
            throw DataError.schemaMismatch(file: path, line: first.line, reason: "no row fits the schema; first problem: \(first.reason)")
        }
        return (out, report)
    }
}
