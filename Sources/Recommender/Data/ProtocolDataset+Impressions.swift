import NumericCore

extension ProtocolDataset {
    /// The impression protocols (Ali-CCP, AliExpress) without a `RawTable`: the training file is
    /// parsed into dense ids and raw numbers (`ImpressionColumns`), split as `make` documents, the
    /// encoder is fitted on the training rows, the training file's columns are encoded and split
    /// column by column, and the test and validation files are encoded while they are parsed.
    /// The result equals the `RawTable` path's (`makeFromRawTables`) exactly: same rows, vocabularies
    /// (first appearance in the training split), statistics (same summation order) and bits.
    ///
    /// Peak memory is the encoded tables plus, while a file is read, its duplicate-line set; the
    /// training file's numbers wait for their statistics in their `Float` slots (`PackedDecimalCells`,
    /// plus 8 bytes per number that is not a short decimal).
    /// - Complexity: O(total file size + rows × fields).
    /// - Throws: `DataError` as `make`.
    static func makeImpressions(format: DataFormat, trainPath: String, seed: UInt64, load: LoadOptions,
                                encoderOptions: EncoderOptions = EncoderOptions()) throws -> ScenarioData {
        let schema = format == .aliCCP ? try ImpressionSchemas.aliCCP(path: trainPath) : try ImpressionSchemas.aliExpress(path: trainPath)
        var plan = try ImpressionFieldPlan(schema: schema, hashSeed: encoderOptions.hashSeed)
        var (parsed, report) = try plan.parse(path: trainPath, options: load)
        let n = parsed.count
        let (validationPath, testPath) = heldOutFiles(beside: trainPath)
        func shuffled(_ n: Int, _ name: String) -> [Int] { seededOrder(n, seed: seed, name: name) }
        // Rows of the training file per split (nil: every row).
        var trainRows: [Int]? = nil, testRows: [Int]? = nil, validationRows: [Int]? = nil
        var testNote = "", validationNote = ""
        if testPath == nil {
            let order = shuffled(n, "test-holdout"), cut = n / 10
            testRows = Array(order[..<cut]).sorted(); trainRows = Array(order[cut...]).sorted()
            testNote = "no test file next to the training file: 10 % of its rows held out at random (seed \(seed))"
        }
        if validationPath == nil {
            let base = trainRows ?? Array(0..<n)
            let order = shuffled(base.count, "validation-holdout"), cut = base.count / 10
            validationRows = Array(order[..<cut]).sorted().map { base[$0] }
            trainRows = Array(order[cut...]).sorted().map { base[$0] }
            validationNote = "no validation file: 10 % of the training rows held out at random (seed \(seed))"
        }
        guard (trainRows?.count ?? n) > 0 else { throw DataError.emptySplit(name: "train") }

        let encoder = fit(&plan, on: parsed, rows: trainRows, minCount: encoderOptions.minCount)
        var parts: [[Int]?] = [trainRows]
        if testPath == nil { parts.append(testRows) }
        if validationPath == nil { parts.append(validationRows) }
        var tables = try split(&parsed, plan: plan, layout: encoder.layout, into: parts)
        let train = tables.removeFirst()
        var test: ExampleTable, validation: ExampleTable
        if let testPath {
            let (t, r) = try plan.parse(path: testPath, options: load)
            test = try table(t, layout: encoder.layout); merge(&report, r)
            testNote = "test file \(testPath): \(t.count) rows"
        } else {
            test = tables.removeFirst()
        }
        if let validationPath {
            let (v, r) = try plan.parse(path: validationPath, options: load)
            validation = try table(v, layout: encoder.layout); merge(&report, r)
            validationNote = "validation file \(validationPath): \(v.count) rows"
        } else {
            validation = tables.removeFirst()
        }
        if validation.count == 0 { throw DataError.emptySplit(name: "validation") }
        if test.count == 0 { throw DataError.emptySplit(name: "test") }
        let notes = ["\(format.rawValue) training file \(trainPath): \(n) rows", testNote, validationNote]
        return ScenarioData(kind: format.kind, train: train, validation: validation, test: test, encoder: encoder,
                            isSimulated: false, notes: notes, loadReport: report)
    }

    /// Fits vocabularies (keys of the training rows in order of first appearance, seen at least
    /// `minCount` times) and numeric statistics on `rows` of `parsed`, stores the id → index maps
    /// and numeric encodings in `plan`, and returns the encoder.
    static func fit(_ plan: inout ImpressionFieldPlan, on parsed: ImpressionColumns, rows: [Int]?, minCount: Int) -> FeatureEncoder {
        var encodings = [CategoricalEncoding]()
        var userSlot = 0, itemSlot = 0
        plan.remap = []
        for (j, c) in plan.categorical.enumerated() {
            let (column, width, slot) = c.tower == .user ? (parsed.userCategorical, plan.userCategoricalWidth, userSlot)
                                                         : (parsed.itemCategorical, plan.itemCategoricalWidth, itemSlot)
            if c.tower == .user { userSlot += 1 } else { itemSlot += 1 }
            if let h = c.hashed { encodings.append(.hashed(h)); plan.remap.append([]); continue }
            let ids = plan.ids[j]
            var remap = [Int32](repeating: 0, count: ids.count)
            var keys = [Int64]()
            column.withUnsafeBufferPointer { p in
                var counts = [Int](repeating: 0, count: minCount > 1 ? ids.count : 0)
                if minCount > 1 {
                    if let rows { for i in rows where p[i * width + slot] >= 0 { counts[Int(p[i * width + slot])] += 1 } }
                    else { for i in 0..<parsed.count where p[i * width + slot] >= 0 { counts[Int(p[i * width + slot])] += 1 } }
                }
                func visit(_ i: Int) {
                    let id = Int(p[i * width + slot])
                    guard id >= 0, remap[id] == 0, minCount <= 1 || counts[id] >= minCount else { return }
                    keys.append(ids.keys[id])
                    remap[id] = Int32(keys.count)
                }
                if let rows { for i in rows { visit(i) } } else { for i in 0..<parsed.count { visit(i) } }
            }
            encodings.append(.vocabulary(Vocabulary(orderedKeys: keys)))
            plan.remap.append(remap)
        }
        let slots = plan.numericSlots, (udw, idw) = (plan.denseWidth(.user), plan.denseWidth(.item))
        plan.numericEncodings = plan.numeric.enumerated().map { k, c in
            let (dense, width) = c.tower == .user ? (parsed.userDense, udw) : (parsed.itemDense, idw)
            return dense.withUnsafeBufferPointer { p in
                let value = { (i: Int) in parsed.cells.value(p[i * width + slots[k]].bitPattern) }
                if let rows {
                    return FeatureEncoder.fitNumeric(name: c.name, transform: c.transform, fill: c.fill, missingIndicator: c.missingIndicator,
                                                     values: rows.lazy.map(value))
                }
                return FeatureEncoder.fitNumeric(name: c.name, transform: c.transform, fill: c.fill, missingIndicator: c.missingIndicator,
                                                 values: (0..<parsed.count).lazy.map(value))
            }
        }
        plan.isFitted = true
        let layout = FeatureEncoder.layout(categorical: zip(plan.categorical, encodings).map { ($0.name, $0.tower, $1.cardinality) },
                                           numeric: plan.numeric.map { ($0.name, $0.tower, $0.missingIndicator) }, objectives: plan.objectives)
        return FeatureEncoder(layout: layout, categorical: encodings, numeric: plan.numericEncodings,
                              categoricalNames: plan.categorical.map(\.name), categoricalTowers: plan.categorical.map(\.tower),
                              numericTowers: plan.numeric.map(\.tower))
    }

    /// Encodes the training file's columns (dense ids and numeric codes) with the fitted `plan` and
    /// cuts them into one table per entry of `parts` (row lists; nil = every row, without a copy).
    /// Each column is released as soon as its parts are cut, so the peak is the parts plus one column.
    static func split(_ parsed: inout ImpressionColumns, plan: ImpressionFieldPlan, layout: FeatureLayout,
                      into parts: [[Int]?]) throws -> [ExampleTable] {
        // Dense ids → encoded indices, in place.
        var userSlot = 0, itemSlot = 0
        for (j, c) in plan.categorical.enumerated() {
            let width = c.tower == .user ? plan.userCategoricalWidth : plan.itemCategoricalWidth
            let slot = c.tower == .user ? userSlot : itemSlot
            if c.tower == .user { userSlot += 1 } else { itemSlot += 1 }
            if c.hashed != nil { continue }
            let remap = plan.remap[j]
            func apply(_ p: inout UnsafeMutableBufferPointer<Int32>) {
                var i = slot
                while i < p.count { let id = p[i]; p[i] = id >= 0 ? remap[Int(id)] : 0; i += width }
            }
            if c.tower == .user { parsed.userCategorical.withUnsafeMutableBufferPointer(apply) } else { parsed.itemCategorical.withUnsafeMutableBufferPointer(apply) }
        }
        let uc = cut(&parsed.userCategorical, width: plan.userCategoricalWidth, parts)
        let ic = cut(&parsed.itemCategorical, width: plan.itemCategoricalWidth, parts)
        let labels = cut(&parsed.labels, width: plan.objectives.count, parts)
        let uk = cut(&parsed.userKeys, width: 1, parts), ik = cut(&parsed.itemKeys, width: 1, parts)
        let (udw, idw) = (plan.denseWidth(.user), plan.denseWidth(.item))
        var ud = cut(&parsed.userDense, width: udw, parts), id = cut(&parsed.itemDense, width: idw, parts)
        let slots = plan.numericSlots
        var tables = [ExampleTable]()
        for (k, rows) in parts.enumerated() {
            // Codes → encoded values, in place.
            let count = rows?.count ?? parsed.count
            for (j, e) in plan.numericEncodings.enumerated() {
                let width = plan.numeric[j].tower == .user ? udw : idw
                func apply(_ p: inout UnsafeMutableBufferPointer<Float>) {
                    var i = slots[j]
                    for _ in 0..<count { p[i] = e.encode(parsed.cells.value(p[i].bitPattern)); i += width }
                }
                if plan.numeric[j].tower == .user { ud[k].withUnsafeMutableBufferPointer(apply) } else { id[k].withUnsafeMutableBufferPointer(apply) }
            }
            tables.append(try ExampleTable(layout: layout, count: count, userCategorical: uc[k], userDense: ud[k], itemCategorical: ic[k],
                                           itemDense: id[k], labels: labels[k], userKeys: uk[k], itemKeys: ik[k]))
            ud[k] = []; id[k] = []
        }
        parsed = ImpressionColumns()
        return tables
    }

    /// `column` (rows of `width` values) cut into `parts`, and emptied. The first part (the training
    /// rows, sorted) is compacted in place after the others (held-out rows) are copied out, so the
    /// peak is the column plus its held-out rows; a nil part is the whole column.
    private static func cut<T>(_ column: inout [T], width: Int, _ parts: [[Int]?]) -> [[T]] {
        var source = column
        column = []
        var out = [[T]](repeating: [], count: parts.count)
        for (k, rows) in parts.enumerated() where k > 0 {
            guard let rows else { out[k] = source; continue }
            var part = [T]()
            part.reserveCapacity(rows.count * width)
            source.withUnsafeBufferPointer { p in
                if width == 1 { for i in rows { part.append(p[i]) } }
                else { for i in rows { part.append(contentsOf: UnsafeBufferPointer(rebasing: p[(i * width)..<((i + 1) * width)])) } }
            }
            out[k] = part
        }
        if let rows = parts.first ?? nil {
            // rows[r] ≥ r (sorted, distinct): copying forward never overwrites a row still to be read.
            source.withUnsafeMutableBufferPointer { p in
                for (r, i) in rows.enumerated() where r != i {
                    for c in 0..<width { p[r * width + c] = p[i * width + c] }
                }
            }
            source.removeLast(source.count - rows.count * width)
        }
        if !parts.isEmpty { out[0] = source }
        return out
    }

    /// The table of a file parsed after fitting (already encoded).
    private static func table(_ c: ImpressionColumns, layout: FeatureLayout) throws -> ExampleTable {
        try ExampleTable(layout: layout, count: c.count, userCategorical: c.userCategorical, userDense: c.userDense,
                         itemCategorical: c.itemCategorical, itemDense: c.itemDense, labels: c.labels, userKeys: c.userKeys, itemKeys: c.itemKeys)
    }
}
