/// A column of raw 64-bit keys stored in 32 bits when every key fits: the user or item keys of an
/// `ExampleTable`, which at the full Taobao scale are tens of millions of rows of ids below 2³¹.
///
/// The narrow form holds `Int32` values; `Int32.min` in it stands for `Int64.min` (the missing key,
/// `RawTable.missingKey`), so a narrow column holds any key in `Int32.min + 1 … Int32.max` and the
/// missing key. Appending a key outside that range widens the column to 64 bits. Equality is by
/// value: a narrow and a wide column with the same keys are equal.
struct KeyColumn: Sendable, Equatable {
    private enum Storage: Sendable {
        case wide([Int64])
        case narrow([Int32])
    }
    private var storage: Storage

    /// A 64-bit column over `keys`.
    init(_ keys: [Int64]) { storage = .wide(keys) }

    /// A 32-bit column over `keys` (`Int32.min` standing for `Int64.min`).
    init(narrow keys: [Int32]) { storage = .narrow(keys) }

    /// The 32-bit code of `key`, or nil when it does not fit (then the column must stay 64-bit).
    @inline(__always) static func narrow(_ key: Int64) -> Int32? {
        if key == .min { return .min }
        guard key > Int64(Int32.min), key <= Int64(Int32.max) else { return nil }
        return Int32(truncatingIfNeeded: key)
    }

    @inline(__always) private static func widen(_ code: Int32) -> Int64 { code == .min ? .min : Int64(code) }

    /// Number of keys.
    var count: Int {
        switch storage { case .wide(let a): return a.count; case .narrow(let a): return a.count }
    }

    /// Whether the keys are held in 32 bits.
    var isNarrow: Bool { if case .narrow = storage { return true } else { return false } }

    /// The stored column: 32-bit codes (`Int32.min` for `Int64.min`) or 64-bit keys, without a copy.
    var stored: (narrow: [Int32]?, wide: [Int64]?) {
        switch storage { case .narrow(let a): return (a, nil); case .wide(let a): return (nil, a) }
    }

    /// The key of row `i`. - Complexity: O(1).
    @inline(__always) subscript(i: Int) -> Int64 {
        switch storage { case .wide(let a): return a[i]; case .narrow(let a): return Self.widen(a[i]) }
    }

    /// The keys as 64-bit values. - Complexity: O(count) (a copy when narrow).
    var values: [Int64] {
        switch storage { case .wide(let a): return a; case .narrow(let a): return a.map(Self.widen) }
    }

    /// Appends `key`, widening the column when it does not fit in 32 bits.
    mutating func append(_ key: Int64) {
        switch storage {
        case .wide(var a):
            storage = .wide([]); a.append(key); storage = .wide(a)
        case .narrow(var a):
            storage = .narrow([])
            if let code = Self.narrow(key) { a.append(code); storage = .narrow(a) } else {
                var w = a.map(Self.widen); w.append(key); storage = .wide(w)
            }
        }
    }

    /// The keys at `indices`, in that order, in this column's width.
    func gather(_ indices: [Int]) -> KeyColumn {
        switch storage {
        case .wide(let a): return KeyColumn(indices.map { a[$0] })
        case .narrow(let a): return KeyColumn(narrow: indices.map { a[$0] })
        }
    }

    static func == (a: KeyColumn, b: KeyColumn) -> Bool {
        switch (a.storage, b.storage) {
        case (.wide(let x), .wide(let y)): return x == y
        case (.narrow(let x), .narrow(let y)): return x == y
        default:
            guard a.count == b.count else { return false }
            for i in 0..<a.count where a[i] != b[i] { return false }
            return true
        }
    }
}
