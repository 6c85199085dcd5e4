import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Distributed evaluation over real TCP between two network namespaces joined by a veth pair:
/// rank 0 and rank 1 in the first namespace, rank 2 in the second, started by Open MPI through a
/// launcher agent that runs the remote daemon with `ip netns exec`. Only the two namespaces'
/// addresses are used (`10.231.0.1`, `10.231.0.2`); both namespaces are deleted afterwards. Needs
/// root (as CI has); elsewhere the suite is skipped.
@Suite("CLI: distributed evaluation across two network namespaces", .serialized,
       .enabled(if: getuid() == 0 && MPILauncher.available && MPILauncher.find("ip") != nil,
                "needs root, mpirun and ip (iproute2) to create network namespaces; skipped"))
struct NetworkNamespaceCLITests {
    let tag = String(format: "%05d%03d", Int(getpid()) % 100_000, Int.random(in: 0..<1000))

    private func ip(_ arguments: [String], in directory: URL) throws -> CLIRunner.Result {
        try MPILauncher.execute("/usr/bin/env", ["ip"] + arguments, in: directory, environment: MPILauncher.environment())
    }

    /// Creates the namespaces and the veth pair; returns their names.
    private func makeNamespaces(in directory: URL) throws -> (String, String) {
        let a = "prns\(tag)a", b = "prns\(tag)b", va = "pv\(tag)a", vb = "pv\(tag)b"
        let steps: [[String]] = [
            ["netns", "add", a], ["netns", "add", b],
            ["link", "add", va, "type", "veth", "peer", "name", vb],
            ["link", "set", va, "netns", a], ["link", "set", vb, "netns", b],
            ["-n", a, "addr", "add", "10.231.0.1/24", "dev", va], ["-n", b, "addr", "add", "10.231.0.2/24", "dev", vb],
            ["-n", a, "link", "set", va, "up"], ["-n", b, "link", "set", vb, "up"],
            ["-n", a, "link", "set", "lo", "up"], ["-n", b, "link", "set", "lo", "up"],
        ]
        for (i, step) in steps.enumerated() {
            let result = try ip(step, in: directory)
            if result.status != 0 {
                deleteNamespaces((a, b), in: directory)
                if i == 0 { try Test.cancel("cannot create network namespaces here (\(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))") }
                throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "ip \(step.joined(separator: " ")): \(result.stderr)"])
            }
        }
        return (a, b)
    }

    private func deleteNamespaces(_ names: (String, String), in directory: URL) {
        _ = try? ip(["netns", "del", names.0], in: directory)
        _ = try? ip(["netns", "del", names.1], in: directory)
    }

    /// `mpirun` in namespace A over the hostfile of both addresses, TCP only, bounded to 120 s.
    private func mpirun(_ cli: CLIRunner, namespaces: (String, String), _ command: [String]) throws -> CLIRunner.Result {
        let agent = try cli.file("agent.sh", """
        #!/bin/sh
        # Open MPI launcher agent: "agent HOST COMMAND…" runs COMMAND in HOST's network namespace.
        host="$1"; shift
        case "$host" in
          10.231.0.1) ns=\(namespaces.0) ;;
          10.231.0.2) ns=\(namespaces.1) ;;
          *) echo "agent: unknown host $host" >&2; exit 1 ;;
        esac
        exec ip netns exec "$ns" /bin/sh -c "$*"

        """)
        chmod(agent, 0o755)
        let hosts = try cli.file("hosts", "10.231.0.1 slots=2\n10.231.0.2 slots=1\n")
        let network = "10.231.0.0/24"
        let args = ["120", "ip", "netns", "exec", namespaces.0, MPILauncher.mpirun ?? "mpirun",
                    "--hostfile", hosts, "-np", "3", "--map-by", "slot",
                    "--mca", "plm_rsh_agent", agent, "--mca", "oob_tcp_if_include", network,
                    "--mca", "btl_tcp_if_include", network, "--mca", "btl", "tcp,self",
                    "-x", "OMPI_ALLOW_RUN_AS_ROOT", "-x", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] + command
        return try MPILauncher.execute("/usr/bin/env", ["timeout"] + args, in: cli.directory, environment: MPILauncher.environment())
    }

    @Test func optimizeOverTCPBetweenNamespacesWritesTheOneProcessFront() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let namespaces = try makeNamespaces(in: cli.directory)
        defer { deleteNamespaces(namespaces, in: cli.directory) }
        // The mapping really puts rank 2 in the second namespace (it sees only that veth end).
        let placement = try mpirun(cli, namespaces: namespaces,
                                   ["/bin/sh", "-c", "echo rank $OMPI_COMM_WORLD_RANK $(grep -o 'pv[0-9]*[ab]' /proc/self/net/dev)"])
        #expect(placement.status == 0, "\(placement.stderr)")
        #expect(placement.stdout.contains("rank 2 pv\(tag)b"), "\(placement.stdout)")
        #expect(placement.stdout.contains("rank 0 pv\(tag)a"), "\(placement.stdout)")

        let plain = try cli.run(DistributedCLITests.optimize + ["--output", "f0.csv", "--history", "h0.csv"])
        #expect(plain.status == 0)
        let run = try mpirun(cli, namespaces: namespaces, [try CLIRunner.executable().path] + DistributedCLITests.optimize
                             + ["--output", cli.path("f.csv"), "--history", cli.path("h.csv"), "--distributed", "mpi"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.range(of: #"rank 2: [1-9][0-9]* evaluations"#, options: .regularExpression) != nil,
                "rank 2 (second namespace) evaluated nothing: \(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("f.csv"))) == Data(contentsOf: URL(fileURLWithPath: cli.path("f0.csv"))))
        let strip = { (name: String) in withoutTimes((try? String(contentsOfFile: cli.path(name), encoding: .utf8)) ?? "missing", name: name) }
        #expect(strip("h.csv") == strip("h0.csv"))
    }
}
