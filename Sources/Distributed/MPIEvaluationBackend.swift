import Foundation
import NumericCore
import ParetoOptimizers
#if canImport(Glibc)
import Glibc
#endif

/// Evaluates batches on the worker ranks of an MPI job: rank 0 (this backend) hands one row at a
/// time to each idle worker and places every reply at its row, so the result is the same bits as a
/// one-process evaluation whatever the number of ranks and whatever order the replies come in.
/// With a single rank it evaluates on `parallelism` local threads.
///
/// A ``RecordingProblem`` is answered with its whole evaluation record (the trained model, say),
/// adopted here as if evaluated locally. A worker's evaluation error ends the batch with an error
/// naming the rank and the evaluation (after the other outstanding replies are collected, so
/// workers stay in step). When `mpirun` terminates the job because a worker died, the wait is
/// interrupted and the error names the evaluations outstanding on each rank and the ranks found
/// dead; checkpoints are written atomically, so the last one stays intact for `--resume`.
public final class MPIEvaluationBackend: EvaluationBackend, @unchecked Sendable {
    /// The world communicator (this process is rank 0).
    public let communicator: Communicator
    private let problemKey: @Sendable (any Problem) -> String
    private let local: ThreadPoolBackend
    private var workers: [WorkerIdentity] = []
    private var stopped = false
    /// Evaluations answered by each worker rank so far (index = rank; rank 0's entry stays 0).
    public private(set) var evaluationsByRank: [Int]

    /// Starts the coordinator side: waits for every worker's hello.
    /// - Parameters:
    ///   - problemKey: the key a worker resolves to the same problem (default: its name).
    ///   - parallelism: threads used when the job has a single rank.
    /// - Throws: ``MPIError`` when called on another rank than 0 or a hello is malformed.
    public init(communicator: Communicator, parallelism: Int = 1,
                problemKey: @escaping @Sendable (any Problem) -> String = { $0.name }) throws {
        guard communicator.rank == 0 else {
            throw MPIError(function: "MPIEvaluationBackend", code: nil, detail: "the coordinator must be rank 0, not \(communicator.rank)")
        }
        self.communicator = communicator
        self.problemKey = problemKey
        local = ThreadPoolBackend(parallelism: parallelism)
        evaluationsByRank = Array(repeating: 0, count: max(communicator.size, 1))
        TerminationSignal.install()
        for rank in 1..<max(communicator.size, 1) {
            let hello = try communicator.receiveBytes(from: rank, tag: EvaluationTag.hello)
            var r = ByteRecordReader(hello.values)
            workers.append(WorkerIdentity(rank: rank, pid: Int32(truncatingIfNeeded: try r.readInt()), host: try r.readString()))
        }
    }

    /// Number of worker ranks (size − 1).
    public var workerCount: Int { workers.count }

    /// - Complexity: N evaluations over the workers, two messages per row.
    public func evaluate(_ problem: any Problem, _ decisions: Matrix<Double>, firstEvaluation: Int) throws -> EvaluatedBatch {
        guard !workers.isEmpty else { return try local.evaluate(problem, decisions, firstEvaluation: firstEvaluation) }
        guard !stopped else { throw MPIError(function: "evaluate", code: nil, detail: "the workers were already stopped") }
        let n = decisions.rows, m = problem.objectiveCount, key = problemKey(problem)
        var objectives = [Double](repeating: 0, count: n * m), violations = [Double](repeating: 0, count: n)
        var idle = workers.map(\.rank).reversed() as [Int]
        var outstanding: [Int: Int] = [:]  // rank → row
        var next = 0
        var failure: (any Error)?
        while (next < n && failure == nil) || !outstanding.isEmpty {
            while next < n, failure == nil, let rank = idle.popLast() {
                let task = EvaluationTask(problemKey: key, evaluation: firstEvaluation + next, decision: decisions.row(next))
                try communicator.send(task.encoded, to: rank, tag: EvaluationTag.task)
                outstanding[rank] = next
                next += 1
            }
            let message = try waitForReply(outstanding: outstanding, firstEvaluation: firstEvaluation)
            guard let row = outstanding.removeValue(forKey: message.source) else {
                throw MPIError(function: "evaluate", code: nil, detail: "unexpected reply from rank \(message.source)")
            }
            idle.append(message.source)
            evaluationsByRank[message.source] += 1
            let reply = try EvaluationReply(decoding: message.values)
            guard reply.evaluation == firstEvaluation + row else {
                throw MPIError(function: "evaluate", code: nil, detail: "rank \(message.source) answered evaluation \(reply.evaluation + 1), expected \(firstEvaluation + row + 1)")
            }
            do {
                switch reply {
                case .objectives(_, let f, let v):
                    try ThreadPoolBackend.checkObjectives(f, of: problem)
                    for j in 0..<m { objectives[row * m + j] = f[j] }
                    violations[row] = v
                case .record(_, let bytes):
                    guard let recording = problem as? any RecordingProblem else {
                        throw MPIError(function: "evaluate", code: nil, detail: "rank \(message.source) sent a record for a problem that keeps none")
                    }
                    let f = try recording.adoptEvaluationRecord(bytes, for: decisions.row(row))
                    try ThreadPoolBackend.checkObjectives(f, of: problem)
                    for j in 0..<m { objectives[row * m + j] = f[j] }
                case .failure(_, let text):
                    throw DistributedEvaluationError.workerFailed(rank: message.source, evaluation: firstEvaluation + row + 1, message: text)
                }
            } catch {
                if failure == nil { failure = error }
            }
        }
        if let failure { throw failure }
        return EvaluatedBatch(objectives: objectives, violations: violations)
    }

    /// Tells every worker to return (idempotent). Call before `Communicator.finalize()`.
    public func stopWorkers() throws {
        guard !stopped else { return }
        stopped = true
        for worker in workers { try communicator.send([UInt8](), to: worker.rank, tag: EvaluationTag.stop) }
    }

    /// Polls for a reply, sleeping a little between polls once a reply is slow to come, and gives
    /// up with a clear error when the job is being terminated.
    private func waitForReply(outstanding: [Int: Int], firstEvaluation: Int) throws -> Message<UInt8> {
        try TerminationSignal.whileWaiting { try poll(outstanding: outstanding, firstEvaluation: firstEvaluation) }
    }

    private func poll(outstanding: [Int: Int], firstEvaluation: Int) throws -> Message<UInt8> {
        var polls = 0
        while true {
            if try communicator.hasMessage(tag: EvaluationTag.result) {
                return try communicator.receiveBytes(tag: EvaluationTag.result)
            }
            if TerminationSignal.received {
                let pending = outstanding.sorted { $0.key < $1.key }.map { "evaluation \(firstEvaluation + $0.value + 1) on rank \($0.key)" }
                throw DistributedEvaluationError.terminated(deadRanks: deadWorkers(), outstanding: pending)
            }
            polls += 1
            if polls > 2000 { usleep(polls > 20000 ? 1000 : 50) }
        }
    }

    /// Workers on this host whose process is gone (or a zombie); workers elsewhere cannot be checked.
    private func deadWorkers() -> [Int] {
        let host = ProcessInfo.processInfo.hostName
        return workers.filter { $0.host == host && !processIsAlive($0.pid) }.map(\.rank)
    }
}

/// A worker rank as it introduced itself.
struct WorkerIdentity: Sendable {
    var rank: Int
    var pid: Int32
    var host: String
}

/// Whether process `pid` exists and is not a zombie.
func processIsAlive(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return true }
    let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
    return state != "Z" && state != "X"
}

/// Why a distributed evaluation stopped.
public enum DistributedEvaluationError: Error, CustomStringConvertible {
    /// A worker's evaluation threw.
    case workerFailed(rank: Int, evaluation: Int, message: String)
    /// The job is being terminated (a worker died or `mpirun` was interrupted).
    case terminated(deadRanks: [Int], outstanding: [String])

    public var description: String {
        switch self {
        case .workerFailed(let rank, let evaluation, let message):
            return "worker rank \(rank) failed on evaluation \(evaluation): \(message)"
        case .terminated(let dead, let outstanding):
            let who = dead.isEmpty ? "a worker died or the job was interrupted"
                : "worker rank\(dead.count > 1 ? "s" : "") \(dead.map(String.init).joined(separator: ", ")) died"
            let what = outstanding.isEmpty ? "no evaluation was outstanding" : "outstanding: " + outstanding.joined(separator: ", ")
            return "distributed run terminated: \(who) (\(what)); the last checkpoint is intact, rerun with --resume to complete"
        }
    }
}
