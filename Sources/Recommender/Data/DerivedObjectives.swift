import NumericCore

/// Sessions of one log: for every event (in input order), its session and how deep the session goes
/// after it.
public struct SessionInfo: Sendable, Equatable {
    /// Session index (0-based, numbered in order of (user, first event time)).
    public var sessionIDs: [Int]
    /// Number of events of the same session strictly after this one (0 for the last event).
    public var depthAfter: [Int]
    /// 1 when the user continues the session after this event (`depthAfter > 0`), else 0.
    public var continues: [Float]
}

/// Objectives derived from logged fields, as the scenarios need them. Each function returns one
/// value per input row, in input order, and sorts internally where time order matters (ties broken
/// by input order), so the input need not be sorted.
public enum DerivedObjectives {
    /// KuaiRand's `long_view`: the video was watched to the end if it is at most 18 s long, or for at
    /// least 18 s otherwise (definition from the KuaiRand/KuaiComt field descriptions).
    public static func longView(playTimeMs: Double, durationMs: Double) -> Bool {
        durationMs <= 18_000 ? playTimeMs >= durationMs : playTimeMs >= 18_000
    }

    /// Watch ratio `play_time / duration`, capped at `cap` (replays push it above 1); NaN when the
    /// duration is not positive.
    public static func watchRatio(playTimeMs: Double, durationMs: Double, cap: Double = .infinity) -> Double {
        guard durationMs > 0, playTimeMs.isFinite else { return .nan }
        return min(playTimeMs / durationMs, cap)
    }

    /// Purchase after view (Taobao): 1 for a `pv` event of (user, item) when the same user buys the
    /// same item at the same time or later; 0 for every other event (including the buys themselves).
    /// - Complexity: O(n) expected.
    public static func purchaseAfterView(users: [Int64], items: [Int64], behaviors: [TaobaoBehavior], timestamps: [Int64]) -> [Float] {
        var lastBuy = [Pair: Int64]()
        for i in users.indices where behaviors[i] == .buy {
            let p = Pair(users[i], items[i])
            lastBuy[p] = max(lastBuy[p] ?? .min, timestamps[i])
        }
        return users.indices.map { i in
            guard behaviors[i] == .pv, let t = lastBuy[Pair(users[i], items[i])] else { return 0 }
            return t >= timestamps[i] ? 1 : 0
        }
    }

    /// Re-purchase (Taobao): 1 for a `buy` of (user, item) when the same user buys the same item again
    /// later (later timestamp, or the same timestamp further down the input); 0 otherwise.
    /// - Complexity: O(n log n).
    public static func repurchase(users: [Int64], items: [Int64], behaviors: [TaobaoBehavior], timestamps: [Int64]) -> [Float] {
        var out = [Float](repeating: 0, count: users.count)
        let buys = users.indices.filter { behaviors[$0] == .buy }
            .sorted { (timestamps[$0], $0) < (timestamps[$1], $1) }
        var seen = Set<Pair>()
        for i in buys.reversed() {
            let p = Pair(users[i], items[i])
            if seen.contains(p) { out[i] = 1 } else { seen.insert(p) }
        }
        return out
    }

    /// Sessions by inactivity gap: a user's next event starts a new session when it comes more than
    /// `gap` time units after the previous one (`gap` = 1800 for 30 minutes in Unix seconds).
    /// Depth of an event = number of events after it in its session; `continues` = depth > 0.
    /// - Complexity: O(n log n).
    public static func sessions(users: [Int64], timestamps: [Int64], gap: Int64 = 1800) -> SessionInfo {
        let n = users.count
        let order = (0..<n).sorted { (users[$0], timestamps[$0], $0) < (users[$1], timestamps[$1], $1) }
        var ids = [Int](repeating: 0, count: n), depth = [Int](repeating: 0, count: n)
        var session = -1
        var start = 0  // position in `order` where the current session starts
        func close(_ end: Int) {  // positions start..<end form one session
            for q in start..<end { depth[order[q]] = end - q - 1 }
        }
        for (q, i) in order.enumerated() {
            let newSession = q == 0 || users[order[q - 1]] != users[i] || timestamps[i] - timestamps[order[q - 1]] > gap
            if newSession {
                if q > 0 { close(q) }
                session += 1
                start = q
            }
            ids[i] = session
        }
        if n > 0 { close(n) }
        return SessionInfo(sessionIDs: ids, depthAfter: depth, continues: depth.map { $0 > 0 ? 1 : 0 })
    }

    /// Repeat listening: 1 when the play count is strictly above the median of the same user's play
    /// counts (median by linear interpolation for an even number of artists), else 0.
    /// - Complexity: O(n log n).
    public static func repeatListening(users: [Int64], counts: [Double]) -> [Float] {
        var byUser = [Int64: [Double]]()
        for i in users.indices { byUser[users[i], default: []].append(counts[i]) }
        let median = byUser.mapValues { Statistics.median($0) }
        return users.indices.map { counts[$0] > median[users[$0]]! ? 1 : 0 }
    }
}

/// A (user, item) pair key.
struct Pair: Hashable {
    let user: Int64
    let item: Int64
    init(_ user: Int64, _ item: Int64) { self.user = user; self.item = item }
}
