import Foundation
import SwiftProtobuf

/// Writes scalar summaries to a TensorBoard event file (`events.out.tfevents.<time>.<host>.<pid>.<n>`)
/// in a run folder, the way TensorBoard's own `SummaryWriter` does: a first event carrying the file
/// version `brain.Event:2`, then one `Event` per call with a `Summary` of `simple_value`s, each
/// record framed as TFRecord (`TFRecordWriter`). Messages are encoded by SwiftProtobuf from the
/// generated code of `Proto/event.proto`.
///
/// Events are buffered and written by `flush()` (call it once per epoch) and `close()`. Thread-safe:
/// calls from several threads are serialized by a lock. Wall times come from the system clock; they
/// only place points on TensorBoard's relative-time axis and never feed results.
/// - Complexity: O(tags · tag length) per call.
public final class TensorBoardWriter: @unchecked Sendable {
    /// The run folder.
    public let directory: String
    /// The event file.
    public var path: String { records.path }
    private let records: TFRecordWriter
    private let lock = NSLock()
    private static let counter = Counter()

    /// Creates `directory` (and its parents) and a new event file in it.
    /// - Throws: `TensorBoardError.cannotCreate` when the folder or file cannot be created.
    public init(directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw TensorBoardError.cannotCreate(directory)
        }
        let now = Date().timeIntervalSince1970
        let host = ProcessInfo.processInfo.hostName.replacingOccurrences(of: "/", with: "_")
        let name = "events.out.tfevents.\(Int(now)).\(host).\(ProcessInfo.processInfo.processIdentifier).\(Self.counter.next())"
        self.directory = directory
        records = try TFRecordWriter(path: (directory as NSString).appendingPathComponent(name))
        var first = Tensorboard_Event()
        first.wallTime = now
        first.step = 0
        first.fileVersion = "brain.Event:2"
        try append(first)
        try records.flush()
    }

    /// Logs one scalar `value` under `tag` at `step`.
    public func scalar(_ tag: String, _ value: Double, step: Int) {
        scalars([(tag, value)], step: step)
    }

    /// Logs several scalars at `step` as one event (one summary with one value per tag). Values are
    /// stored as 32-bit floats, as TensorBoard's `simple_value` is.
    public func scalars(_ values: [(tag: String, value: Double)], step: Int) {
        var summary = Tensorboard_Summary()
        summary.value = values.map { tag, value in
            var v = Tensorboard_Summary.Value()
            v.tag = tag
            v.simpleValue = Float(value)
            return v
        }
        var event = Tensorboard_Event()
        event.wallTime = Date().timeIntervalSince1970
        event.step = Int64(step)
        event.summary = summary
        lock.lock()
        defer { lock.unlock() }
        // Encoding a message with only strings, floats and integers cannot fail.
        try? append(event)
    }

    /// Writes the buffered events to the file.
    /// - Throws: `TensorBoardError.writeFailed` on an I/O error.
    public func flush() throws {
        lock.lock()
        defer { lock.unlock() }
        try records.flush()
    }

    /// Flushes and closes the event file.
    public func close() throws {
        lock.lock()
        defer { lock.unlock() }
        try records.close()
    }

    private func append(_ event: Tensorboard_Event) throws {
        let bytes: [UInt8] = try event.serializedBytes()
        records.append(bytes)
    }

    /// A process-wide sequence number, so two writers opened in the same second get different files.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}
