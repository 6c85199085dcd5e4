import Testing
@testable import NumericCore

/// How `ParallelParts` cuts work and runs it.
@Suite struct ParallelPartsTests {
    @Test func rangesPartitionTheIndicesInOrderWithLengthsDifferingByAtMostOne() {
        for count in [0, 1, 2, 7, 100, 101] {
            for parts in [1, 2, 3, 8] {
                let ranges = (0..<parts).map { ParallelParts.range($0, of: parts, count: count) }
                #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == count)
                for k in 1..<parts { #expect(ranges[k].lowerBound == ranges[k - 1].upperBound) }
                let lengths = ranges.map(\.count)
                #expect(lengths.max()! - lengths.min()! <= 1, "count \(count), parts \(parts)")
            }
        }
    }

    @Test func balancedBoundariesSplitGroupsByTheirElements() {
        // Groups of sizes 5, 1, 1, 1, 5, 1, 1, 1 (16 elements): halves at group 4 (8 elements each side).
        let offsets = [0, 5, 6, 7, 8, 13, 14, 15, 16]
        #expect(ParallelParts.balancedBoundaries(offsets: offsets, parts: 2) == [0, 4, 8])
        #expect(ParallelParts.balancedBoundaries(offsets: offsets, parts: 1) == [0, 8])
        // Quarters at 4, 8, 12 elements: the first groups starting at or after them are 1, 4 and 5.
        #expect(ParallelParts.balancedBoundaries(offsets: offsets, parts: 4) == [0, 1, 4, 5, 8])
        // More parts than groups: empty parts, boundaries never decrease.
        let few = ParallelParts.balancedBoundaries(offsets: [0, 3, 4], parts: 5)
        #expect(few.count == 6 && few.first == 0 && few.last == 2 && zip(few, few.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(ParallelParts.balancedBoundaries(offsets: [0], parts: 3) == [0, 0, 0, 0])
    }

    @Test func everyPartRunsOnceAndWritesItsOwnSlice() {
        for parts in [0, 1, 2, 5] {
            var out = [Int](repeating: -1, count: 1000)
            out.withUnsafeMutableBufferPointer { buffer in
                ParallelParts.run(parts) { part in
                    for k in ParallelParts.range(part, of: parts, count: buffer.count) { buffer[k] = part }
                }
            }
            if parts == 0 {
                #expect(out.allSatisfy { $0 == -1 })
            } else {
                #expect(out == (0..<1000).map { k in (0..<parts).first { ParallelParts.range($0, of: parts, count: 1000).contains(k) }! })
            }
        }
    }
}
