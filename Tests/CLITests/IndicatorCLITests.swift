import Foundation
import Testing

@Suite("CLI: indicator")
struct IndicatorCLITests {
    @Test func hypervolumeOfATwoDimensionalHandCase() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        // Points (1,3), (2,2), (3,1) with reference (4,4): union of boxes = 3·1 + 2·1 + 1·1 = 6.
        try cli.file("front.txt", "1 3\n2 2\n3 1\n")
        let result = try cli.run(["indicator", "hv", "front.txt", "--reference", "4,4"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "6\n")
        // The same front with the second objective maximized (stored negated) gives the same value.
        try cli.file("front.csv", "a,b:max\n1,-3\n2,-2\n3,-1\n")
        let maximized = try cli.run(["indicator", "hv", "front.csv", "--reference", "4,-4"])
        #expect(maximized.stdout == "6\n", "\(maximized.stderr)")
        // A reference point starting with '-' is a value, not an option.
        try cli.file("shifted.txt", "-4 -2\n-3 -3\n-2 -4\n")
        let negative = try cli.run(["indicator", "hv", "shifted.txt", "--reference", "-1,-1"])
        #expect(negative.stdout == "6\n", "\(negative.stderr)")
    }

    @Test func hypervolumeIsZeroAndSaysSoWhenNothingDominatesTheReference() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("front.txt", "1 3\n2 2\n")
        let result = try cli.run(["indicator", "hv", "front.txt", "--reference", "1,1"])
        #expect(result.status == 0)
        #expect(result.stdout == "0\n")
        #expect(result.stderr.contains("dominates the reference point"))
    }

    @Test func igdFamilyMatchesHandValues() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("a.txt", "0 1\n1 0\n")
        try cli.file("r.txt", "0 1\n0.5 0.5\n1 0\n")
        // IGD = (0 + √0.5 + 0) / 3, IGD+ = (0 + 0.5 + 0) / 3, GD = GD+ = 0, ε = 0.5.
        let expected: [(String, Double)] = [
            ("igd", 0.5.squareRoot() / 3), ("igd+", 0.5 / 3), ("gd", 0), ("gd+", 0), ("epsilon", 0.5),
        ]
        for (name, value) in expected {
            let result = try cli.run(["indicator", name, "a.txt", "--front", "r.txt"])
            #expect(result.status == 0, "\(name): \(result.stderr)")
            let printed = try #require(Double(result.stdout.trimmingCharacters(in: .newlines)))
            #expect(printed == value, "\(name)")
        }
        let json = try cli.run(["indicator", "igd", "a.txt", "--front", "r.txt", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        // swift-corelibs-foundation's JSON parser is not correctly rounded, so compare the JSON number
        // loosely and the printed %.17g text exactly.
        let value = try #require(object["value"] as? Double)
        #expect(abs(value - 0.5.squareRoot() / 3) < 1e-15)
        #expect(json.stdout.contains("\"value\": \(String(format: "%.17g", 0.5.squareRoot() / 3))"))
        #expect(object["seconds"] is Double)
        #expect(object["lowerIsBetter"] as? Bool == true)
    }

    @Test func referenceFrontIsReadInTheMinimizationViewOfTheFile() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        // b is maximized: the minimization views are {(0,1),(1,0)} and {(0,1),(0.5,0.5),(1,0)},
        // so IGD = (0 + √0.5 + 0) / 3 whether the reference front has the header or not.
        try cli.file("a.csv", "a,b:max\n0,-1\n1,0\n")
        try cli.file("r.csv", "a,b:max\n0,-1\n0.5,-0.5\n1,0\n")
        try cli.file("r.txt", "0 -1\n0.5 -0.5\n1 0\n")
        for reference in ["r.csv", "r.txt"] {
            let result = try cli.run(["indicator", "igd", "a.csv", "--front", reference])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Double(result.stdout.trimmingCharacters(in: .newlines)) == 0.5.squareRoot() / 3, "\(reference)")
        }
        // A headed reference front whose senses differ is refused.
        try cli.file("rmin.csv", "a,b\n0,1\n1,0\n")
        let mismatch = try cli.run(["indicator", "igd", "a.csv", "--front", "rmin.csv"])
        #expect(mismatch.status != 0)
        #expect(mismatch.stderr == "paretorec: error: rmin.csv: objective senses (min/max) differ from those of a.csv\n")
    }

    @Test func helpMentionsTheMinimizationView() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["indicator", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("minimization view") && result.stdout.contains("--reference"))
    }
}
