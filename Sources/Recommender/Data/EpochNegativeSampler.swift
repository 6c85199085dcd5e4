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
/// (8 bytes per distinct (user, item)), instead of `perPositive` stored rows per training positive.
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
    private let interactionItems: [Int64]
    /// Draws per negative before giving up (a user who touched almost every item gets fewer).
    public let maxAttempts: Int

    /// A sampler over `catalogue` (one row per item of `pool`, in the same order).
    /// - Throws: `DataError.invalidArgument` for `perPositive < 0`, an empty pool, or a catalogue whose
    ///   item keys differ from `pool`.
    public init(pool: [Int64], catalogue: ExampleTable, interactions: (users: [Int64], items: [Int64]),
                perPositive: Int, seed: UInt64, maxAttempts: Int = 100) throws {
        guard perPositive >= 0 else { throw DataError.invalidArgument("negatives per positive must be ≥ 0, got \(perPositive)") }
        guard !pool.isEmpty || perPositive == 0 else { throw DataError.invalidArgument("negative sampling needs a non-empty item pool") }
        guard catalogue.itemKeys == pool else { throw DataError.invalidArgument("the catalogue's rows must follow the pool") }
        self.pool = pool; self.catalogue = catalogue; self.perPositive = perPositive; self.seed = seed; self.maxAttempts = maxAttempts
        // Sorted (user, item) pairs; each user's items form one sorted run.
        var order = Array(interactions.users.indices)
        order.sort { (interactions.users[$0], interactions.items[$0]) < (interactions.users[$1], interactions.items[$1]) }
        var spans = [Int64: Span](), items = [Int64]()
        items.reserveCapacity(order.count)
        var last: (Int64, Int64)? = nil
        for i in order {
            let pair = (interactions.users[i], interactions.items[i])
            if let l = last, l == pair { continue }
            if last?.0 != pair.0 { spans[pair.0] = Span(start: items.count, end: items.count) }
            items.append(pair.1)
            spans[pair.0]?.end = items.count
            last = pair
        }
        interactionSpan = spans; interactionItems = items
    }

    /// Whether `user` interacted with `item` (binary search in the user's sorted run).
    public func interacted(user: Int64, item: Int64) -> Bool {
        guard let span = interactionSpan[user] else { return false }
        var lo = span.start, hi = span.end
        while lo < hi {
            let mid = (lo + hi) / 2
            if interactionItems[mid] < item { lo = mid + 1 } else { hi = mid }
        }
        return lo < span.end && interactionItems[lo] == item
    }

    /// The generator of epoch `epoch`.
    public func generator(epoch: Int) -> SeededGenerator { SeededGenerator(seed: seed).split("negatives").split(epoch) }

    /// A batch: the positives at `rows` of `positives`, each followed by its sampled negatives
    /// (labels 0 for every objective).
    public func batch<C: Collection>(positives: ExampleTable, rows: C, generator g: inout SeededGenerator) -> ExampleTable where C.Element == Int {
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
        for r in rows {
            let user = positives.userKeys[r]
            userCat += positives.userCategorical[(r * uc)..<((r + 1) * uc)]; userDense += positives.userDense[(r * ud)..<((r + 1) * ud)]
            itemCat += positives.itemCategorical[(r * ic)..<((r + 1) * ic)]; itemDense += positives.itemDense[(r * id)..<((r + 1) * id)]
            labels += positives.labels[(r * k)..<((r + 1) * k)]
            userKeys.append(user); itemKeys.append(positives.itemKeys[r])
            sources.append(r)
            chosen.removeAll(keepingCapacity: true)
            for _ in 0..<perPositive {
                for _ in 0..<maxAttempts {
                    let i = g.nextInt(below: pool.count), item = pool[i]
                    if item == positives.itemKeys[r] || chosen.contains(i) || interacted(user: user, item: item) { continue }
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
