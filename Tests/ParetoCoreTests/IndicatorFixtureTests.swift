import Foundation
import NumericCore
import Testing
@testable import ParetoCore

/// Indicator values computed once by moocore / pymoo (`Experiments/reference/make_indicator_fixtures.py`,
/// see `Fixtures/indicators/README.md`).
@Suite("Indicators: moocore/pymoo fixtures")
struct IndicatorFixtureTests {
    static func directory() throws -> URL {
        let base = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return base.appendingPathComponent("indicators")
    }

    static func load(_ name: String) throws -> Matrix<Double> {
        try FrontCSV.read(path: directory().appendingPathComponent(name).path).objectives
    }

    struct Expected: Sendable, CustomTestStringConvertible {
        let name: String
        let values: [Double]  // igd igd_plus gd gd_plus epsilon_additive
        var testDescription: String { name }
    }

    static func expectedCases() throws -> [Expected] {
        let text = try String(contentsOf: directory().appendingPathComponent("expected.txt"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let parts = line.split(separator: " ")
            return Expected(name: String(parts[0]), values: parts.dropFirst().map { Double(String($0))! })
        }
    }

    static func relativelyEqual(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-12 * max(abs(a), abs(b)) || a == b
    }

    @Test func fixtureCoversEveryObjectiveCount() throws {
        let cases = try Self.expectedCases()
        #expect(cases.count == 18)
        for m in [2, 3, 4, 5, 6, 8] { #expect(cases.contains { $0.name.hasSuffix("_m\(m)") }) }
    }

    @Test(arguments: try IndicatorFixtureTests.expectedCases())
    func matchesPeerValues(_ expected: Expected) throws {
        let a = try Self.load(expected.name + ".approx.txt")
        let r = try Self.load(expected.name + ".ref.txt")
        let ours = [
            try invertedGenerationalDistance(of: a, referenceFront: r),
            try invertedGenerationalDistancePlus(of: a, referenceFront: r),
            try generationalDistance(of: a, referenceFront: r),
            try generationalDistancePlus(of: a, referenceFront: r),
            try additiveEpsilon(of: a, referenceFront: r),
        ]
        let names = ["igd", "igd+", "gd", "gd+", "epsilon"]
        for k in 0..<5 {
            #expect(Self.relativelyEqual(ours[k], expected.values[k]),
                    "\(expected.name) \(names[k]): ours \(ours[k]), peer \(expected.values[k])")
        }
    }
}
