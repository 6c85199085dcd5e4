import Foundation

/// Appends TFRecord-framed records to a file: for each record, its length as a little-endian
/// `UInt64`, the masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data.
///
/// Records are collected in memory and written by `flush()` (and by `close()`), so a training step
/// costs no system call. Not thread-safe: one writer per thread.
/// - Complexity: O(record size) per record.
public final class TFRecordWriter {
    /// The file written.
    public let path: String
    private let handle: FileHandle
    private var pending: [UInt8] = []
    private var closed = false

    /// Creates (or truncates) the file at `path`.
    /// - Throws: `TensorBoardError.cannotCreate` when the file cannot be created.
    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw TensorBoardError.cannotCreate(path) }
        self.path = path
        self.handle = handle
        pending.reserveCapacity(1 << 16)
    }

    deinit { try? close() }

    /// Frames `record` and queues it for the next flush.
    public func append(_ record: [UInt8]) {
        var length = UInt64(record.count).littleEndian
        withUnsafeBytes(of: &length) { header in
            pending.append(contentsOf: header)
            var crc = CRC32C.masked(CRC32C.checksum(header)).littleEndian
            withUnsafeBytes(of: &crc) { pending.append(contentsOf: $0) }
        }
        pending.append(contentsOf: record)
        var crc = CRC32C.masked(CRC32C.checksum(record)).littleEndian
        withUnsafeBytes(of: &crc) { pending.append(contentsOf: $0) }
    }

    /// Writes the queued records to the file.
    /// - Throws: `TensorBoardError.writeFailed` on an I/O error.
    public func flush() throws {
        guard !pending.isEmpty, !closed else { return }
        do { try handle.write(contentsOf: pending) } catch { throw TensorBoardError.writeFailed(path, "\(error)") }
        pending.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file; later calls do nothing.
    public func close() throws {
        guard !closed else { return }
        try flush()
        closed = true
        try? handle.close()
    }
}

/// Why an event file could not be written.
public enum TensorBoardError: Error, Equatable, CustomStringConvertible {
    /// The file or its folder could not be created.
    case cannotCreate(String)
    /// Writing to the file failed.
    case writeFailed(String, String)

    public var description: String {
        switch self {
        case .cannotCreate(let path): return "tensorboard: cannot create \(path)"
        case .writeFailed(let path, let reason): return "tensorboard: cannot write \(path): \(reason)"
        }
    }
}
