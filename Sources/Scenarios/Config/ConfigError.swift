import NumericCore

/// An invalid experiment configuration, located in its file where possible; prints as
/// `file:line:column: message` (``LocatedError``).
public struct ConfigError: LocatedError, Equatable {
    /// Where: the configuration file (or `"<string>"` for in-memory text), line and column when known.
    public var place: SourceLocation
    /// What is wrong, in one sentence.
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.place = SourceLocation(file: file, line: line, column: column)
        self.message = message
    }

    /// The configuration file (or `"<string>"` for in-memory text).
    public var file: String { place.file }
    /// 1-based line, when known.
    public var line: Int? { place.line }
    /// 1-based column, when known.
    public var column: Int? { place.column }
    public var location: SourceLocation? { place }
}

/// The closest candidate to `word` by Levenshtein distance, if it is close enough to be a likely typo
/// (distance ≤ max(2, a third of the word's length)).
func nearestName(to word: String, in candidates: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
    let w = Array(word.lowercased())
    let scored = candidates.map { ($0, distance(w, Array($0.lowercased()))) }
    guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
    return best.1 <= max(2, w.count / 3) ? best.0 : nil
}
