import Foundation

/// Runs the built `paretorec` under `mpirun` (Open MPI) in a `CLIRunner`'s temporary directory,
/// bounded in time by coreutils' `timeout`.
struct MPILauncher {
    /// `mpirun` on the PATH, if any.
    static let mpirun: String? = find("mpirun")
    /// Whether MPI tests can run here.
    static var available: Bool { mpirun != nil && find("timeout") != nil }

    static func find(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(tool)") {
            return "\(dir)/\(tool)"
        }
        return nil
    }

    /// Environment for `mpirun`: allowed as root (CI runs as root), plus `extra`.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
        env["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
        env["OMPI_MCA_btl_vader_single_copy_mechanism"] = "none"  // containers often forbid ptrace (CMA)
        for (k, v) in extra { env[k] = v }
        return env
    }

    /// `timeout SECONDS mpirun --oversubscribe -np ranks [-x NAME…] paretorec arguments…`.
    static func run(_ cli: CLIRunner, ranks: Int, _ arguments: [String], export: [String: String] = [:],
                    seconds: Int = 300) throws -> CLIRunner.Result {
        guard let mpirun else { throw CocoaError(.fileNoSuchFile) }
        var args = [String(seconds), mpirun, "--oversubscribe", "-np", String(ranks)]
        for name in export.keys.sorted() { args += ["-x", name] }
        args.append(try CLIRunner.executable().path)
        return try execute("/usr/bin/env", ["timeout"] + args + arguments, in: cli.directory, environment: environment(export))
    }

    /// Runs `executable arguments…` in `directory` and collects its output.
    static func execute(_ executable: String, _ arguments: [String], in directory: URL,
                        environment: [String: String]) throws -> CLIRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let errFile = directory.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        let err = try FileHandle(forWritingTo: errFile)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try err.close()
        let errText = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errFile)
        return CLIRunner.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: errText)
    }
}

/// The files under `directory` (relative path → contents) with wall-time figures blanked: the
/// `seconds` of `summary.json`, the last column of `summary.csv` and of history CSVs that end in
/// `elapsed_seconds`, and the seconds column of `report.html`. Everything else is compared as is.
func filesWithoutTimes(under directory: String) -> [String: String] {
    var out: [String: String] = [:]
    let e = FileManager.default.enumerator(atPath: directory)
    while let f = e?.nextObject() as? String {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory + "/" + f, isDirectory: &isDir), !isDir.boolValue,
              let data = FileManager.default.contents(atPath: directory + "/" + f) else { continue }
        out[f] = withoutTimes(String(decoding: data, as: UTF8.self), name: f)
    }
    return out
}

/// `text` with its wall-time figures blanked (see `filesWithoutTimes`).
func withoutTimes(_ text: String, name: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let file = (name as NSString).lastPathComponent
    if file == "summary.json" {
        return lines.map { $0.contains("\"seconds\"") ? "\"seconds\": _" : String($0) }.joined(separator: "\n")
    }
    if file == "report.html" {
        // The run table's last cell is the median wall time.
        return lines.map { line in
            guard line.hasPrefix("<tr><td>"), let cut = line.range(of: "<td>", options: .backwards) else { return String(line) }
            return String(line[..<cut.lowerBound]) + "<td>_"
        }.joined(separator: "\n")
    }
    if file.hasSuffix(".csv"), let header = lines.first, header.hasSuffix("seconds") {
        return lines.map { line in
            guard let comma = line.lastIndex(of: ",") else { return String(line) }
            return String(line[..<comma]) + ",_"
        }.joined(separator: "\n")
    }
    return text
}
