import Foundation
import NumericCore

/// Writes seeded full-size replicas of the public datasets in their original file formats, for
/// measuring the loaders and training at the real scale without the download. Nothing in a replica
/// is real: ids, cardinalities and label rates follow the published dataset statistics (below), item
/// popularity is Zipf-like (`P(rank r) ∝ 1/r`, drawn by inversion of the log-uniform law).
///
/// - Taobao UserBehavior (Tianchi 649): 100,150,807 events, 987,994 users (≈101 events each),
///   4,162,024 items, 9,439 categories, behaviours pv 89.6 %, cart 5.5 %, fav 2.9 %, buy 2.0 %,
///   2017-11-25..12-03; sorted by user then time, no header. Cart, fav and buy mostly act on an item
///   the user viewed before (so purchase-after-view labels exist).
/// - Ali-CCP (Ma et al., SIGIR 2018): the sample's 33-column label-encoded CSV; click rate 3.9 %,
///   purchase 0.6 % of clicks (purchase only on clicked rows).
/// - AliExpress (MTReclib): `search_id`, 16 categorical, 63 numerical, `click`, `conversion`; click
///   rate 2.2 %, conversion 2.5 % of clicks.
/// - Last.fm HetRec `user_artists.dat`: tab-separated with header, ≈49 artists per user, log-normal
///   play counts.
/// - Complexity: O(rows) time, O(users' items) memory per user; output is streamed in 4 MiB blocks.
public enum DatasetReplica {
    /// A replica format.
    public enum Format: String, Sendable, CaseIterable {
        case taobao
        case aliCCP = "ali-ccp"
        case aliExpress = "aliexpress"
        case lastFM = "lastfm"
    }

    /// Writes `rows` data rows of `format` to `path` (atomically: a temporary file renamed at the end).
    /// - Returns: bytes written.
    /// - Throws: `DataError.invalidArgument` for `rows < 1`, `.unreadable` when the file cannot be written.
    @discardableResult
    public static func write(_ format: Format, rows: Int, seed: UInt64, to path: String) throws -> Int {
        guard rows >= 1 else { throw DataError.invalidArgument("rows must be ≥ 1, got \(rows)") }
        let temporary = path + ".partial-\(getpid())"
        guard let file = fopen(temporary, "wb") else { throw DataError.unreadable(path: temporary, reason: String(cString: strerror(errno))) }
        var out = ByteSink(file: file)
        var rng = SeededGenerator(seed: seed).split("replica-" + format.rawValue)
        switch format {
        case .taobao: taobao(rows: rows, rng: &rng, out: &out)
        case .aliCCP: aliCCP(rows: rows, rng: &rng, out: &out)
        case .aliExpress: aliExpress(rows: rows, rng: &rng, out: &out)
        case .lastFM: lastFM(rows: rows, rng: &rng, out: &out)
        }
        let ok = out.flush() && fclose(file) == 0
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw DataError.unreadable(path: path, reason: "could not write the replica")
        }
        return out.written
    }

    /// A rank in `1...n` with `P(r) ∝ 1/r` (log-uniform inversion).
    static func zipf(_ n: Int, _ rng: inout SeededGenerator) -> Int {
        min(n, Int(exp(rng.nextUniform(in: 0, 1) * log(Double(n) + 1))))
    }

    /// Spreads rank `r` over ids `1...bound` (a fixed odd multiplier modulo a bound), so popular items
    /// do not all have small ids.
    static func scatter(_ r: Int, _ bound: Int) -> Int { (r &* 2_654_435_761) % bound + 1 }

    private static func taobao(rows: Int, rng: inout SeededGenerator, out: inout ByteSink) {
        let items = max(10, min(4_162_024, rows / 24 + 1_000)), categories = max(2, min(9_439, items / 441 + 1))
        let start = 1_511_539_200, span = 9 * 86_400
        var written = 0, user = 0
        var viewed: [Int] = [], times: [Int] = []
        while written < rows {
            user += 1
            // Events per user: log-normal, mean ≈ e^(4.2 + 0.32) ≈ 92, at least 1.
            let n = min(rows - written, max(1, Int(exp(4.2 + 0.8 * rng.nextGaussian()))))
            times = (0..<n).map { _ in start + rng.nextInt(below: span) }
            times.sort()
            viewed.removeAll(keepingCapacity: true)
            for t in times {
                let u = rng.nextUniform(in: 0, 1)
                let isView = u < 0.896
                let behavior: StaticString = isView ? "pv" : u < 0.951 ? "cart" : u < 0.98 ? "fav" : "buy"
                let item: Int
                if !isView, !viewed.isEmpty, rng.nextUniform(in: 0, 1) < 0.9 {
                    item = viewed[rng.nextInt(below: viewed.count)]
                } else {
                    item = scatter(zipf(items, &rng), 5_163_070)
                    if isView { viewed.append(item) }
                }
                out.int(user); out.byte(44); out.int(item); out.byte(44); out.int(scatter(item % categories + 1, 5_162_429)); out.byte(44)
                out.text(behavior); out.byte(44); out.int(t); out.byte(10)
            }
            written += n
        }
    }

    private static let aliCCPHeader = "click,purchase,101,121,122,124,125,126,127,128,129,205,206,207,210,216,508,509,702,853,301,109_14,110_14,127_14,150_14,D109_14,D110_14,D127_14,D150_14,D508,D509,D702,D853"
    /// Cardinalities of the categorical fields in header order (user 101 … behaviour 150_14), scaled
    /// from the Ali-CCP training set's field statistics.
    private static let aliCCPCardinalities = [238_635, 98, 14, 3, 8, 4, 4, 3, 5, 467_298, 6_929, 263_942, 80_232, 106_399,
                                              5_888, 104_830, 51_878, 37_148, 4, 5_853, 105_622, 53_843, 31_713]

    private static func aliCCP(rows: Int, rng: inout SeededGenerator, out: inout ByteSink) {
        out.text(aliCCPHeader); out.byte(10)
        for _ in 0..<rows {
            let click = rng.nextUniform(in: 0, 1) < 0.039
            let purchase = click && rng.nextUniform(in: 0, 1) < 0.006
            out.byte(click ? 49 : 48); out.byte(44); out.byte(purchase ? 49 : 48)
            for c in aliCCPCardinalities { out.byte(44); out.int(zipf(c, &rng) - 1) }
            for _ in 0..<8 { out.byte(44); out.fraction(rng.nextUniform(in: 0, 1)) }
            out.byte(10)
        }
    }

    private static func aliExpress(rows: Int, rng: inout SeededGenerator, out: inout ByteSink) {
        out.text("search_id")
        for i in 1...16 { out.text(",categorical_"); out.int(i) }
        for i in 1...63 { out.text(",numerical_"); out.int(i) }
        out.text(",click,conversion\n")
        let cardinalities = [9, 4, 3, 5, 10, 7, 40, 3, 3, 5, 6, 3, 4, 3, 2, 2]
        var search = 1, left = 0
        for _ in 0..<rows {
            if left == 0 { search += 1; left = 1 + rng.nextInt(below: 60) }  // impressions per query
            left -= 1
            out.int(search)
            for c in cardinalities { out.byte(44); out.int(zipf(c, &rng) - 1) }
            for _ in 0..<63 { out.byte(44); out.fraction(rng.nextUniform(in: 0, 1) < 0.4 ? 0 : rng.nextUniform(in: 0, 1)) }
            let click = rng.nextUniform(in: 0, 1) < 0.022
            let conversion = click && rng.nextUniform(in: 0, 1) < 0.025
            out.byte(44); out.byte(click ? 49 : 48); out.byte(44); out.byte(conversion ? 49 : 48); out.byte(10)
        }
    }

    private static func lastFM(rows: Int, rng: inout SeededGenerator, out: inout ByteSink) {
        out.text("userID\tartistID\tweight\n")
        let artists = max(10, min(17_632 * max(1, rows / 92_834), rows / 3 + 10))
        var user = 1, left = 0
        var chosen = Set<Int>()
        for _ in 0..<rows {
            if left == 0 { user += 1; left = max(1, min(50, artists, Int(exp(3.7 + 0.5 * rng.nextGaussian())))); chosen.removeAll(keepingCapacity: true) }
            left -= 1
            var artist = zipf(artists, &rng)
            while chosen.contains(artist) { artist = artist % artists + 1 }
            chosen.insert(artist)
            out.int(user); out.byte(9); out.int(artist); out.byte(9)
            out.int(max(1, Int(exp(5.5 + 1.6 * rng.nextGaussian())))); out.byte(10)
        }
    }
}

/// Buffered byte output with integer and fixed-point formatting (no `String` per field).
struct ByteSink {
    let file: UnsafeMutablePointer<FILE>
    private var buffer = [UInt8](repeating: 0, count: 1 << 22)
    private var used = 0
    private var failed = false
    private(set) var written = 0

    init(file: UnsafeMutablePointer<FILE>) { self.file = file }

    mutating func byte(_ b: UInt8) {
        if used == buffer.count { _ = flush() }
        buffer[used] = b; used += 1
    }

    mutating func text(_ s: StaticString) { s.withUTF8Buffer { for b in $0 { byte(b) } } }
    mutating func text(_ s: String) { for b in s.utf8 { byte(b) } }

    /// A non-negative decimal integer.
    mutating func int(_ v: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)
            = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = max(v, 0), count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[count] = UInt8(48 + n % 10); n /= 10; count += 1 } while n > 0
            for i in stride(from: count - 1, through: 0, by: -1) { byte(d[i]) }
        }
    }

    /// `x` in [0, 1] with four decimals, as the samples' scaled dense fields.
    mutating func fraction(_ x: Double) {
        let v = Int((min(max(x, 0), 1) * 10_000).rounded())
        if v >= 10_000 { text("1.0"); return }
        byte(48); byte(46)
        byte(UInt8(48 + v / 1000)); byte(UInt8(48 + v / 100 % 10)); byte(UInt8(48 + v / 10 % 10)); byte(UInt8(48 + v % 10))
    }

    /// Writes the buffered bytes; false when the write failed (now or before).
    mutating func flush() -> Bool {
        if used > 0 {
            let n = buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, used, file) }
            if n != used { failed = true }
            written += used
            used = 0
        }
        return !failed
    }
}
