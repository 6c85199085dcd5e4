import ArgumentParser
import Distributed
import Foundation
import ParetoOptimizers

/// How evaluations are spread beyond this process.
enum DistributedMode: String, ExpressibleByArgument, CaseIterable {
    /// Over the ranks of an MPI job (`mpirun -np K paretorec … --distributed mpi`).
    case mpi
}

/// The `--distributed` option shared by `optimize` and `experiment`.
struct DistributedOptions: ParsableArguments {
    @Option(help: "Spread black-box evaluations over the ranks of an MPI job: `mpi` (start with `mpirun -np K`). Rank 0 runs the optimizer and writes every file; results are the same bits for any K.")
    var distributed: DistributedMode?
}

/// Runs a command body as one process, or under MPI as rank 0 (the coordinator, which gets an
/// evaluation backend over the other ranks) and workers (which evaluate until rank 0 is done).
///
/// Without a mode MPI is never initialized. On a worker, `resolve` maps the coordinator's problem
/// key to the problem; its errors and the body's are reported by rank 0 only. When the job is being
/// terminated because a worker died, rank 0 prints its error and exits at once (without
/// `MPI_Finalize`, which would wait for the dead rank).
func runDistributed(
    _ mode: DistributedMode?, parallelism: Int,
    problemKey: @escaping @Sendable (any Problem) -> String = { $0.name },
    worker resolve: @escaping () throws -> (String) throws -> any Problem,
    coordinator body: ((any EvaluationBackend)?) throws -> Void
) throws {
    guard mode == .mpi else { return try reportingErrors { try body(nil) } }
    let communicator: Communicator
    do { communicator = try Communicator.initialize() } catch {
        printError("paretorec: error: \(error)")
        throw ExitCode.failure
    }
    if communicator.rank != 0 {
        do {
            let resolver = try resolve()
            try MPIEvaluationWorker.serve(communicator, resolve: resolver)
        } catch {
            // Rank 0 meets the same setting errors and reports them; a worker only waits to be stopped.
            try? MPIEvaluationWorker.serve(communicator) { _ in throw error }
        }
        communicator.finalize()
        return
    }
    var backend: MPIEvaluationBackend?
    do {
        let made = try MPIEvaluationBackend(communicator: communicator, parallelism: parallelism, problemKey: problemKey)
        backend = made
        try body(made)
        try made.stopWorkers()
        if made.workerCount > 0 {
            let counts = made.evaluationsByRank.enumerated().dropFirst().map { "rank \($0.offset): \($0.element) evaluations" }
            printError("distributed over \(communicator.size) ranks; " + counts.joined(separator: ", "))
        }
        communicator.finalize()
    } catch let error as DistributedEvaluationError {
        printError("paretorec: error: \(error)")
        if case .terminated = error { exit(1) }
        try? backend?.stopWorkers()
        communicator.finalize()
        throw ExitCode.failure
    } catch {
        if !(error is ExitCode) { printError("paretorec: error: \(error)") }
        try? backend?.stopWorkers()
        communicator.finalize()
        throw ExitCode.failure
    }
}
