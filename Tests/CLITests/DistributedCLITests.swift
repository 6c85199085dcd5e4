import Foundation
import Testing

/// `--distributed mpi` under `mpirun --oversubscribe -np K` on this machine: the files rank 0 writes
/// are the same bytes as a one-process run with the same seed (wall times aside) for K = 1, 2, 3; a
/// worker killed mid-run ends the run with one error naming the rank and the evaluation, and
/// `--resume` then completes it with the same files.
@Suite("CLI: distributed evaluation under mpirun", .serialized,
       .enabled(if: MPILauncher.available, "mpirun (Open MPI: apt-get install openmpi-bin libopenmpi-dev) not found on PATH; MPI tests skipped"))
struct DistributedCLITests {
    static let optimize = ["optimize", "--problem", "zdt1", "--algorithm", "nsga2", "--population", "20",
                           "--generations", "10", "--seed", "3", "--reference", "11,11"]

    static let experiment = """
    name: mpi
    scenario: music
    data:
      source: synthetic
      rows: 1500
    seeds: [1, 2]
    model:
      hidden: 8
      epochs: 1
      batch-size: 256
    methods:
      - name: nsga2
        evaluations: 6
        population: 3
      - name: grid
        evaluations: 3
      - name: mgda-ub
        preferences: 2

    """

    private func text(_ cli: CLIRunner, _ name: String) -> String {
        withoutTimes((try? String(contentsOfFile: cli.path(name), encoding: .utf8)) ?? "<missing \(name)>", name: name)
    }

    @Test func optimizeWritesTheSameFrontAndHistoryAtOneTwoAndThreeRanks() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let plain = try cli.run(Self.optimize + ["--output", "f0.csv", "--history", "h0.csv"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let front = try Data(contentsOf: URL(fileURLWithPath: cli.path("f0.csv")))
        for k in 1...3 {
            let run = try MPILauncher.run(cli, ranks: k, Self.optimize + ["--output", "f\(k).csv", "--history", "h\(k).csv", "--distributed", "mpi"])
            #expect(run.status == 0, "K=\(k): \(run.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("f\(k).csv"))) == front, "front differs at K=\(k)")
            #expect(text(cli, "h\(k).csv") == text(cli, "h0.csv"), "history differs at K=\(k)")
        }
        // The history really has rows and a hypervolume column to compare.
        #expect(text(cli, "h0.csv").split(separator: "\n").count == 11)
    }

    @Test func experimentWritesTheSameFilesAtOneTwoAndThreeRanks() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("e.yaml", Self.experiment)
        let plain = try cli.run(["experiment", "e.yaml", "--output-dir", "o0"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let reference = filesWithoutTimes(under: cli.path("o0"))
        #expect(reference.keys.contains("runs/nsga2/seed-2/front.csv") && reference.keys.contains("summary.csv"))
        for k in 1...3 {
            let run = try MPILauncher.run(cli, ranks: k, ["experiment", "e.yaml", "--output-dir", "o\(k)", "--distributed", "mpi"])
            #expect(run.status == 0, "K=\(k): \(run.stderr)")
            let files = filesWithoutTimes(under: cli.path("o\(k)"))
            #expect(Set(files.keys) == Set(reference.keys), "K=\(k)")
            for (name, content) in reference where files[name] != content {
                Issue.record("K=\(k): \(name) differs from the one-process run")
            }
        }
    }

    @Test func aKilledWorkerEndsTheRunWithOneErrorAndResumeCompletesIt() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let args = Self.optimize + ["--output", "f.csv", "--history", "h.csv", "--checkpoint", "ck", "--checkpoint-every", "1"]
        let plain = try cli.run(Self.optimize + ["--output", "f0.csv", "--history", "h0.csv"])
        #expect(plain.status == 0)
        // Evaluation 95 is in the fifth generation (20 per generation): four are checkpointed.
        let killed = try MPILauncher.run(cli, ranks: 3, args + ["--distributed", "mpi"],
                                         export: ["PARETOREC_TEST_KILL_WORKER_AT_EVALUATION": "95"])
        #expect(killed.status != 0)
        let errors = killed.stderr.split(separator: "\n").filter { $0.hasPrefix("paretorec: error:") }
        #expect(errors.count == 1, "\(killed.stderr)")
        let line = errors.first.map(String.init) ?? ""
        #expect(line.contains("evaluation 95 on rank"), "\(line)")
        #expect(line.range(of: #"worker rank [12] died"#, options: .regularExpression) != nil, "\(line)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("f.csv")))
        let checkpoint = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cli.path("ck/checkpoint.json"))))
        #expect((checkpoint as? [String: Any])?["evaluations"] as? Int == 80)
        let resumed = try MPILauncher.run(cli, ranks: 3, args + ["--distributed", "mpi", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("f.csv"))) == Data(contentsOf: URL(fileURLWithPath: cli.path("f0.csv"))))
        #expect(text(cli, "h.csv") == text(cli, "h0.csv"))
    }

    /// `name value` lines of `paretorec train` output, timing lines left out.
    private func metrics(_ stdout: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for line in stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = Double(parts[1]), parts[0].contains(".") else { continue }
            out[String(parts[0])] = value
        }
        return out
    }

    @Test func dataParallelTrainingMatchesOneProcessBitForBitAtOneRankAndWithinTolerance() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let args = ["train", "--scenario", "ecommerce", "--synthetic-rows", "3000", "--epochs", "1", "--batch-size", "256", "--seed", "2"]
        // One BLAS thread, as each rank uses under --distributed.
        let plain = try MPILauncher.execute(try CLIRunner.executable().path, args, in: cli.directory,
                                            environment: MPILauncher.environment(["OPENBLAS_NUM_THREADS": "1"]))
        #expect(plain.status == 0, "\(plain.stderr)")
        let reference = metrics(plain.stdout)
        #expect(reference.keys.contains("click.logloss") && reference.keys.contains("purchase.auc"), "\(plain.stdout)")
        for k in 1...3 {
            let run = try MPILauncher.run(cli, ranks: k, args + ["--distributed", "mpi"])
            #expect(run.status == 0, "K=\(k): \(run.stderr)")
            let got = metrics(run.stdout)
            #expect(Set(got.keys) == Set(reference.keys), "K=\(k)")
            #expect(run.stdout.contains("all_reduce_seconds_per_batch"))
            for (name, value) in reference {
                let other = got[name] ?? .nan
                if k == 1 {
                    #expect(other.bitPattern == value.bitPattern, "K=1: \(name) \(other) ≠ \(value)")
                } else {
                    // Shards sum the same gradients in another order: only rounding differs.
                    #expect(abs(other - value) <= 1e-6 * max(1, abs(value)), "K=\(k): \(name) \(other) vs \(value)")
                }
            }
        }
    }
}
