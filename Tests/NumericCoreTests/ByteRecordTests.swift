import Testing
@testable import NumericCore

@Suite struct ByteRecordTests {
    @Test func valuesReadBackWithTheirExactBits() throws {
        let doubles: [Double] = [0, -0.0, 1.5, .pi, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                                 Double(bitPattern: 0x7FF8_0000_0000_1234)]
        let floats: [Float] = [-0.0, 1e-45, .nan, 3.25, -.infinity]
        var w = ByteRecordWriter()
        w.write(doubles)
        w.write("räng ✓")
        w.write(-7)
        w.write(floats)
        w.write([UInt8]([1, 2, 255]))
        w.write([Double]())
        var r = ByteRecordReader(w.bytes)
        #expect(try r.readDoubles().map(\.bitPattern) == doubles.map(\.bitPattern))
        #expect(try r.readString() == "räng ✓")
        #expect(try r.readInt() == -7)
        #expect(try r.readFloats().map(\.bitPattern) == floats.map(\.bitPattern))
        #expect(try r.readBytes() == [1, 2, 255])
        #expect(try r.readDoubles().isEmpty)
        #expect(r.isAtEnd)
    }

    @Test func theLayoutIsLittleEndianWithEightByteCounts() {
        var w = ByteRecordWriter()
        w.write([Double(1)])
        // count 1, then 1.0 = 0x3FF0000000000000 little-endian.
        #expect(w.bytes == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
    }

    @Test func aTruncatedOrImpossibleRecordIsAnError() {
        var w = ByteRecordWriter()
        w.write([1.0, 2.0])
        var truncated = ByteRecordReader(Array(w.bytes.dropLast()))
        #expect(throws: ByteRecordError.self) { try truncated.readDoubles() }
        var huge = ByteRecordWriter()
        huge.write(Int.max)
        var reader = ByteRecordReader(huge.bytes)
        #expect(throws: ByteRecordError.self) { try reader.readFloats() }
        var negative = ByteRecordWriter()
        negative.write(-1)
        var reader2 = ByteRecordReader(negative.bytes)
        #expect(throws: ByteRecordError.self) { try reader2.readBytes() }
    }
}
