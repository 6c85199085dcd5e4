import Foundation

/// Runs the built `paretorec` executable on files in a fresh temporary directory.
struct CLIRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        var stderrLines: [Substring] { stderr.split(separator: "\n") }
    }

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("paretorec-cli-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    /// Writes `text` to `name` in the temporary directory and returns its path.
    @discardableResult
    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The `paretorec` binary: next to the test bundle (SwiftPM's products directory), else under
    /// the package's `.build/debug`.
    static func executable() throws -> URL {
        let bundle = Bundle.main.bundleURL
        var candidates = [
            bundle.appendingPathComponent("paretorec"),
            bundle.deletingLastPathComponent().appendingPathComponent("paretorec"),
        ]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("paretorec"))
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(package.appendingPathComponent(".build/debug/paretorec"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "paretorec executable not found in \(candidates.map(\.path))"])
    }

    /// Runs `paretorec arguments…` through `/bin/sh` with `redirection` applied (e.g. `>/dev/full`,
    /// `>&-`, `2>/dev/full`); the streams not redirected are captured as usual.
    func run(_ arguments: [String], redirection: String) throws -> Result {
        try run(["-c", "exec \"$0\" \"$@\" \(redirection)", try Self.executable().path] + arguments, executable: URL(fileURLWithPath: "/bin/sh"))
    }

    /// Runs `paretorec arguments…` with the temporary directory as working directory.
    func run(_ arguments: [String], executable: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = try executable ?? Self.executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so large outputs cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
