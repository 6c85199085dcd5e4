import NumericCore

/// Negatives for implicit-feedback training drawn per batch from a seeded stream instead of stored:
/// the training split keeps only its positives, and every epoch pairs each positive with
/// `perPositive` fresh items the user never interacted with.
///
/// The guarantees are those of `NegativeSampler` (the stored mode, still used for validation and
/// test, whose negatives a protocol fixes): a negative is never the positive's item, never an item
/// the user touched anywhere in the log, and never repeated for one positive; its user features are
/// the positive's, its item features those of the item's catalogue row (item id, categories, and the
/// item's training popularity — its full count, as for a stored negative). Deterministic: the same
/// seed and epoch give the same negatives.
///
/// Memory: the catalogue (one encoded row per candidate item) and the sorted interaction lists
/// (4 bytes per distinct (user, item): pool indices), instead of `perPositive` stored rows per training positive.
/// - Complexity: O(positives × perPositive × log(items per user)) per epoch, expected.
public struct EpochNegativeSampler: Sendable {
    /// Negatives per positive.
    public let perPositive: Int
    /// Seed of the stream (epoch `e` uses `seed → "negatives" → e`).
    public let seed: UInt64
    /// Candidate item keys, sorted; row `i` of `catalogue` describes `pool[i]`.
    public let pool: [Int64]
    /// Encoded item features per candidate (the user columns are unused).
    public let catalogue: ExampleTable
    private struct Span: Sendable { var start: Int; var end: Int }
    private let interactionSpan: [Int64: Span]
    /// Each user's touched pool items as increasing pool indices, one run per user.
    private let interactionItems: [Int32]
    /// Draws per negative before giving up (a user who touched almost every item gets fewer).
    public let maxAttempts: Int
    /// `maxAttempts` unless a caller says otherwise.
    public static let defaultMaxAttempts = 100

    /// A sampler over `catalogue` (one row per item of `pool`, in the same order).
    /// - Throws: `DataError.invalidArgument` for `perPositive < 0`, an empty pool, or a catalogue whose
    ///   item keys differ from `pool`.
    public init(pool: [Int64], catalogue: ExampleTable, interactions: (users: [Int64], items: [Int64]),
                perPositive: Int, seed: UInt64, maxAttempts: Int = EpochNegativeSampler.defaultMaxAttempts) throws {
        var position = [Int64: [Int32]]()
        position.reserveCapacity(pool.count)
        for (k, item) in pool.enumerated() { position[item, default: []].append(Int32(k)) }
        // (user, pool index) pairs sorted; each user's indices form one increasing run. Items
        // outside the pool can never be drawn and are left out.
        var pairs = [(Int64, Int32)]()
        pairs.reserveCapacity(interactions.users.count)
        for r in interactions.users.indices {
            for k in position[interactions.items[r]] ?? [] { pairs.append((interactions.users[r], k)) }
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var spans = [Int64: Span](), items = [Int32]()
        items.reserveCapacity(pairs.count)
        var last: (Int64, Int32)? = nil
        for pair in pairs {
            if let l = last, l == pair { continue }
            if last?.0 != pair.0 { spans[pair.0] = Span(start: items.count, end: items.count) }
            items.append(pair.1)
            spans[pair.0]?.end = items.count
            last = pair
        }
        try self.init(pool: pool, catalogue: catalogue, spans: spans, items: items, perPositive: perPositive, seed: seed, maxAttempts: maxAttempts)
    }

    private init(pool: [Int64], catalogue: ExampleTable, spans: [Int64: Span], items: [Int32],
                 perPositive: Int, seed: UInt64, maxAttempts: Int) throws {
        guard perPositive >= 0 else { throw DataError.invalidArgument("negatives per positive must be ≥ 0, got \(perPositive)") }
        guard !pool.isEmpty || perPositive == 0 else { throw DataError.invalidArgument("negative sampling needs a non-empty item pool") }
        guard catalogue.itemKeys == pool else { throw DataError.invalidArgument("the catalogue's rows must follow the pool") }
        self.pool = pool; self.catalogue = catalogue; self.perPositive = perPositive; self.seed = seed; self.maxAttempts = maxAttempts
        interactionSpan = spans; interactionItems = items
    }

    /// Whether `user` interacted with the pool item `item` (false for items outside the pool, which
    /// are never drawn).
    public func interacted(user: Int64, item: Int64) -> Bool {
        guard let span = interactionSpan[user] else { return false }
        for k in pool.indices where pool[k] == item { if contains(span, Int32(k)) { return true } }
        return false
    }

    /// Whether the run `span` holds pool index `k` (binary search).
    private func contains(_ span: Span, _ k: Int32) -> Bool {
        var lo = span.start, hi = span.end
        while lo < hi {
            let mid = (lo + hi) / 2
            if interactionItems[mid] < k { lo = mid + 1 } else { hi = mid }
        }
        return lo < span.end && interactionItems[lo] == k
    }

    /// The generator of epoch `epoch`.
    public func generator(epoch: Int) -> SeededGenerator { SeededGenerator(seed: seed).split("negatives").split(epoch) }

    /// A batch: the positives at `rows` of `positives`, each followed by its sampled negatives
    /// (labels 0 for every objective).
    public func batch<C: Collection>(positives: ExampleTable, rows: C, generator g: inout SeededGenerator) -> ExampleTable where C.Element: BinaryInteger {
        let l = positives.layout
        let uc = l.userCategoricalCount, ud = l.userDenseCount, ic = l.itemCategoricalCount, id = l.itemDenseCount, k = l.objectiveCount
        let capacity = rows.count * (1 + perPositive)
        var userCat = [Int32](), userDense = [Float](), itemCat = [Int32](), itemDense = [Float](), labels = [Float]()
        var userKeys = [Int64](), itemKeys = [Int64]()
        userCat.reserveCapacity(capacity * uc); userDense.reserveCapacity(capacity * ud); itemCat.reserveCapacity(capacity * ic)
        itemDense.reserveCapacity(capacity * id); labels.reserveCapacity(capacity * k)
        userKeys.reserveCapacity(capacity); itemKeys.reserveCapacity(capacity)
        var chosen: [Int] = []
        var sources: [Int] = []
        for row in rows {
            let r = Int(row), user = positives.userKey(at: r), own = positives.itemKey(at: r)
            userCat += positives.userCategorical[(r * uc)..<((r + 1) * uc)]; userDense += positives.userDense[(r * ud)..<((r + 1) * ud)]
            itemCat += positives.itemCategorical[(r * ic)..<((r + 1) * ic)]; itemDense += positives.itemDense[(r * id)..<((r + 1) * id)]
            labels += positives.labels[(r * k)..<((r + 1) * k)]
            userKeys.append(user); itemKeys.append(own)
            sources.append(r)
            chosen.removeAll(keepingCapacity: true)
            let span = interactionSpan[user] ?? Span(start: 0, end: 0)
            for _ in 0..<perPositive {
                for _ in 0..<maxAttempts {
                    let i = g.nextInt(below: pool.count), item = pool[i]
                    if item == own || chosen.contains(i) || contains(span, Int32(i)) { continue }
                    chosen.append(i)
                    userCat += positives.userCategorical[(r * uc)..<((r + 1) * uc)]; userDense += positives.userDense[(r * ud)..<((r + 1) * ud)]
                    itemCat += catalogue.itemCategorical[(i * ic)..<((i + 1) * ic)]; itemDense += catalogue.itemDense[(i * id)..<((i + 1) * id)]
                    labels += repeatElement(0, count: k)
                    userKeys.append(user); itemKeys.append(item)
                    sources.append(r)
                    break
                }
            }
        }
        // The arrays were built with the layout's widths, so the shape check cannot fail; a negative
        // shares its positive's history (the same user at the same time).
        guard let table = try? ExampleTable(layout: l, count: userKeys.count, userCategorical: userCat, userDense: userDense,
                                            itemCategorical: itemCat, itemDense: itemDense, labels: labels,
                                            userKeys: userKeys, itemKeys: itemKeys) else { return ExampleTable(layout: l) }
        guard let history = positives.sequences else { return table }
        return (try? table.withSequences(history.subset(sources))) ?? table
    }
}

extension EpochNegativeSampler {
    /// Each user's run of touched pool indices, users in increasing key order (for binary caches):
    /// `items[starts[u]..<ends[u]]` belongs to `users[u]`.
    var storedRuns: (users: [Int64], starts: [Int64], ends: [Int64], items: [Int32]) {
        let users = interactionSpan.keys.sorted()
        return (users, users.map { Int64(interactionSpan[$0]!.start) }, users.map { Int64(interactionSpan[$0]!.end) }, interactionItems)
    }

    /// The sampler from `storedRuns` parts, checked: every run inside `items`, increasing, and every
    /// index inside the pool.
    /// - Throws: `DataError.invalidArgument` when a part is inconsistent (as the other initializers).
    init(pool: [Int64], catalogue: ExampleTable, runUsers: [Int64], starts: [Int64], ends: [Int64], items: [Int32],
         perPositive: Int, seed: UInt64, maxAttempts: Int) throws {
        guard runUsers.count == starts.count, starts.count == ends.count else { throw DataError.invalidArgument("stored runs of different lengths") }
        var spans = [Int64: Span](minimumCapacity: runUsers.count)
        for u in runUsers.indices {
            let s = starts[u], e = ends[u]
            guard s >= 0, s <= e, e <= Int64(items.count), spans[runUsers[u]] == nil else { throw DataError.invalidArgument("a stored run is out of range") }
            for j in Int(s)..<Int(e) {
                guard items[j] >= 0, Int(items[j]) < pool.count, j == Int(s) || items[j - 1] < items[j] else {
                    throw DataError.invalidArgument("a stored run is not an increasing list of pool indices")
                }
            }
            spans[runUsers[u]] = Span(start: Int(s), end: Int(e))
        }
        guard maxAttempts >= 1 else { throw DataError.invalidArgument("draws per negative must be positive") }
        try self.init(pool: pool, catalogue: catalogue, spans: spans, items: items, perPositive: perPositive, seed: seed, maxAttempts: maxAttempts)
    }
}
