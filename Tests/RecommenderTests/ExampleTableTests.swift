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

    @Test func sigmoidIsStableAtExtremes() {
        #expect(stableSigmoid(0) == 0.5)
        #expect(stableSigmoid(-1000) == 0)
        #expect(stableSigmoid(1000) == 1)
    }
}
