import Testing
@testable import Recommender

@Suite struct ExampleTableTests {
    private let layout = FeatureLayout(
        userCategoricalNames: ["user"], userCategoricalCardinalities: [3], userDenseNames: ["age"],
        itemCategoricalNames: ["item"], itemCategoricalCardinalities: [4], itemDenseNames: [],
        objectives: [ObjectiveSpec(name: "click", kind: .binary), ObjectiveSpec(name: "time", kind: .continuous)])

    @Test func subsetGathersRowsInOrderWithRepeats() {
        var t = ExampleTable(layout: layout)
        t.append(userCategorical: [1], userDense: [0.1], itemCategorical: [2], itemDense: [], labels: [1, 5], userKey: 10, itemKey: 20)
        t.append(userCategorical: [2], userDense: [0.2], itemCategorical: [3], itemDense: [], labels: [0, 7], userKey: 11, itemKey: 21)
        let s = t.subset([1, 1, 0])
        #expect(s.count == 3)
        #expect(s.userCategorical == [2, 2, 1])
        #expect(s.labels == [0, 7, 0, 7, 1, 5])
        #expect(s.labelColumn(1) == [7, 7, 5])
        #expect(s.userKeys == [11, 11, 10])
    }

    @Test func shapeMismatchIsReported() {
        #expect(throws: ExampleTableError.self) {
            try ExampleTable(layout: layout, count: 1, userCategorical: [1], userDense: [], itemCategorical: [1], itemDense: [],
                             labels: [1, 2], userKeys: [1], itemKeys: [1])
        }
    }

    @Test func narrowKeyCodesEveryKeyThatFitsAndRefusesTheRest() {
        #expect(ExampleTable.narrowKey(0) == 0 && ExampleTable.narrowKey(-7) == -7)
        #expect(ExampleTable.narrowKey(Int64(Int32.max)) == Int32.max)
        #expect(ExampleTable.narrowKey(Int64(Int32.max) + 1) == nil)
        #expect(ExampleTable.narrowKey(Int64(Int32.min)) == nil)  // Int32.min is the missing key's code
        #expect(ExampleTable.narrowKey(Int64(Int32.min) + 1) == Int32.min + 1)
        #expect(ExampleTable.narrowKey(Int64.min) == Int32.min)
        #expect(ExampleTable.narrowKey(Int64.max) == nil)
    }

    /// The same rows with 32-bit and 64-bit keys: equal tables, equal keys read back, equal subsets.
    @Test func narrowKeysReadBackAsTheWideOnes() throws {
        let users: [Int64] = [10, Int64.min, 2_147_483_647], items: [Int64] = [-5, 20, 0]
        func build(_ narrow: Bool) throws -> ExampleTable {
            narrow
                ? try ExampleTable(layout: layout, count: 3, userCategorical: [1, 2, 0], userDense: [0.1, 0.2, 0.3], itemCategorical: [1, 2, 3],
                                   itemDense: [], labels: [1, 5, 0, 7, 1, 2],
                                   narrowUserKeys: users.map { ExampleTable.narrowKey($0)! }, narrowItemKeys: items.map { ExampleTable.narrowKey($0)! })
                : try ExampleTable(layout: layout, count: 3, userCategorical: [1, 2, 0], userDense: [0.1, 0.2, 0.3], itemCategorical: [1, 2, 3],
                                   itemDense: [], labels: [1, 5, 0, 7, 1, 2], userKeys: users, itemKeys: items)
        }
        let narrow = try build(true), wide = try build(false)
        #expect(narrow.hasNarrowKeys && !wide.hasNarrowKeys)
        #expect(narrow == wide)
        #expect(narrow.userKeys == users && narrow.itemKeys == items)
        #expect((0..<3).map { narrow.userKey(at: $0) } == users && (0..<3).map { narrow.itemKey(at: $0) } == items)
        let s = narrow.subset([2, 0, 2])
        #expect(s.hasNarrowKeys && s.userKeys == [2_147_483_647, 10, 2_147_483_647] && s.itemKeys == [0, -5, 0])
        #expect(s == wide.subset([2, 0, 2]))
        var changed = narrow
        changed.append(userCategorical: [1], userDense: [0], itemCategorical: [1], itemDense: [], labels: [0, 0], userKey: 3, itemKey: 4)
        #expect(changed != narrow && changed.hasNarrowKeys)
        #expect(try ExampleTable(layout: layout, count: 1, userCategorical: [1], userDense: [0], itemCategorical: [1], itemDense: [],
                                 labels: [0, 0], narrowUserKeys: [1], narrowItemKeys: [1]) != ExampleTable(layout: layout, count: 1, userCategorical: [1], userDense: [0], itemCategorical: [1], itemDense: [],
                                 labels: [0, 0], userKeys: [1], itemKeys: [2]))
    }

    /// A key past 32 bits appended to a 32-bit table widens it; every earlier key is kept.
    @Test func appendingAKeyPast32BitsWidensTheColumn() throws {
        var t = try ExampleTable(layout: layout, count: 1, userCategorical: [1], userDense: [0], itemCategorical: [1], itemDense: [],
                                 labels: [0, 0], narrowUserKeys: [Int32.min], narrowItemKeys: [-3])
        t.append(userCategorical: [2], userDense: [1], itemCategorical: [2], itemDense: [], labels: [1, 1],
                 userKey: 5_000_000_000, itemKey: 4)
        #expect(!t.hasNarrowKeys)
        #expect(t.userKeys == [Int64.min, 5_000_000_000] && t.itemKeys == [-3, 4])
    }

    @Test func sigmoidIsStableAtExtremes() {
        #expect(stableSigmoid(0) == 0.5)
        #expect(stableSigmoid(-1000) == 0)
        #expect(stableSigmoid(1000) == 1)
    }
}
