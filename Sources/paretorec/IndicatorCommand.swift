import ArgumentParser
import Foundation
import NumericCore
import ParetoCore

/// `paretorec indicator {hv,igd,igd+,gd,gd+,epsilon,spacing,spread} FILE [--reference …] [--front REF] [--json]`.
struct IndicatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicator",
        abstract: "Compute a quality indicator of a front file.",
        discussion: """
            NAME is one of: hv (needs --reference r1,r2,…), igd, igd+, gd, gd+, epsilon (additive), \
            spread (2 objectives) — these need --front REFERENCE_FILE — and spacing (no reference). \
            IGD/GD are means of Euclidean distances (moocore's definitions, p = 1); IGD+/GD+ use \
            Ishibuchi's dominance-aware distance.

            All indicators operate on the minimization view: objective columns marked `:max` are \
            negated, and so are the matching coordinates of --reference (give it in the file's own \
            units) and of the --front file (read with FILE's senses when it has no header). \
            Prints the value at %.17g. With --json, prints an object including "seconds", the wall \
            time of the computation alone (file reading excluded). A hypervolume is 0 when no point \
            strictly dominates the reference point; that is said on stderr. The exact hypervolume \
            grows exponentially with the number of objectives: when its cost bound is above 1e11 \
            point operations (e.g. 200 points in 8 objectives) it is refused up front; use \
            --monte-carlo N for an estimate with its standard error, or --exact to wait. A \
            hypervolume above the largest Double is an "overflow" error.
            """)

    @Argument(help: "Indicator: hv, igd, igd+, gd, gd+, epsilon, spacing, spread.")
    var name: String

    @Argument(help: "Front file to evaluate.")
    var file: String

    @Option(parsing: .unconditional,
            help: "Hypervolume reference point, comma-separated, in FILE's units (hv only; may start with '-').")
    var reference: String?

    @Option(help: "Reference front file (igd, igd+, gd, gd+, epsilon, spread).")
    var front: String?

    @Option(name: .customLong("monte-carlo"),
            help: "hv only: estimate the hypervolume from N uniform samples (standard error on stderr, or in --json).")
    var monteCarlo: Int?

    @Option(help: "Seed of the Monte Carlo samples.") var seed: UInt64 = 1

    @Flag(help: "hv only: compute the exact hypervolume even when its cost bound is above the limit.")
    var exact = false

        @Flag(help: "Print a JSON object (value, sizes, seconds) on stdout.")
    var json = false

    /// Exact hypervolumes whose cost bound (``exactHypervolumeCost(points:objectives:)``) is above
    /// this are refused unless `--exact` is given.
    static let exactCostLimit = 1e11

    func run() throws {
        try reportingErrors {
            if let monteCarlo, monteCarlo < 1 { throw CLIError("--monte-carlo must be ≥ 1, got \(monteCarlo)") }
            if monteCarlo != nil && exact { throw CLIError("give either --monte-carlo or --exact, not both") }
            guard let indicator = QualityIndicator(rawValue: name.lowercased()) else {
                let known = QualityIndicator.allCases.map(\.rawValue).joined(separator: ", ")
                throw CLIError("unknown indicator '\(name)' (choose from \(known))")
            }
            let table = try readFront(file)
            let points = table.minimizationObjectives
            var report = JSONObject()
            report.add("indicator", indicator.rawValue)
            report.add("file", file)
            report.add("points", table.count)
            report.add("objectives", points.columns)
            let value: Double, seconds: Double
            switch indicator {
            case .hypervolume:
                guard front == nil else { throw CLIError("hv takes --reference r1,r2,…, not --front") }
                guard let reference else { throw CLIError("hv needs --reference r1,r2,… (one value per objective)") }
                let natural = try parseReference(reference, objectives: points.columns)
                let referencePoint = try table.minimizationPoint(natural)
                if let samples = monteCarlo {
                    let (estimate, took) = try timed {
                        try hypervolumeEstimate(of: points, reference: referencePoint, samples: samples, seed: seed)
                    }
                    (value, seconds) = (estimate.value, took)
                    report.add("monteCarloSamples", samples)
                    report.add("standardError", estimate.standardError)
                    if !json {
                        printError("paretorec: note: Monte Carlo estimate from \(samples) samples, standard error \(FullPrecision.format(estimate.standardError))")
                    }
                } else {
                    let cost = exactHypervolumeCost(points: points.rows, objectives: points.columns)
                    if cost > Self.exactCostLimit && !exact {
                        throw CLIError("the exact hypervolume of \(points.rows) points in \(points.columns) objectives may take hours "
                                       + "(cost bound \(String(format: "%.1e", cost)) > \(String(format: "%.0e", Self.exactCostLimit))); "
                                       + "estimate it with --monte-carlo N (prints a standard error), or force it with --exact")
                    }
                    (value, seconds) = try timed { try hypervolume(of: points, reference: referencePoint) }
                }
                if try strictlyDominatingCount(of: points, reference: referencePoint) == 0 {
                    printError("paretorec: note: no point of \(file) strictly dominates the reference point \(reference); the hypervolume is 0")
                }
                report.add("reference", natural)
            case .spacing:
                guard front == nil, reference == nil else { throw CLIError("spacing takes no --front or --reference") }
                (value, seconds) = try timed { try spacing(of: points) }
            default:
                guard reference == nil else { throw CLIError("\(indicator.rawValue) takes --front REFERENCE_FILE, not --reference") }
                guard let front else { throw CLIError("\(indicator.rawValue) needs --front REFERENCE_FILE") }
                let referenceFront = try referenceFrontView(front, approximation: table)
                (value, seconds) = try timed { try indicator.value(of: points, referenceFront: referenceFront) }
                report.add("front", front)
                report.add("referencePoints", referenceFront.rows)
            }
            if json {
                report.add("value", value)
                report.add("lowerIsBetter", indicator.lowerIsBetter)
                report.add("seconds", seconds)
                try writeStandardOutput(report.text)
            } else {
                try writeStandardOutput(FullPrecision.format(value) + "\n")
            }
        }
    }

    /// Parses `r1,r2,…` into finite numbers, one per objective.
    private func parseReference(_ text: String, objectives: Int) throws -> [Double] {
        let values = try parseNumberList(text, option: "--reference")
        guard values.count == objectives else {
            throw CLIError("--reference has \(values.count) value\(values.count == 1 ? "" : "s") but \(file) has \(objectives) objectives")
        }
        return values
    }

    /// The reference front in the minimization view of FILE's senses.
    private func referenceFrontView(_ path: String, approximation: FrontTable) throws -> Matrix<Double> {
        var referenceTable = try readFront(path)
        guard referenceTable.objectives.columns == approximation.objectives.columns else {
            throw CLIError("\(path): has \(referenceTable.objectives.columns) objectives but \(file) has \(approximation.objectives.columns)")
        }
        if referenceTable.hasHeader && approximation.hasHeader && referenceTable.senses != approximation.senses {
            throw CLIError("\(path): objective senses (min/max) differ from those of \(file)")
        }
        referenceTable.senses = approximation.senses
        return referenceTable.minimizationObjectives
    }
}
