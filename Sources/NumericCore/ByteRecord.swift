/// Writes numbers, arrays and strings into a flat little-endian byte record (raw IEEE-754 bits for
/// floating-point values, so a value read back has exactly the bits written). Used for messages
/// between processes.
public struct ByteRecordWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty record.
    public init() {}

    /// Appends a 64-bit unsigned integer.
    public mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends a signed integer as 64 bits.
    public mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }

    /// Appends a `Double`'s bit pattern.
    public mutating func write(_ value: Double) { write(value.bitPattern) }

    /// Appends a count, then every value's bit pattern.
    public mutating func write(_ values: [Double]) {
        write(values.count)
        bytes.reserveCapacity(bytes.count + values.count * 8)
        for v in values { write(v.bitPattern) }
    }

    /// Appends a count, then every value's bit pattern (4 bytes each).
    public mutating func write(_ values: [Float]) {
        write(values.count)
        bytes.reserveCapacity(bytes.count + values.count * 4)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
    }

    /// Appends a byte count, then the bytes.
    public mutating func write(_ data: [UInt8]) {
        write(data.count)
        bytes.append(contentsOf: data)
    }

    /// Appends a string as UTF-8 with its byte count.
    public mutating func write(_ text: String) { write(Array(text.utf8)) }
}

/// Reads what ``ByteRecordWriter`` wrote, in the same order.
/// - Throws: ``ByteRecordError`` when the record ends early or a count is impossible.
public struct ByteRecordReader: Sendable {
    private let bytes: [UInt8]
    private var offset = 0

    /// A reader at the start of `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset == bytes.count }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else {
            throw ByteRecordError(message: "record truncated: \(count) bytes wanted at offset \(offset) of \(bytes.count)")
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// Reads a 64-bit unsigned integer.
    public mutating func readUInt64() throws -> UInt64 {
        var value: UInt64 = 0
        for (i, b) in try take(8).enumerated() { value |= UInt64(b) << (8 * UInt64(i)) }
        return value
    }

    /// Reads a signed integer written by `write(_: Int)`.
    public mutating func readInt() throws -> Int { Int(Int64(bitPattern: try readUInt64())) }

    /// Reads a `Double`.
    public mutating func readDouble() throws -> Double { Double(bitPattern: try readUInt64()) }

    private mutating func readCount(elementSize: Int) throws -> Int {
        let n = try readInt()
        guard n >= 0, n <= (bytes.count - offset) / elementSize else {
            throw ByteRecordError(message: "record holds an impossible count \(n) at offset \(offset)")
        }
        return n
    }

    /// Reads an array of `Double`s.
    public mutating func readDoubles() throws -> [Double] {
        let n = try readCount(elementSize: 8)
        var out = [Double](); out.reserveCapacity(n)
        for _ in 0..<n { out.append(try readDouble()) }
        return out
    }

    /// Reads an array of `Float`s.
    public mutating func readFloats() throws -> [Float] {
        let n = try readCount(elementSize: 4)
        let raw = try take(4 * n)
        var out = [Float](repeating: 0, count: n)
        var i = raw.startIndex
        for k in 0..<n {
            let bits = UInt32(raw[i]) | UInt32(raw[i + 1]) << 8 | UInt32(raw[i + 2]) << 16 | UInt32(raw[i + 3]) << 24
            out[k] = Float(bitPattern: bits)
            i += 4
        }
        return out
    }

    /// Reads a byte array.
    public mutating func readBytes() throws -> [UInt8] { Array(try take(try readCount(elementSize: 1))) }

    /// Reads a UTF-8 string.
    public mutating func readString() throws -> String { String(decoding: try readBytes(), as: UTF8.self) }
}

/// A byte record that does not hold what its reader expects.
public struct ByteRecordError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public let message: String
    /// An error saying `message`.
    public init(message: String) { self.message = message }
    public var description: String { message }
}
