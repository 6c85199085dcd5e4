import Yams

/// A thin, located reader over a Yams node tree: typed accessors that throw `ConfigError` with the
/// file, line and column of the offending node, and a check that rejects unknown keys with a
/// suggestion of the nearest valid one.
struct YAMLReader {
    let file: String
    let node: Node
    /// Human-readable path of this node, e.g. `methods[2]`.
    let path: String

    func error(_ message: String, at node: Node? = nil) -> ConfigError {
        let mark = (node ?? self.node).mark
        return ConfigError(file: file, line: mark?.line, column: mark?.column, message: message)
    }

    /// The mapping's keys and values; throws when this node is not a mapping.
    func mapping() throws -> [(key: String, keyNode: Node, value: YAMLReader)] {
        guard let m = node.mapping else { throw error("'\(path)' must be a mapping (key: value)") }
        return try m.map { pair in
            guard let key = pair.key.string else { throw error("a key in '\(path)' is not a string", at: pair.key) }
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            return (key, pair.key, YAMLReader(file: file, node: pair.value, path: childPath))
        }
    }

    /// Throws for the first key not in `allowed`, suggesting the nearest allowed key.
    func requireKnownKeys(_ allowed: [String]) throws {
        for entry in try mapping() where !allowed.contains(entry.key) {
            let where_ = path.isEmpty ? "the experiment" : "'\(path)'"
            var message = "unknown key '\(entry.key)' in \(where_)"
            if let suggestion = nearestName(to: entry.key, in: allowed) { message += "; did you mean '\(suggestion)'?" }
            else { message += "; valid keys: \(allowed.joined(separator: ", "))" }
            throw error(message, at: entry.keyNode)
        }
    }

    /// The child at `key`, if present.
    func child(_ key: String) throws -> YAMLReader? {
        try mapping().first { $0.key == key }?.value
    }

    /// The child at `key`; throws when missing.
    func required(_ key: String) throws -> YAMLReader {
        guard let c = try child(key) else {
            throw error("missing required key '\(key)' in \(path.isEmpty ? "the experiment" : "'\(path)'")")
        }
        return c
    }

    func string() throws -> String {
        guard case .scalar = node, let s = node.string else { throw error("'\(path)' must be a string") }
        return s
    }

    func int() throws -> Int {
        guard let v = node.int else { throw error("'\(path)' must be an integer, not '\(node.string ?? "?")'") }
        return v
    }

    func double() throws -> Double {
        guard let v = node.float ?? node.int.map(Double.init), v.isFinite else {
            throw error("'\(path)' must be a finite number, not '\(node.string ?? "?")'")
        }
        return v
    }

    func bool() throws -> Bool {
        guard let v = node.bool else { throw error("'\(path)' must be true or false") }
        return v
    }

    /// Whether this node is a list.
    var isSequence: Bool { node.sequence != nil }

    func sequence() throws -> [YAMLReader] {
        guard let s = node.sequence else { throw error("'\(path)' must be a list") }
        return s.enumerated().map { YAMLReader(file: file, node: $0.element, path: "\(path)[\($0.offset)]") }
    }

    func doubles() throws -> [Double] { try sequence().map { try $0.double() } }

    /// An integer that must be positive.
    func positiveInt() throws -> Int {
        let v = try int()
        guard v > 0 else { throw error("'\(path)' must be positive, got \(v)") }
        return v
    }

    /// A positive integer no larger than `maximum` (the library's size limit, so an oversized
    /// value is refused here, with its location, before any allocation).
    func positiveInt(atMost maximum: Int) throws -> Int {
        let v = try positiveInt()
        guard v <= maximum else { throw error("'\(path)' is \(v), above the maximum of \(maximum)") }
        return v
    }

    /// A string from a closed set, with a suggestion on mismatch.
    func choice(_ allowed: [String]) throws -> String {
        let s = try string()
        guard allowed.contains(s) else {
            var message = "unknown value '\(s)' for '\(path)'"
            if let suggestion = nearestName(to: s, in: allowed) { message += "; did you mean '\(suggestion)'?" }
            else { message += "; expected one of \(allowed.joined(separator: ", "))" }
            throw error(message)
        }
        return s
    }
}
