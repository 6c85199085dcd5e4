import Testing
import NumericCore
@testable import ParetoCore

/// Inputs at the edges: one objective, volumes beyond `Double`, empty and header-only files.
@Suite struct DegenerateInputTests {
    /// One objective: every distance is |a − r| (d⁺ is max(a − r, 0)), so each indicator is a
    /// hand calculation. A = {1, 4}, R = {0, 2, 5}.
    @Test func distanceIndicatorsOnOneObjective() throws {
        let a = try Matrix<Double>([[1], [4]]), r = try Matrix<Double>([[0], [2], [5]])
        // IGD: nearest a for r = 0, 2, 5 is 1, 1, 4 → distances 1, 1, 1 → mean 1.
        #expect(try invertedGenerationalDistance(of: a, referenceFront: r) == 1)
        // IGD⁺: d⁺(a, r) = max(a − r, 0): r=0 → min(1, 4) = 1; r=2 → min(0, 2) = 0; r=5 → 0 → mean 1/3.
        #expect(try invertedGenerationalDistancePlus(of: a, referenceFront: r) == 1.0 / 3.0)
        // GD: a = 1 → nearest r 0 or 2 → 1; a = 4 → nearest r 5 → 1 → mean 1.
        #expect(try generationalDistance(of: a, referenceFront: r) == 1)
        // GD⁺: a = 1 → min over r of max(1 − r, 0) = 0; a = 4 → 0 (r = 5) → 0.
        #expect(try generationalDistancePlus(of: a, referenceFront: r) == 0)
        // ε₊ = max over r of min over a of (a − r): r=0 → 1; r=2 → −1; r=5 → −4 → 1.
        #expect(try additiveEpsilon(of: a, referenceFront: r) == 1)
        // Spacing of {1, 4}: both nearest distances 3 → standard deviation 0.
        #expect(try spacing(of: a) == 0)
        // Hypervolume in 1-D: r − min = 6 − 1.
        #expect(try hypervolume(of: a, reference: [6]) == 5)
    }

    /// Each box is 1e103 wide per side, so the 3-D volume 1e309 exceeds `Double.greatestFiniteMagnitude`.
    @Test func hypervolumeBeyondDoubleIsAnOverflowError() throws {
        let points = try Matrix<Double>([[0, 0, 0], [-1, 1, 0]])
        #expect(throws: ParetoError.self) { try hypervolume(of: points, reference: [1e103, 1e103, 1e103]) }
        do { _ = try hypervolume(of: points, reference: [1e103, 1e103, 1e103]) } catch let error as ParetoError {
            guard case .overflow = error else { Issue.record("expected overflow, got \(error)"); return }
        }
        let twoD = try Matrix<Double>([[-1e200, 0], [0, -1e200]])
        #expect(throws: ParetoError.self) { try hypervolume(of: twoD, reference: [1e200, 1e200]) }
        // Just below the limit still works: 1e102³ = 1e306.
        #expect(try hypervolume(of: try Matrix<Double>([[0, 0, 0]]), reference: [1e102, 1e102, 1e102]) == 1e102 * 1e102 * 1e102)
    }

    /// A single point fills its box: every sample hits, the estimate is exact with no error.
    /// Two points in 2-D, (1, 3) and (3, 1) with reference (4, 4): exact HV = 3·1 + 1·3 + … = 5
    /// (union of [1,4]×[3,4] (area 3) and [3,4]×[1,4] (area 3) minus their overlap [3,4]×[3,4] (1)).
    @Test func monteCarloEstimateMatchesClosedFormsWithinItsErrorBar() throws {
        let single = try hypervolumeEstimate(of: try Matrix<Double>([[1, 2, 3]]), reference: [2, 4, 6], samples: 1000)
        #expect(single.value == 1 * 2 * 3)
        #expect(single.standardError == 0)
        let two = try Matrix<Double>([[1, 3], [3, 1]])
        #expect(try hypervolume(of: two, reference: [4, 4]) == 5)
        let estimate = try hypervolumeEstimate(of: two, reference: [4, 4], samples: 200_000, seed: 9)
        // Box [1,4]² has area 9; p = 5/9; SE = 9·√(p(1−p)/N).
        let expectedError = 9 * ((5.0 / 9) * (4.0 / 9) / 200_000).squareRoot()
        #expect(abs(estimate.standardError - expectedError) < expectedError * 0.05)
        #expect(abs(estimate.value - 5) < 5 * estimate.standardError)
        let again = try hypervolumeEstimate(of: two, reference: [4, 4], samples: 200_000, seed: 9)
        #expect(again == estimate)
        #expect(throws: ParetoError.self) { try hypervolumeEstimate(of: two, reference: [4, 4], samples: 0) }
        #expect(try hypervolumeEstimate(of: two, reference: [0, 0], samples: 10).value == 0)
    }

    @Test func exactCostGrowsWithObjectivesAndRefusesManyObjectives() {
        #expect(exactHypervolumeCost(points: 200, objectives: 2) < 1e5)
        #expect(exactHypervolumeCost(points: 1000, objectives: 4) == 1e6)
        #expect(exactHypervolumeCost(points: 200, objectives: 20) > 1e11)
        #expect(exactHypervolumeCost(points: 100, objectives: 5) < 1e11)
    }

    @Test func emptyAndHeaderOnlyFilesNameALine() {
        for (text, line, phrase) in [("", 1, "empty file"), ("\n\n", 1, "empty file"), ("a,b\n", 2, "no data rows after the header on line 1"),
                                     ("# comment\nf1,f2\n\n", 3, "no data rows after the header on line 2")] {
            do {
                _ = try FrontCSV.parse(text: text, source: "t.csv")
                Issue.record("accepted \(text.debugDescription)")
            } catch let error as FrontCSVError {
                #expect(error.kind == .empty)
                #expect(error.line == line, "\(text.debugDescription): \(error)")
                #expect(error.description.contains(phrase), "\(error)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}
