import ArgumentParser
import NumericCore
import ParetoCore

/// `paretorec nondominated FILE [--ranks] [--output OUT] [--json]`.
struct NondominatedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nondominated",
        abstract: "Print the non-dominated rows of a front file, or every row's Pareto rank.",
        discussion: """
            FILE is a comma-separated front with a header (objective columns `name` or `name:max`, \
            then decision columns `x.name`) or a whitespace-separated numeric file without header \
            (every column a minimized objective). Dominance is decided on the minimization view: \
            columns marked `:max` are negated.

            Without --ranks, writes the non-dominated rows in the input's own format (header kept, \
            numbers at %.17g, input order). With --ranks, prints one integer per input row in input \
            order: 0 for the first front, 1 for the next, and so on (as moocore's pareto_rank). \
            With --json, prints an object with the row indices or ranks and "seconds", the wall time \
            of the sorting alone (file reading excluded).
            """)

    @Argument(help: "Front file (CSV with header, or whitespace-separated numbers).")
    var file: String

    @Flag(help: "Print the Pareto rank of every row (0 = first front) instead of the rows.")
    var ranks = false

    @Option(name: .shortAndLong, help: "Write the rows (or ranks) to this file, atomically, instead of stdout.")
    var output: String?

    @Flag(help: "Print a JSON object (indices or ranks, counts, seconds) on stdout.")
    var json = false

    func run() throws {
        try reportingErrors {
            let table = try readFront(file)
            let points = table.minimizationObjectives
            var report = JSONObject()
            report.add("command", "nondominated")
            report.add("file", file)
            report.add("rows", table.count)
            report.add("objectives", points.columns)
            if ranks {
                let (rankOfRow, seconds) = timed { nondominatedRanks(of: points) }
                let text = rankOfRow.map { String($0) + "\n" }.joined()
                if let output { try AtomicFile.write(text, to: output) }
                if json {
                    report.add("fronts", (rankOfRow.max() ?? -1) + 1)
                    report.add("ranks", rankOfRow)
                    report.add("seconds", seconds)
                    try writeStandardOutput(report.text)
                } else if output == nil {
                    try writeStandardOutput(text)
                }
            } else {
                let (indices, seconds) = timed { nondominatedIndices(of: points) }
                let rows = indices.sorted()
                if let output { try FrontCSV.write(table, to: output, rows: rows) }
                if json {
                    report.add("nondominated", rows.count)
                    report.add("indices", rows)
                    report.add("seconds", seconds)
                    try writeStandardOutput(report.text)
                } else if output == nil {
                    try writeStandardOutput(FrontCSV.render(table, rows: rows))
                }
            }
        }
    }
}
