/// Raw behaviours of a log (parallel arrays): who did what to which item, when.
public struct BehaviourLog: Sendable, Equatable {
    /// Raw user id.
    public var users: [Int64] = []
    /// Raw item id.
    public var items: [Int64] = []
    /// Raw category id of the item.
    public var categories: [Int64] = []
    /// Behaviour-type code, ≥ 1 (0 is padding).
    public var behaviours: [Int32] = []
    /// Time (any clock that orders the log).
    public var times: [Int64] = []
    /// Number of behaviours.
    public var count: Int { users.count }
    /// An empty log.
    public init() {}

    /// Appends one behaviour.
    public mutating func append(user: Int64, item: Int64, category: Int64, behaviour: Int32, time: Int64) {
        users.append(user); items.append(item); categories.append(category); behaviours.append(behaviour); times.append(time)
    }
}

/// Builds `BehaviourSequences`: groups the given behaviours by user in time order (stable for ties)
/// and gives each example the prefix of its user's behaviours strictly before the example's time.
///
/// The caller passes the training split's behaviours only; nothing at or after an example's time
/// enters its history, so a held-out or future behaviour cannot leak into a feature.
/// - Complexity: O(B log B + E log B) for B behaviours and E examples.
public enum BehaviourSequenceBuilder {
    /// The histories of examples `(exampleUsers[n], exampleTimes[n])`.
    /// - Parameters:
    ///   - history: training behaviours only.
    ///   - encodeItem, encodeCategory: raw id → code in the vocabularies of `layout`.
    /// - Throws: `DataError.invalidArgument` for arrays of different lengths or a behaviour code outside
    ///   `1 ..< layout.behaviourCardinality`.
    public static func build(history: BehaviourLog, layout: SequenceLayout, encodeItem: (Int64) -> Int32,
                             encodeCategory: (Int64) -> Int32, exampleUsers: [Int64], exampleTimes: [Int64]) throws -> BehaviourSequences {
        let h = history
        guard h.items.count == h.count, h.categories.count == h.count, h.behaviours.count == h.count, h.times.count == h.count,
              exampleUsers.count == exampleTimes.count else {
            throw DataError.invalidArgument("behaviour log or example arrays differ in length")
        }
        for b in h.behaviours where !(b >= 1 && Int(b) < layout.behaviourCardinality) {
            throw DataError.invalidArgument("behaviour code \(b) outside 1..<\(layout.behaviourCardinality)")
        }
        let order = h.users.indices.sorted { a, b in
            (h.users[a], h.times[a], a) < (h.users[b], h.times[b], b)
        }
        var items = [Int32](), categories = [Int32](), behaviours = [Int32](), times = [Int64]()
        items.reserveCapacity(h.count); categories.reserveCapacity(h.count); behaviours.reserveCapacity(h.count); times.reserveCapacity(h.count)
        var segmentUsers = [Int64](), segmentStarts = [Int](), segmentOf = [Int64: Int]()
        for i in order {
            if segmentUsers.last != h.users[i] || segmentUsers.isEmpty {
                segmentOf[h.users[i]] = segmentUsers.count
                segmentUsers.append(h.users[i]); segmentStarts.append(items.count)
            }
            items.append(encodeItem(h.items[i])); categories.append(encodeCategory(h.categories[i]))
            behaviours.append(h.behaviours[i]); times.append(h.times[i])
        }
        segmentStarts.append(items.count)
        let stored = try BehaviourSequences(layout: layout, items: items, categories: categories, behaviours: behaviours, times: times,
                                            segmentUsers: segmentUsers, segmentStarts: segmentStarts, exampleStart: [],
                                            exampleEnd: [], exampleTimes: [])
        return stored.locating(users: exampleUsers, times: exampleTimes)
    }

    /// Attaches histories to the three splits of `data`: the codes use the encoder's vocabularies of
    /// the item fields `itemField` and `categoryField`, and example `n` of split `s` is timed `times[s][n]`.
    /// - Throws: `DataError.invalidArgument` when a field is missing or a split's times have the wrong count.
    static func attach(to data: inout ScenarioData, history: BehaviourLog, behaviourCardinality: Int, itemField: String,
                       categoryField: String, times: (train: [Int64], validation: [Int64], test: [Int64])) throws {
        let names = data.layout.itemCategoricalNames
        guard let itemIndex = names.firstIndex(of: itemField), let item = data.encoder.categoricalEncoding(named: itemField) else {
            throw DataError.invalidArgument("behaviour sequences need the item field '\(itemField)'")
        }
        let categoryIndex = names.firstIndex(of: categoryField)
        let category = data.encoder.categoricalEncoding(named: categoryField)
        let layout = SequenceLayout(itemCardinality: item.cardinality, categoryCardinality: category?.cardinality ?? 1,
                                    behaviourCardinality: behaviourCardinality, candidateItemField: itemIndex,
                                    candidateCategoryField: category == nil ? nil : categoryIndex)
        let stored = try build(history: history, layout: layout, encodeItem: item.encode,
                               encodeCategory: { category?.encode($0) ?? 0 }, exampleUsers: [], exampleTimes: [])
        func attach(_ table: ExampleTable, _ t: [Int64]) throws -> ExampleTable {
            guard t.count == table.count else { throw DataError.invalidArgument("\(t.count) example times for \(table.count) examples") }
            return try table.withSequences(stored.locating(users: table.userKeys, times: t))
        }
        data.train = try attach(data.train, times.train)
        data.validation = try attach(data.validation, times.validation)
        data.test = try attach(data.test, times.test)
    }
}
