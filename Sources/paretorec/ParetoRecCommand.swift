import ArgumentParser
import Foundation

/// The `paretorec` command-line tool: thin subcommands over the libraries.
@main
struct ParetoRecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paretorec",
        abstract: "Pareto multi-objective optimization of recommender systems.",
        subcommands: [
            DemoCommand.self,
            NondominatedCommand.self,
            IndicatorCommand.self,
            OptimizeCommand.self,
            TrainCommand.self,
            TrainFrontCommand.self,
            PredictCommand.self,
            ExperimentCommand.self,
            ReportCommand.self,
        ]
    )

    /// Parses and runs a subcommand. Every failure — a bad argument included — is one line on stderr
    /// (`paretorec: error: …`) and a non-zero exit, as the command-line contract asks; `--help` and
    /// `--version` still print their full text.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                exit(withError: nil)
            }
            if !(error is ExitCode) {
                let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
                printError("paretorec: error: " + message)
            }
            Foundation.exit(code.rawValue)
        }
    }
}
