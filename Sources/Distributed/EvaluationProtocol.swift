import NumericCore
import ParetoOptimizers

/// The messages of distributed evaluation between the coordinator (rank 0) and its workers.
///
/// - `hello` (worker → 0): the worker's process id and host name, sent once at start-up.
/// - `task` (0 → worker): problem key, run-wide evaluation number, decision vector.
/// - `result` (worker → 0): evaluation number, then objectives and violation, a problem record
///   (``RecordingProblem``), or an error message.
/// - `stop` (0 → worker): no more tasks; the worker returns.
enum EvaluationTag {
    static let hello = 11
    static let task = 12
    static let result = 13
    static let stop = 14
}

/// A decision vector sent to a worker.
struct EvaluationTask {
    var problemKey: String
    var evaluation: Int
    var decision: [Double]

    var encoded: [UInt8] {
        var w = ByteRecordWriter()
        w.write(problemKey)
        w.write(evaluation)
        w.write(decision)
        return w.bytes
    }

    init(problemKey: String, evaluation: Int, decision: [Double]) {
        self.problemKey = problemKey
        self.evaluation = evaluation
        self.decision = decision
    }

    init(decoding bytes: [UInt8]) throws {
        var r = ByteRecordReader(bytes)
        problemKey = try r.readString()
        evaluation = try r.readInt()
        decision = try r.readDoubles()
    }
}

/// What a worker sends back for one task.
enum EvaluationReply {
    case objectives(evaluation: Int, objectives: [Double], violation: Double)
    case record(evaluation: Int, bytes: [UInt8])
    case failure(evaluation: Int, message: String)

    var evaluation: Int {
        switch self {
        case .objectives(let e, _, _), .record(let e, _), .failure(let e, _): return e
        }
    }

    var encoded: [UInt8] {
        var w = ByteRecordWriter()
        switch self {
        case .objectives(let e, let f, let v):
            w.write(e); w.write(UInt64(0)); w.write(f); w.write(v)
        case .record(let e, let bytes):
            w.write(e); w.write(UInt64(1)); w.write(bytes)
        case .failure(let e, let message):
            w.write(e); w.write(UInt64(2)); w.write(message)
        }
        return w.bytes
    }

    init(decoding bytes: [UInt8]) throws {
        var r = ByteRecordReader(bytes)
        let e = try r.readInt()
        switch try r.readUInt64() {
        case 0: self = .objectives(evaluation: e, objectives: try r.readDoubles(), violation: try r.readDouble())
        case 1: self = .record(evaluation: e, bytes: try r.readBytes())
        case 2: self = .failure(evaluation: e, message: try r.readString())
        case let kind: throw ByteRecordError(message: "unknown reply kind \(kind)")
        }
    }
}
