import Foundation
import Testing
@testable import Recommender

@Suite struct DataFeatureTests {
    private func table(users: [Int64], items: [Int64], price: [Double], transform: NumericTransform = .standardize) -> RawTable {
        RawTable(categorical: [.init(name: "user_id", tower: .user, values: users), .init(name: "item_id", tower: .item, values: items)],
                 numeric: [.init(name: "price", tower: .item, transform: transform, values: price)],
                 objectives: [ObjectiveSpec(name: "click", kind: .binary)], labels: [users.map { _ in 1 }],
                 userKeys: users, itemKeys: items)
    }

    @Test func vocabularyReservesZeroForUnseenAndMissing() {
        let v = Vocabulary(fitting: [7, 3, 7, RawTable.missingKey, 9])
        #expect(v.cardinality == 4)
        #expect(v.encode(7) == 1 && v.encode(3) == 2 && v.encode(9) == 3)
        #expect(v.encode(42) == 0 && v.encode(RawTable.missingKey) == 0)
        let rare = Vocabulary(fitting: [7, 3, 7, 9], minCount: 2)
        #expect(rare.cardinality == 2 && rare.encode(7) == 1 && rare.encode(3) == 0)
    }

    @Test func encoderIsFittedOnTrainOnlyAndTestOnlyValuesMapToOOV() throws {
        let train = table(users: [1, 2, 3, 1], items: [10, 11, 10, 12], price: [1, 2, 3, 6])
        let test = table(users: [1, 99], items: [77, 11], price: [5, 100])
        let enc = try FeatureEncoder(fitting: train)
        let t = try enc.encode(test)
        #expect(enc.layout.userCategoricalCardinalities == [4] && enc.layout.itemCategoricalCardinalities == [4])
        #expect(t.userCategorical == [1, 0])  // user 99 only in test → OOV
        #expect(t.itemCategorical == [0, 2])  // item 77 only in test → OOV
        // Training price 1, 2, 3, 6: mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5.
        let n = try #require(enc.numeric.first)
        #expect(n.shift == 3 && abs(n.scale - 3.5.squareRoot()) < 1e-12)
        #expect(abs(Double(t.itemDense[0]) - 2 / 3.5.squareRoot()) < 1e-6)
        #expect(abs(Double(t.itemDense[1]) - 97 / 3.5.squareRoot()) < 1e-5)  // test values never shift the statistics
    }

    @Test func log1pTransformsAreFittedOnTrain() throws {
        let train = table(users: [1, 2], items: [1, 2], price: [0, exp(2) - 1], transform: .log1pStandardize)
        let enc = try FeatureEncoder(fitting: train)
        // log1p values 0 and 2: mean 1, population sd 1.
        #expect(abs(enc.numeric[0].shift - 1) < 1e-12 && abs(enc.numeric[0].scale - 1) < 1e-12)
        let t = try enc.encode(table(users: [1], items: [1], price: [exp(3) - 1], transform: .log1pStandardize))
        #expect(abs(t.itemDense[0] - 2) < 1e-5)
        let plain = try FeatureEncoder(fitting: table(users: [1], items: [1], price: [3], transform: .log1p))
        #expect(abs(Double(try plain.encode(table(users: [1], items: [1], price: [3], transform: .log1p)).itemDense[0]) - log(4)) < 1e-6)
    }

    @Test func hashingIsSeededDeterministicAndInRange() throws {
        let h = try HashedBuckets(buckets: 16, seed: 1)
        let again = try HashedBuckets(buckets: 16, seed: 1)
        let other = try HashedBuckets(buckets: 16, seed: 2)
        let keys: [Int64] = Array(0..<1000)
        let a = keys.map(h.encode), b = keys.map(again.encode), c = keys.map(other.encode)
        #expect(a == b && a != c)
        #expect(a.allSatisfy { (1...16).contains($0) })
        #expect(Set(a).count == 16)  // 1000 keys fill all 16 buckets
        #expect(h.encode(RawTable.missingKey) == 0)
        #expect(throws: DataError.self) { _ = try HashedBuckets(buckets: 0, seed: 1) }
        // In the encoder, a hashed field needs no fitting: an unseen key still gets a bucket.
        var raw = table(users: [1, 2], items: [1, 2], price: [1, 2])
        raw.categorical[1].hashBuckets = 8
        let enc = try FeatureEncoder(fitting: raw)
        #expect(enc.layout.itemCategoricalCardinalities == [9])
        let t = try enc.encode(table(users: [1], items: [123_456], price: [1]).withHashedItems(8))
        #expect(t.itemCategorical[0] == (try HashedBuckets(buckets: 8, seed: EncoderOptions().hashSeed)).encode(123_456))
    }

    @Test func encodingATableWithOtherFieldsIsAnError() throws {
        let enc = try FeatureEncoder(fitting: table(users: [1], items: [1], price: [1]))
        var other = table(users: [1], items: [1], price: [1])
        other.numeric[0].name = "cost"
        #expect(throws: DataError.self) { _ = try enc.encode(other) }
    }

    @Test func anEmptyTrainingTableIsAnEmptySplitError() {
        #expect(throws: DataError.emptySplit(name: "train")) { _ = try FeatureEncoder(fitting: table(users: [], items: [], price: [])) }
    }
}

private extension RawTable {
    func withHashedItems(_ b: Int) -> RawTable {
        var t = self
        t.categorical[1].hashBuckets = b
        return t
    }
}
