import Foundation
import NumericCore
import Testing
@testable import ParetoCore

/// One moocore-computed case from `Fixtures/hypervolume` (see its README).
struct HypervolumeFixture: CustomTestStringConvertible, Sendable {
    let name: String
    let points: Matrix<Double>
    let reference: [Double]
    let hypervolume: Double
    let contributions: [Double]

    var testDescription: String { name }

    static let directory = Bundle.module.resourceURL!
        .appendingPathComponent("Fixtures").appendingPathComponent("hypervolume")

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".expected") }.map { String($0.dropLast(".expected".count)) }.sorted()
    }

    init(name: String) throws {
        self.name = name
        let pointText = try String(contentsOf: Self.directory.appendingPathComponent(name + ".txt"), encoding: .utf8)
        let rows = pointText.split(separator: "\n").map { $0.split(separator: " ").map { Double($0)! } }
        points = try Matrix(rows)
        let expected = try String(contentsOf: Self.directory.appendingPathComponent(name + ".expected"), encoding: .utf8)
            .split(separator: "\n")
        reference = expected[0].split(separator: " ").dropFirst().map { Double($0)! }
        hypervolume = Double(expected[1].split(separator: " ")[1])!
        #expect(expected[2].hasPrefix("contributions"))
        contributions = expected.dropFirst(3).map { Double($0)! }
    }
}

@Suite struct HypervolumeFixtureTests {
    @Test func fixturesArePresent() {
        #expect(HypervolumeFixture.names.count == 22)
    }

    @Test(arguments: HypervolumeFixture.names)
    func hypervolumeEqualsMoocore(name: String) throws {
        let fixture = try HypervolumeFixture(name: name)
        let value = try hypervolume(of: fixture.points, reference: fixture.reference)
        #expect(abs(value - fixture.hypervolume) <= 1e-12 * abs(fixture.hypervolume), "\(name): \(value) vs \(fixture.hypervolume)")
    }

    @Test(arguments: HypervolumeFixture.names)
    func contributionsEqualMoocore(name: String) throws {
        let fixture = try HypervolumeFixture(name: name)
        let values = try hypervolumeContributions(of: fixture.points, reference: fixture.reference)
        try #require(values.count == fixture.contributions.count)
        var worst = 0.0, worstAbsolute = 0.0
        for (ours, theirs) in zip(values, fixture.contributions) {
            // M ≤ 3: moocore's contributions; 1e-12 relative, 1e-15 absolute near zero.
            // M ≥ 4: the reference is HV(U) − HV(U ∖ {p}), a difference of two values of size HV(S),
            // each rounded to a few tens of ulps, so it is itself only good to ~64 ε·HV(S) absolute.
            let floor = fixture.reference.count <= 3 ? 1e-15 : 64 * Double.ulpOfOne * fixture.hypervolume
            let tolerance = max(1e-12 * abs(theirs), floor)
            worst = max(worst, abs(ours - theirs) / tolerance)
            worstAbsolute = max(worstAbsolute, abs(ours - theirs))
        }
        #expect(worst <= 1, "\(name): worst error is \(worst) × tolerance, \(worstAbsolute) absolute")
    }
}
