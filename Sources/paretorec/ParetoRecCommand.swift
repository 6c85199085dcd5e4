import ArgumentParser

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
            ExperimentCommand.self,
            ReportCommand.self,
        ]
    )
}
