import Foundation
import NumericCore

/// Builds the e-commerce scenario (`EcommerceDataset.taobao`) from a `TaobaoEventLog` on dense
/// 32-bit indices, writing the encoded tables directly: no `RawTable`, no per-key hash tables of
/// counts or sets, no duplicate-line table. Gives the same tables, encoder and negatives as the
/// general `ImplicitScenarioBuilder` path (same row order, vocabularies, statistics and random
/// draws), at about a fifth of its memory.
///
/// Peak memory (per-epoch negatives): the event columns and their grouping (≈ 25 bytes per event)
/// while the positives are derived, then ≈ 44 bytes per training positive for the encoded table,
/// ≈ 44 × (1 + negatives) bytes per validation / test positive, and 4 bytes per touched pair for the
/// sampler.
/// - Complexity: O(events × log(events per user) + positives × (1 + negatives)).
enum TaobaoScenarioBuilder {
    /// The scenario from `log` (its event columns are released along the way). The passes over users
    /// and rows run on `parts` threads, each writing its own slice: the same bits for any `parts`.
    /// - Throws: `DataError` (empty split, invalid option).
    static func build(log: inout TaobaoEventLog, report loadReport: LoadReport, path: String, options: RealScenarioOptions,
                      parts: Int = ParallelParts.defaultCount) throws -> ScenarioData {
        let k = options.negativesPerPositive
        guard k >= 0 else { throw DataError.invalidArgument("negatives per positive must be ≥ 0, got \(k)") }
        var report = loadReport
        let lines = log.count
        var p = TaobaoPositives(consuming: &log, parts: parts)
        if options.load.dropDuplicates {
            report.duplicateRows += p.duplicateEvents
            report.rowsAccepted -= p.duplicateEvents
        }
        let events = options.load.dropDuplicates ? lines - p.duplicateEvents : lines
        let userCount = log.userKeys.count, itemCount = log.itemKeys.count
        // Minimum counts of 1 keep every positive (each occurs once): no pass over them.
        if options.minUserCount > 1 || options.minItemCount > 1 {
            p.retain(kCore(users: p.users, items: p.items, userCount: userCount, itemCount: itemCount,
                           minUser: options.minUserCount, minItem: options.minItemCount))
        }
        let part = try splitTags(p, userCount: userCount, strategy: options.split)
        p.timestamps = []
        var userTrain = [Int32](repeating: 0, count: userCount), itemTrain = [Int32](repeating: 0, count: itemCount)
        for r in 0..<p.count where part[r] == 0 { userTrain[Int(p.users[r])] += 1; itemTrain[Int(p.items[r])] += 1 }
        let base = SeededGenerator(seed: options.seed)
        func seedFor(_ name: String) -> UInt64 { var g = base.split(name); return g.next() }
        // The pool: every logged item, by raw key.
        let pool = (0..<UInt32(itemCount)).sorted { log.itemKeys[Int($0)] < log.itemKeys[Int($1)] }
        guard !pool.isEmpty || k == 0 else { throw DataError.invalidArgument("negative sampling needs a non-empty item pool") }
        // The rows of a part are walked in the tags, not stored (4 bytes per training positive saved).
        var partCounts = [0, 0, 0]
        for t in part { partCounts[Int(t)] += 1 }
        func rows(_ tag: UInt8) -> PartRows { PartRows(tags: part, tag: tag, count: partCounts[Int(tag)]) }
        // Stored negatives of `positives` (as `NegativeSampler.sample`): users and items, dense.
        func negatives(_ positives: PartRows, _ name: String) -> (users: [UInt32], items: [UInt32]) {
            var rng = SeededGenerator(seed: seedFor(name)).split("negatives")
            var users = [UInt32](), items = [UInt32](), chosen = [UInt32]()
            users.reserveCapacity(positives.count * k); items.reserveCapacity(positives.count * k)
            for r in positives {
                let u = p.users[r], own = p.items[r]
                chosen.removeAll(keepingCapacity: true)
                for _ in 0..<k {
                    for _ in 0..<100 {
                        let item = pool[rng.nextInt(below: pool.count)]
                        if item == own || chosen.contains(item) || p.touched(user: Int(u), item: item) { continue }
                        chosen.append(item); users.append(u); items.append(item)
                        break
                    }
                }
            }
            return (users, items)
        }
        let perEpoch = options.trainingNegatives == .perEpoch
        let trainRows = rows(0)
        let trainNegatives: (users: [UInt32], items: [UInt32]) = perEpoch ? ([], []) : negatives(trainRows, "train")
        // The fitting rows: training positives, then the training negatives (stored) or the catalogue.
        func visitFitting(_ body: (_ user: UInt32?, _ item: UInt32, _ own: Int32) -> Void) {
            for r in trainRows { body(p.users[r], p.items[r], 1) }
            if perEpoch { for i in pool { body(nil, i, 0) } } else {
                for n in trainNegatives.users.indices { body(trainNegatives.users[n], trainNegatives.items[n], 0) }
            }
        }
        let minCount = options.encoder.minCount
        func vocabulary(_ cardinality: Int, _ keys: [Int64], _ visit: ((UInt32) -> Void) -> Void) -> Vocabulary {
            var counts = [Int32](repeating: 0, count: cardinality), order = [UInt32]()
            visit { id in if counts[Int(id)] == 0 { order.append(id) }; counts[Int(id)] &+= 1 }
            return Vocabulary(orderedKeys: order.filter { Int(counts[Int($0)]) >= minCount }.map { keys[Int($0)] })
        }
        // log1p + standardization statistics over the fitting rows, as `FeatureEncoder` computes them.
        // Every value here is a training count (or missing), so log1p is read from a table of the
        // counts that occur: the same bits as calling it, once per distinct count instead of per row.
        let largestCount = Int(max(userTrain.max() ?? 0, itemTrain.max() ?? 0))
        let log1pOfCount = (0...largestCount + 1).map { log1p(Double($0)) }
        @inline(__always) func log1pClamped(_ x: Double) -> Double {
            if x >= 0, x < Double(log1pOfCount.count), let k = Int(exactly: x) { return log1pOfCount[k] }
            return log1p(max(x, 0))
        }
        func numeric(_ name: String, _ visit: ((Double) -> Void) -> Void) -> NumericEncoding {
            var sum = 0.0, sumSq = 0.0, n = 0.0
            visit { x in if !x.isNaN { sum += log1pClamped(x); n += 1 } }
            let mean = n > 0 ? sum / n : 0
            visit { x in if !x.isNaN { let t = log1pClamped(x); sumSq += (t - mean) * (t - mean) } }
            let sd = n > 0 ? (sumSq / n).squareRoot() : 0
            return NumericEncoding(name: name, transform: .log1pStandardize, shift: mean, scale: sd > 0 ? sd : 1, fill: mean, missingIndicator: false)
        }
        // The three vocabularies and two statistics are independent passes over the fitting rows: one task each.
        var userVocabulary = Vocabulary(orderedKeys: []), itemVocabulary = userVocabulary, categoryVocabulary = userVocabulary
        var activity: NumericEncoding?, popularity: NumericEncoding?
        func fittingTask(_ task: Int) {
            switch task {
            case 0: userVocabulary = vocabulary(userCount, log.userKeys) { add in visitFitting { u, _, _ in if let u { add(u) } } }
            case 1: itemVocabulary = vocabulary(itemCount, log.itemKeys) { add in visitFitting { _, i, _ in add(i) } }
            case 2: categoryVocabulary = vocabulary(log.categoryKeys.count, log.categoryKeys) { add in visitFitting { _, i, _ in add(log.itemCategory[Int(i)]) } }
            case 3: activity = numeric("user_activity") { add in visitFitting { u, _, _ in add(u.map { Double(userTrain[Int($0)]) } ?? .nan) } }
            default: popularity = numeric("item_popularity") { add in visitFitting { _, i, own in add(Double(itemTrain[Int(i)] - own)) } }
            }
        }
        if parts > 1 { ParallelParts.run(5, fittingTask) } else { for task in 0..<5 { fittingTask(task) } }
        guard let activity, let popularity else { preconditionFailure("every fitting task ran") }
        let objectives = ["click", "purchase"].map { ObjectiveSpec(name: $0, kind: .binary) }
        let categorical: [CategoricalEncoding] = [.vocabulary(userVocabulary), .vocabulary(itemVocabulary), .vocabulary(categoryVocabulary)]
        let layout = FeatureLayout(
            userCategoricalNames: ["user_id"], userCategoricalCardinalities: [categorical[0].cardinality], userDenseNames: ["user_activity"],
            itemCategoricalNames: ["item_id", "category_id"], itemCategoricalCardinalities: [categorical[1].cardinality, categorical[2].cardinality],
            itemDenseNames: ["item_popularity"], objectives: objectives)
        let encoder = FeatureEncoder(layout: layout, categorical: categorical, numeric: [activity, popularity],
                                     categoricalNames: ["user_id", "item_id", "category_id"], categoricalTowers: [.user, .item, .item],
                                     numericTowers: [.user, .item])
        // Encoded features per user and item.
        let userCode = log.userKeys.map { userVocabulary.encode($0) }
        let userActivity = userTrain.map { activity.encode(Double($0)) }
        let itemCode = log.itemKeys.map { itemVocabulary.encode($0) }
        let categoryCode = log.itemCategory.map { categoryVocabulary.encode(log.categoryKeys[Int($0)]) }
        let missingUserActivity = activity.encode(.nan)
        // The encoded popularity of each item as a held-out or negative row (its full training count)
        // and as a training positive (leave-one-out: the count without the row itself).
        let itemPopularity = itemTrain.map { popularity.encode(Double($0)) }
        let itemPopularityLeftOut = itemTrain.map { popularity.encode(Double($0 - 1)) }
        /// Positives (`own` = 1 for training rows: leave-one-out popularity), then negatives.
        // Raw keys in 32 bits when every user and item key fits (4 bytes per key and row saved),
        // else in 64 bits.
        let narrowKeys = log.userKeys.allSatisfy { ExampleTable.narrowKey($0) != nil }
            && log.itemKeys.allSatisfy { ExampleTable.narrowKey($0) != nil }
        let userKey32 = narrowKeys ? log.userKeys.map { ExampleTable.narrowKey($0) ?? 0 } : []
        let itemKey32 = narrowKeys ? log.itemKeys.map { ExampleTable.narrowKey($0) ?? 0 } : []
        func table(_ positives: PartRows, _ negatives: (users: [UInt32], items: [UInt32]), isTrain: Bool) throws -> ExampleTable {
            let plan = RowPlan(positives: positives, negatives: negatives.users.count, parts: parts)
            let users = p.users, items = p.items, purchased = p.purchased, nu = negatives.users, ni = negatives.items
            // One parallel pass per column; `positive` is the row of `p` or nil for a negative. Inlined so
            // that each column's writer is inlined into its loop.
            @inline(__always) func column<T>(_ width: Int, _ write: (UnsafeMutablePointer<T>, _ user: Int, _ item: Int, _ positive: Int?) -> Void) -> [T] {
                plan.fill(width: width, users: users, items: items, negativeUsers: nu, negativeItems: ni, write)
            }
            let uc: [Int32] = column(1) { o, u, _, _ in o[0] = userCode[u] }
            let ud: [Float] = column(1) { o, u, _, _ in o[0] = userActivity[u] }
            let ic: [Int32] = column(2) { o, _, i, _ in o[0] = itemCode[i]; o[1] = categoryCode[i] }
            let id: [Float] = column(1) { o, _, i, r in o[0] = r != nil && isTrain ? itemPopularityLeftOut[i] : itemPopularity[i] }
            let labels: [Float] = column(2) { o, _, _, r in
                if let r { o[0] = 1; o[1] = Float(purchased[r]) } else { o[0] = 0; o[1] = 0 }
            }
            if narrowKeys {
                return try ExampleTable(layout: layout, count: plan.count, userCategorical: uc, userDense: ud, itemCategorical: ic, itemDense: id,
                                        labels: labels, narrowUserKeys: column(1) { o, u, _, _ in o[0] = userKey32[u] },
                                        narrowItemKeys: column(1) { o, _, i, _ in o[0] = itemKey32[i] })
            }
            return try ExampleTable(layout: layout, count: plan.count, userCategorical: uc, userDense: ud, itemCategorical: ic, itemDense: id,
                                    labels: labels, userKeys: column(1) { o, u, _, _ in o[0] = log.userKeys[u] },
                                    itemKeys: column(1) { o, _, i, _ in o[0] = log.itemKeys[i] })
        }
        // Held-out splits first, the sampler next (its runs replace the positives' touched items),
        // the training table last: the largest table is built when the least else is alive.
        let validationRows = rows(1), testRows = rows(2)
        // The two held-out splits draw from their own streams: one task each.
        var validationNegatives: (users: [UInt32], items: [UInt32]) = ([], []), testNegatives = validationNegatives
        func drawHeldOut(_ task: Int) {
            if task == 0 { validationNegatives = negatives(validationRows, "validation") } else { testNegatives = negatives(testRows, "test") }
        }
        if parts > 1 { ParallelParts.run(2, drawHeldOut) } else { drawHeldOut(0); drawHeldOut(1) }
        let validation = try table(validationRows, validationNegatives, isTrain: false)
        validationNegatives = ([], [])
        let test = try table(testRows, testNegatives, isTrain: false)
        testNegatives = ([], [])
        var notes = ["Taobao UserBehavior (\(path)): \(events) events, \(p.count) viewed (user, item) pairs after filtering",
                     "click = viewed pair vs sampled never-touched item (\(k) per positive, seed \(options.seed)); purchase = view followed by a buy of the same pair"]
        guard perEpoch else {
            p.interactionItems = []; p.interactionOffsets = []
            let train = try table(trainRows, trainNegatives, isTrain: true)
            return ScenarioData(kind: .ecommerce, train: train, validation: validation, test: test, encoder: encoder, isSimulated: false,
                                notes: notes, loadReport: report)
        }
        notes.append("training negatives drawn per epoch (\(k) per positive, seed \(options.seed)); validation and test negatives stored")
        // The catalogue: one row per pool item, without a user.
        var cic = [Int32](), cid = [Float]()
        cic.reserveCapacity(2 * pool.count); cid.reserveCapacity(pool.count)
        for i in pool { cic.append(itemCode[Int(i)]); cic.append(categoryCode[Int(i)]); cid.append(itemPopularity[Int(i)]) }
        let poolKeys = pool.map { log.itemKeys[Int($0)] }
        let catalogue = narrowKeys
            ? try ExampleTable(layout: layout, count: pool.count,
                               userCategorical: [Int32](repeating: 0, count: pool.count),
                               userDense: [Float](repeating: missingUserActivity, count: pool.count),
                               itemCategorical: cic, itemDense: cid, labels: [Float](repeating: 0, count: 2 * pool.count),
                               narrowUserKeys: [Int32](repeating: ExampleTable.narrowKey(RawTable.missingKey) ?? 0, count: pool.count),
                               narrowItemKeys: poolKeys.map { ExampleTable.narrowKey($0) ?? 0 })
            : try ExampleTable(layout: layout, count: pool.count,
                               userCategorical: [Int32](repeating: 0, count: pool.count),
                               userDense: [Float](repeating: missingUserActivity, count: pool.count),
                               itemCategorical: cic, itemDense: cid, labels: [Float](repeating: 0, count: 2 * pool.count),
                               userKeys: [Int64](repeating: RawTable.missingKey, count: pool.count), itemKeys: poolKeys)
        var poolIndex = [Int32](repeating: 0, count: itemCount)
        for (position, i) in pool.enumerated() { poolIndex[Int(i)] = Int32(position) }
        // The sampler's runs: each user's touched items as increasing pool indices, in user order, at
        // the positions the items have in `p.interactionItems` (mapped and sorted per range of users).
        let offsets = p.interactionOffsets
        let bounds = ParallelParts.balancedBoundaries(offsets: offsets, parts: max(1, min(parts, userCount)))
        let runItems = p.interactionItems.withUnsafeBufferPointer { touched in
            poolIndex.withUnsafeBufferPointer { poolIndex in
                [Int32](unsafeUninitializedCapacity: touched.count) { runs, initialized in
                    if let base = runs.baseAddress {
                        ParallelParts.run(bounds.count - 1) { part in
                            for u in bounds[part]..<bounds[part + 1] {
                                let s = offsets[u], e = offsets[u + 1]
                                for j in s..<e { base[j] = poolIndex[Int(touched[j])] }
                                var run = UnsafeMutableBufferPointer(start: base + s, count: e - s)
                                run.sort()
                            }
                        }
                    }
                    initialized = touched.count
                }
            }
        }
        var runUsers = [Int64](), runStarts = [Int64](), runEnds = [Int64]()
        for u in 0..<userCount where offsets[u + 1] > offsets[u] {
            runUsers.append(log.userKeys[u]); runStarts.append(Int64(offsets[u])); runEnds.append(Int64(offsets[u + 1]))
        }
        let sampler = try EpochNegativeSampler(pool: poolKeys, catalogue: catalogue, runUsers: runUsers, starts: runStarts, ends: runEnds,
                                               items: runItems, perPositive: k, seed: seedFor("train"),
                                               maxAttempts: EpochNegativeSampler.defaultMaxAttempts)
        p.interactionItems = []; p.interactionOffsets = []
        let train = try table(trainRows, trainNegatives, isTrain: true)
        var data = ScenarioData(kind: .ecommerce, train: train, validation: validation, test: test, encoder: encoder, isSimulated: false,
                                notes: notes, loadReport: report)
        data.trainingNegatives = sampler
        return data
    }

    /// The iterated minimum-count filter (`InteractionFilter.minimumCounts` with `iterate`) on dense ids.
    /// - Returns: whether each positive is kept.
    static func kCore(users: [UInt32], items: [UInt32], userCount: Int, itemCount: Int, minUser: Int, minItem: Int) -> [Bool] {
        let count = users.count
        var keep = [Bool](repeating: true, count: count)
        // With one side's minimum at most 1, one pass over the other side is the fixed point: dropping
        // whole users (items) leaves every kept user's (item's) count as it was, and a kept row keeps
        // its item (user) at a count of at least 1.
        if minItem <= 1 || minUser <= 1 {
            let byUser = minItem <= 1
            let ids = byUser ? users : items, minimum = byUser ? minUser : minItem
            var counts = [Int32](repeating: 0, count: byUser ? userCount : itemCount)
            for id in ids { counts[Int(id)] += 1 }
            for r in 0..<count where Int(counts[Int(ids[r])]) < minimum { keep[r] = false }
            return keep
        }
        while true {
            var uc = [Int32](repeating: 0, count: userCount), ic = [Int32](repeating: 0, count: itemCount)
            for r in 0..<count where keep[r] { uc[Int(users[r])] += 1; ic[Int(items[r])] += 1 }
            var changed = false
            for r in 0..<count where keep[r] && (Int(uc[Int(users[r])]) < minUser || Int(ic[Int(items[r])]) < minItem) {
                keep[r] = false; changed = true
            }
            if !changed { return keep }
        }
    }

    /// The split as one tag per positive: 0 train, 1 validation, 2 test. Leave-last-out runs on the
    /// dense users (a counting sort, then each user's rows by (time, row)); the other strategies use
    /// `DatasetSplitter`.
    /// - Throws: `DataError.emptySplit` naming the first empty part, or the splitter's errors.
    static func splitTags(_ p: TaobaoPositives, userCount: Int, strategy: SplitStrategy) throws -> [UInt8] {
        var tags = [UInt8](repeating: 0, count: p.count)
        switch strategy {
        case .leaveLastOut:
            var offsets = [Int](repeating: 0, count: userCount + 1)
            for u in p.users { offsets[Int(u) + 1] += 1 }
            for u in 0..<userCount { offsets[u + 1] += offsets[u] }
            var order = [UInt32](repeating: 0, count: p.count)
            var next = offsets
            for r in 0..<p.count { let u = Int(p.users[r]); order[next[u]] = UInt32(r); next[u] += 1 }
            next = []
            for u in 0..<userCount where offsets[u + 1] - offsets[u] >= 3 {
                let s = offsets[u], e = offsets[u + 1]
                order[s..<e].sort { (p.timestamps[Int($0)], $0) < (p.timestamps[Int($1)], $1) }
                tags[Int(order[e - 1])] = 2; tags[Int(order[e - 2])] = 1
            }
        default:
            let split = try DatasetSplitter.split(count: p.count, timestamps: p.timestamps, strategy: strategy)
            for r in split.validation { tags[r] = 1 }
            for r in split.test { tags[r] = 2 }
        }
        var seen = [false, false, false]
        for t in tags { seen[Int(t)] = true }
        for (name, s) in zip(["train", "validation", "test"], seen) where !s { throw DataError.emptySplit(name: name) }
        return tags
    }
}

/// The positives of one part of the split (`tag`: 0 train, 1 validation, 2 test), in increasing row
/// order, found by walking the tags instead of storing the row list.
struct PartRows: Sequence {
    let tags: [UInt8]
    let tag: UInt8
    /// Number of rows with the tag.
    let count: Int

    struct Iterator: IteratorProtocol {
        let tags: [UInt8], tag: UInt8
        var position = 0
        mutating func next() -> Int? {
            while position < tags.count {
                let r = position
                position += 1
                if tags[r] == tag { return r }
            }
            return nil
        }
    }

    func makeIterator() -> Iterator { Iterator(tags: tags, tag: tag) }
    var underestimatedCount: Int { count }
}

/// The rows of an encoded table — the positives of one part of the split, then stored negatives —
/// cut into contiguous ranges of output rows, one per thread of a parallel fill, with the tag
/// position where each range's first positive is found. Each range writes only its own rows, so
/// the table is the same for any number of parts.
struct RowPlan {
    let tags: [UInt8], tag: UInt8
    /// Positives (the first rows), and rows in all.
    let positives: Int, count: Int
    let parts: Int
    /// Output rows of each part.
    let outputs: [Range<Int>]
    /// Tag position from which each part's positives are searched.
    let tagStarts: [Int]

    /// The plan for `positives` followed by `negatives` stored negatives on up to `parts` threads.
    /// - Complexity: O(tags) for one scan.
    init(positives rows: PartRows, negatives: Int, parts requested: Int) {
        tags = rows.tags; tag = rows.tag; positives = rows.count; self.count = rows.count + negatives
        let parts = max(1, min(requested, rows.count + negatives)), count = rows.count + negatives
        self.parts = parts
        let outputs = (0..<parts).map { ParallelParts.range($0, of: parts, count: count) }
        var starts = [Int](repeating: tags.count, count: parts)
        var next = 0, seen = 0
        for position in tags.indices where tags[position] == tag {
            while next < parts, outputs[next].lowerBound == seen { starts[next] = position; next += 1 }
            seen += 1
            if next == parts || outputs[next].lowerBound >= rows.count { break }
        }
        self.outputs = outputs; tagStarts = starts
    }

    /// A column of `width` values per row, filled in parallel: `write(out, user, item, positive)`
    /// writes the row's `width` values at `out`, given its dense user and item and, for a positive, its
    /// index in `users`/`items` (nil for a negative, whose user and item come from `negativeUsers`/`negativeItems`).
    @inline(__always)
    func fill<T>(width: Int, users: [UInt32], items: [UInt32], negativeUsers: [UInt32], negativeItems: [UInt32],
                 _ write: (_ out: UnsafeMutablePointer<T>, _ user: Int, _ item: Int, _ positive: Int?) -> Void) -> [T] {
        [T](unsafeUninitializedCapacity: count * width) { buffer, initialized in
            guard let base = buffer.baseAddress, count > 0 else { initialized = 0; return }
            tags.withUnsafeBufferPointer { tags in
            users.withUnsafeBufferPointer { users in
            items.withUnsafeBufferPointer { items in
            negativeUsers.withUnsafeBufferPointer { negativeUsers in
            negativeItems.withUnsafeBufferPointer { negativeItems in
                ParallelParts.run(parts) { part in
                    let out = outputs[part], positiveEnd = min(out.upperBound, positives)
                    var position = tagStarts[part], row = out.lowerBound
                    while row < positiveEnd {
                        while tags[position] != tag { position += 1 }
                        write(base + row * width, Int(users[position]), Int(items[position]), position)
                        position += 1; row += 1
                    }
                    while row < out.upperBound {
                        let j = row - positives
                        write(base + row * width, Int(negativeUsers[j]), Int(negativeItems[j]), nil)
                        row += 1
                    }
                }
            }}}}}
            initialized = count * width
        }
    }
}
