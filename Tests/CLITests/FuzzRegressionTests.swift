import Foundation
import Testing

/// Replays the fuzz seed corpora and every committed crash reproducer (`Fuzz/regressions/`)
/// through the normal build of `paretorec-fuzz`: each input must return without a trap.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: ["front-csv", "delimited", "config", "checkpoint"])
    func savedInputsRunWithoutATrap(target: String) throws {
        let binary = try CLIRunner.executable().deletingLastPathComponent().appendingPathComponent("paretorec-fuzz")
        let folders = ["Fuzz/corpus/\(target)", "Fuzz/regressions/\(target)"].map { Self.root.appendingPathComponent($0).path }
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run([target] + folders, executable: binary)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("inputs replayed without a crash"))
    }
}
