/// The state of `TaobaoLoader.loadEvents`: parses well-formed Taobao UserBehavior lines
/// (`user,item,category,behavior,timestamp`) in one pass and numbers their ids densely into
/// `TaobaoEventLog` columns.
///
/// All state lives in this value and is mutated through `mutating` methods, so the loader's closures
/// capture one local variable and Swift checks exclusive access at compile time, not per access at
/// run time. Parsed events wait in a batch of `batchSize` raw rows; a full batch first reads the home
/// slots of its item ids (`DenseIdMap.warm`, overlapping the cache misses of a table far larger than
/// the cache), then numbers and appends the events in file order. A line the fast path refuses goes
/// to the general path, which appends through `append(…)` after the batch is flushed, so the order
/// of events is always the file's.
/// - Complexity: O(line length) per line; O(1) expected per id lookup.
struct TaobaoEventParser {
    /// Raw events buffered before numbering.
    static let batchSize = 64
    /// Ids below this are numbered through `DenseIdMap`'s direct table.
    static let directLimit = 1 << 26
    private var log = TaobaoEventLog()
    private var userIndex: DenseIdMap, itemIndex: DenseIdMap, categoryIndex = DenseIdMap(expected: 1024)
    private var itemCategory = [UInt32]()
    // The file is usually grouped by user: the previous event's user is tried first.
    private var lastUserKey = Int64.min, lastUser: UInt32 = 0
    private var pendingUsers: [Int64], pendingItems: [Int64], pendingCategories: [Int64], pendingTimes: [Int64]
    private var pendingBehaviors: [UInt8]
    private var pending = 0
    private var sink: Int64 = 0
    /// Set when the log reached the 32-bit event limit; later events are refused.
    private(set) var overflow = false

    /// A parser with columns reserved for about `expected` events.
    init(expected: Int) {
        log.users.reserveCapacity(expected); log.items.reserveCapacity(expected); log.categories.reserveCapacity(expected)
        log.behaviors.reserveCapacity(expected); log.timestamps.reserveCapacity(expected)
        // Users and items through direct tables up to 2²⁶ (at most 256 MB each, sized by the largest
        // id seen); categories stay hashed (a few thousand ids, a table that stays in cache).
        userIndex = DenseIdMap(expected: expected / 64, directLimit: Self.directLimit)
        itemIndex = DenseIdMap(expected: expected / 16, directLimit: Self.directLimit)
        let b = Self.batchSize
        pendingUsers = [Int64](repeating: 0, count: b); pendingItems = pendingUsers
        pendingCategories = pendingUsers; pendingTimes = pendingUsers
        pendingBehaviors = [UInt8](repeating: 0, count: b)
    }

    /// An unsigned decimal of 1–18 digits (no overflow possible) at `p`, ending at `end`; `p` moves
    /// past the number (and past `end` when it is a delimiter).
    @inline(__always)
    private static func number(_ base: UnsafePointer<UInt8>, _ p: inout Int, _ n: Int, comma: Bool) -> Int64? {
        let from = p
        var q = p, v: Int64 = 0
        while q < n {
            let d = base[q] &- 48
            if d > 9 { break }
            v = v &* 10 &+ Int64(d)
            q += 1
        }
        guard q > from, q - from <= 18 else { return nil }
        if comma {
            guard q < n, base[q] == UInt8(ascii: ",") else { return nil }
            q += 1
        } else if q != n { return nil }
        p = q
        return v
    }

    /// Parses one line (its ending removed) when it has the regular shape: four unsigned decimal
    /// fields of at most 18 digits around a behaviour name (`pv`, `buy`, `cart`, `fav`).
    /// - Returns: false when the line is irregular (for the general path) or the log is full.
    @inline(__always)
    mutating func parse(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = line.baseAddress else { return false }
        let n = line.count
        var p = 0
        guard let u = Self.number(base, &p, n, comma: true), let i = Self.number(base, &p, n, comma: true),
              let c = Self.number(base, &p, n, comma: true), p + 3 < n else { return false }
        let comma = UInt8(ascii: ","), behavior: TaobaoBehavior
        switch (base[p], base[p + 1], base[p + 2]) {
        case (0x70, 0x76, comma): behavior = .pv; p += 3                                            // "pv,"
        case (0x62, 0x75, 0x79) where base[p + 3] == comma: behavior = .buy; p += 4                 // "buy,"
        case (0x66, 0x61, 0x76) where base[p + 3] == comma: behavior = .fav; p += 4                 // "fav,"
        case (0x63, 0x61, 0x72) where p + 4 < n && base[p + 3] == 0x74 && base[p + 4] == comma:     // "cart,"
            behavior = .cart; p += 5
        default: return false
        }
        guard let t = Self.number(base, &p, n, comma: false) else { return false }
        guard log.users.count + pending < Int(UInt32.max) - 1 else { overflow = true; return false }
        let k = pending
        pendingUsers[k] = u; pendingItems[k] = i; pendingCategories[k] = c; pendingTimes[k] = t
        pendingBehaviors[k] = behavior.rawValue
        pending = k + 1
        if pending == Self.batchSize { flush() }
        return true
    }

    /// Appends one event from the general path (after the buffered ones).
    /// - Returns: false when the log is full.
    mutating func append(user u: Int64, item i: Int64, category c: Int64, behavior b: UInt8, time t: Int64) -> Bool {
        flush()
        guard log.users.count < Int(UInt32.max) - 1 else { overflow = true; return false }
        number(u, i, c, b, t)
        return true
    }

    @inline(__always) private mutating func number(_ u: Int64, _ i: Int64, _ c: Int64, _ b: UInt8, _ t: Int64) {
        if u != lastUserKey || log.users.isEmpty { lastUser = userIndex.index(of: u).index; lastUserKey = u }
        let ci = categoryIndex.index(of: c).index
        let (ii, isNew) = itemIndex.index(of: i)
        if isNew { itemCategory.append(ci) }
        log.users.append(lastUser); log.items.append(ii); log.categories.append(ci)
        log.behaviors.append(b); log.timestamps.append(t)
    }

    /// Numbers and appends the buffered events.
    private mutating func flush() {
        guard pending > 0 else { return }
        let m = pending
        pending = 0
        sink ^= pendingItems.withUnsafeBufferPointer { itemIndex.warm(UnsafeBufferPointer(rebasing: $0[0..<m])) }
        sink ^= pendingCategories.withUnsafeBufferPointer { categoryIndex.warm(UnsafeBufferPointer(rebasing: $0[0..<m])) }
        for k in 0..<m { number(pendingUsers[k], pendingItems[k], pendingCategories[k], pendingBehaviors[k], pendingTimes[k]) }
    }

    /// Appends the events of `other`, a parser of the lines that follow this one's, numbering its
    /// ids as if those lines had been parsed here: the result is the log one parser would build over
    /// both ranges (ids in order of first appearance, each item's category that of its first event).
    /// `other`'s columns are released.
    /// - Complexity: O(events of `other` + its distinct ids).
    mutating func append(contentsOf other: inout TaobaoEventParser) {
        flush(); other.flush()
        let categories = other.categoryIndex.keys.map { categoryIndex.index(of: $0).index }
        var items = [UInt32]()
        items.reserveCapacity(other.itemIndex.count)
        for (j, key) in other.itemIndex.keys.enumerated() {
            let (i, isNew) = itemIndex.index(of: key)
            if isNew { itemCategory.append(categories[Int(other.itemCategory[j])]) }
            items.append(i)
        }
        let users = other.userIndex.keys.map { userIndex.index(of: $0).index }
        func append(_ column: inout [UInt32], _ from: inout [UInt32], through table: [UInt32]) {
            column.reserveCapacity(column.count + from.count)
            table.withUnsafeBufferPointer { table in
                for v in from { column.append(table[Int(v)]) }
            }
            from = []
        }
        append(&log.users, &other.log.users, through: users)
        append(&log.items, &other.log.items, through: items)
        append(&log.categories, &other.log.categories, through: categories)
        log.behaviors += other.log.behaviors; other.log.behaviors = []
        log.timestamps += other.log.timestamps; other.log.timestamps = []
        if let last = log.users.last { lastUser = last; lastUserKey = userIndex.keys[Int(last)] }
        if other.overflow || log.users.count >= Int(UInt32.max) - 1 { overflow = true }
    }

    /// The log of every event parsed or appended, with its key tables.
    mutating func finish() -> TaobaoEventLog {
        flush()
        log.userKeys = userIndex.keys; log.itemKeys = itemIndex.keys; log.categoryKeys = categoryIndex.keys
        log.itemCategory = itemCategory
        // `sink` only keeps the warm-up reads; it is folded in here so they cannot be dropped.
        if sink == .min { log.itemCategory.reserveCapacity(itemCategory.count) }
        return log
    }
}
