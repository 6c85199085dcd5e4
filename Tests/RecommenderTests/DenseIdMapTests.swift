import Testing
@testable import NumericCore
@testable import Recommender

/// `DenseIdMap` numbers ids by first appearance whether an id goes through the direct table or the
/// hash; a plain dictionary is the reference.
@Suite struct DenseIdMapTests {
    @Test(arguments: [0, 1 << 10, 1 << 20])
    func numberingIsFirstAppearanceWithAndWithoutTheDirectTable(directLimit: Int) {
        var rng = SeededGenerator(seed: 5)
        var map = DenseIdMap(expected: 4, directLimit: directLimit)
        var reference: [Int64: UInt32] = [:]
        for step in 0..<60_000 {
            // Small ids (direct), ids around the limit, negative and huge ids (hashed), with repeats.
            let key: Int64
            switch step % 4 {
            case 0: key = Int64(rng.nextInt(below: 3_000))
            case 1: key = Int64(directLimit) - 2 + Int64(rng.nextInt(below: 4))
            case 2: key = -Int64(rng.nextInt(below: 500)) - 1
            default: key = Int64.max - Int64(rng.nextInt(below: 20_000))
            }
            let expected = reference[key]
            let (index, isNew) = map.index(of: key)
            if let expected {
                #expect(index == expected && !isNew, "step \(step), key \(key)")
            } else {
                #expect(index == UInt32(reference.count) && isNew, "step \(step), key \(key)")
                reference[key] = index
            }
        }
        #expect(map.count == reference.count)
        for (key, index) in reference { #expect(map.keys[Int(index)] == key) }
    }
}
