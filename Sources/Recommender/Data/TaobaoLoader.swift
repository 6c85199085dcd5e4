/// A Taobao user-behaviour event type.
public enum TaobaoBehavior: UInt8, Sendable, CaseIterable {
    /// Page view (≈ click).
    case pv
    /// Purchase.
    case buy
    /// Add to cart.
    case cart
    /// Favourite.
    case fav
}

/// The Taobao UserBehavior log (Tianchi dataset 649), column-major, in file order.
public struct TaobaoLog: Sendable, Equatable {
    /// `user_id`.
    public var users: [Int64] = []
    /// `item_id`.
    public var items: [Int64] = []
    /// `category_id`.
    public var categories: [Int64] = []
    /// `behavior_type`.
    public var behaviors: [TaobaoBehavior] = []
    /// Unix seconds.
    public var timestamps: [Int64] = []
    /// Source line of each event.
    public var lines: [Int] = []
    /// Number of events.
    public var count: Int { users.count }
    /// An empty log.
    public init() {}
}

/// Loads Taobao UserBehavior files: `user_id,item_id,category_id,behavior_type,timestamp`, no
/// header, `behavior_type` ∈ {pv, buy, cart, fav}. Works on the full 3.7 GB file (streaming).
public enum TaobaoLoader {
    /// Reads the log. Rows with the wrong field count, a non-integer id or timestamp, or an unknown
    /// behaviour are reported (line, column) and skipped, or thrown in strict mode.
    /// - Throws: `DataError`.
    public static func load(path: String, options: LoadOptions = LoadOptions()) throws -> (TaobaoLog, LoadReport) {
        let reader = try DelimitedReader(path: path, format: DelimitedFormat(quote: nil, hasHeader: false))
        var log = TaobaoLog()
        let expected = min(reader.estimatedRowCount(), options.rowLimit ?? .max)
        log.users.reserveCapacity(expected); log.items.reserveCapacity(expected); log.categories.reserveCapacity(expected)
        log.behaviors.reserveCapacity(expected); log.timestamps.reserveCapacity(expected); log.lines.reserveCapacity(expected)
        var report = LoadReport()
        try reader.forEachRecord(report: &report, options: options) { r, report in
            func reject(_ column: Int?, _ why: String) throws -> Bool {
                try report.reject(DataIssue(file: path, line: r.line, column: column, reason: why), options: options)
                return false
            }
            guard r.fieldCount == 5 else { return try reject(nil, "expected 5 fields, found \(r.fieldCount)") }
            guard let u = r.int64(0) else { return try reject(1, "user_id '\(r.string(0))' is not an integer") }
            guard let i = r.int64(1) else { return try reject(2, "item_id '\(r.string(1))' is not an integer") }
            guard let c = r.int64(2) else { return try reject(3, "category_id '\(r.string(2))' is not an integer") }
            let b: TaobaoBehavior
            if r.equals(3, "pv") { b = .pv } else if r.equals(3, "buy") { b = .buy }
            else if r.equals(3, "cart") { b = .cart } else if r.equals(3, "fav") { b = .fav }
            else { return try reject(4, "unknown behavior_type '\(r.string(3))'") }
            guard let t = r.int64(4) else { return try reject(5, "timestamp '\(r.string(4))' is not an integer") }
            log.users.append(u); log.items.append(i); log.categories.append(c)
            log.behaviors.append(b); log.timestamps.append(t); log.lines.append(r.line)
            return true
        }
        return (log, report)
    }
}
