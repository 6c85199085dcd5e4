import ArgumentParser
import Foundation
import NumericCore

/// The `paretorec` command-line tool: thin subcommands over the libraries.
@main
struct ParetoRecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paretorec",
        abstract: "Pareto multi-objective optimization of recommender systems.",
        subcommands: [
            NondominatedCommand.self,
            IndicatorCommand.self,
            OptimizeCommand.self,
            TrainCommand.self,
            TrainFrontCommand.self,
            PredictCommand.self,
            ExperimentCommand.self,
            MethodsCommand.self,
            ReportCommand.self,
        ]
    )

    /// Parses and runs a subcommand. Every failure — a bad argument included — is one line on stderr
    /// (`paretorec: error: …`) and a non-zero exit, as the command-line contract asks; `--help` and
    /// `--version` still print their full text.
    static func main() async {
        StandardStreams.reserveClosedDescriptors()
        if CommandLine.arguments.dropFirst().first == OptimizeCommand.configuration.commandName {
            OptimizeCommand.stopIdleBLASWorkers()
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            if let failure = StandardStreams.firstFailure {
                printError("paretorec: error: \(failure)")
                Foundation.exit(ExitCode.failure.rawValue)
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                do { try writeStandardOutput(fullMessage(for: error) + "\n") } catch {
                    printError("paretorec: error: \(error)")
                    Foundation.exit(ExitCode.failure.rawValue)
                }
                exit(withError: nil)
            }
            if !(error is ExitCode) {
                let text = (error is CocoaError || error is DecodingError) ? ErrorText.describe(error) : self.message(for: error)
                let message = text.split(separator: "\n").first.map(String.init) ?? ErrorText.describe(error)
                printError("paretorec: error: " + message)
            }
            Foundation.exit(code.rawValue)
        }
    }
}
