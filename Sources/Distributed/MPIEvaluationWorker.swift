import Foundation
import NumericCore
import ParetoOptimizers
#if canImport(Glibc)
import Glibc
#endif

/// The worker side of distributed evaluation (ranks 1…K−1): introduces itself to rank 0, then
/// evaluates every task it is sent until told to stop.
public enum MPIEvaluationWorker {
    /// Test-only: a worker that receives this evaluation number (from 1) kills itself with SIGKILL,
    /// to test how a run ends when a worker dies.
    public static let killEnvironmentVariable = "PARETOREC_TEST_KILL_WORKER_AT_EVALUATION"

    /// Serves tasks until rank 0 sends `stop`. `resolve` maps a problem key (see
    /// ``MPIEvaluationBackend``) to the problem; resolved problems are kept for later tasks.
    /// Evaluation errors are sent back to rank 0, which reports them; only transport errors throw.
    public static func serve(_ communicator: Communicator, resolve: (String) throws -> any Problem) throws {
        TerminationSignal.ignore()
        var hello = ByteRecordWriter()
        hello.write(Int(getpid()))
        hello.write(ProcessInfo.processInfo.hostName)
        try communicator.send(hello.bytes, to: 0, tag: EvaluationTag.hello)
        let killAt = ProcessInfo.processInfo.environment[killEnvironmentVariable].flatMap(Int.init)
        var problems: [String: any Problem] = [:]
        while true {
            let message = try waitForMessage(communicator)
            if message.tag == EvaluationTag.stop { return }
            let reply: EvaluationReply
            do {
                let task = try EvaluationTask(decoding: message.values)
                if killAt == task.evaluation + 1 { kill(getpid(), SIGKILL) }
                do {
                    let problem: any Problem
                    if let known = problems[task.problemKey] { problem = known } else {
                        problem = try resolve(task.problemKey)
                        problems[task.problemKey] = problem
                    }
                    if let recording = problem as? any RecordingProblem {
                        reply = .record(evaluation: task.evaluation, bytes: try recording.evaluationRecord(for: task.decision))
                    } else {
                        let (f, v) = try ThreadPoolBackend.evaluateOne(problem, task.decision)
                        reply = .objectives(evaluation: task.evaluation, objectives: f, violation: v)
                    }
                } catch {
                    reply = .failure(evaluation: task.evaluation, message: "\(error)")
                }
            } catch {
                reply = .failure(evaluation: -1, message: "malformed task: \(error)")
            }
            try communicator.send(reply.encoded, to: 0, tag: EvaluationTag.result)
        }
    }

    /// Waits for the next message from rank 0, polling with short sleeps so an idle worker leaves
    /// the cores to the others.
    private static func waitForMessage(_ communicator: Communicator) throws -> Message<UInt8> {
        var polls = 0
        while true {
            if try communicator.hasMessage(from: 0) { return try communicator.receiveBytes(from: 0) }
            polls += 1
            if polls > 2000 { usleep(polls > 20000 ? 1000 : 50) }
        }
    }
}
