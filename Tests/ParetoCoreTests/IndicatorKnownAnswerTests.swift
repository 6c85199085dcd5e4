import NumericCore
import Testing
@testable import ParetoCore

/// Tiny fronts with the indicator formula written out in each assertion.
@Suite("Indicators: known answers")
struct IndicatorKnownAnswerTests {
    let twoPoints = try! Matrix<Double>([[0, 1], [1, 0]])
    let threePoints = try! Matrix<Double>([[0, 1], [0.5, 0.5], [1, 0]])

    @Test func igdAveragesDistanceFromEachReferencePoint() throws {
        // Reference points (0,1) and (1,0) are in A (distance 0); (0.5,0.5) is √0.5 from both.
        let value = try invertedGenerationalDistance(of: twoPoints, referenceFront: threePoints)
        #expect(abs(value - (0 + 0.5.squareRoot() + 0) / 3) < 1e-15)
    }

    @Test func igdPlusCountsOnlyTheWorseComponents() throws {
        // d⁺((0,1), (0.5,0.5)) = √(max(−0.5,0)² + max(0.5,0)²) = 0.5, likewise for (1,0).
        let value = try invertedGenerationalDistancePlus(of: twoPoints, referenceFront: threePoints)
        #expect(abs(value - (0 + 0.5 + 0) / 3) < 1e-15)
    }

    @Test func gdIsZeroForASubsetOfTheReference() throws {
        #expect(try generationalDistance(of: twoPoints, referenceFront: threePoints) == 0)
        #expect(try generationalDistancePlus(of: twoPoints, referenceFront: threePoints) == 0)
    }

    @Test func gdAveragesDistanceFromEachApproximationPoint() throws {
        // A = {(1,1), (2,0)} against R = {(0,1), (1,0)}: (1,1) is 1 from both; (2,0) is 1 from (1,0).
        let a = try Matrix<Double>([[1, 1], [2, 0]])
        #expect(try generationalDistance(of: a, referenceFront: twoPoints) == (1 + 1) / 2)
        // GD⁺: d⁺((1,1),(0,1)) = √(1² + 0²) = 1; d⁺((2,0),(1,0)) = 1.
        #expect(try generationalDistancePlus(of: a, referenceFront: twoPoints) == (1 + 1) / 2)
        // A point dominating a reference point has d⁺ = 0: (0,0) vs (0,1) → √(0 + max(−1,0)²) = 0.
        let dominating = try Matrix<Double>([[0, 0], [3, 4]])
        // (3,4): d⁺ to (0,1) = √(3² + 3²) = √18, to (1,0) = √(2² + 4²) = √20 → √18.
        let plus = try generationalDistancePlus(of: dominating, referenceFront: twoPoints)
        #expect(abs(plus - (0 + 18.0.squareRoot()) / 2) < 1e-15)
    }

    @Test func additiveEpsilonIsTheWorstBestShift() throws {
        // For r = (0.5,0.5): min over a of max_i(aᵢ − rᵢ) = min(max(−0.5, 0.5), max(0.5, −0.5)) = 0.5.
        #expect(try additiveEpsilon(of: twoPoints, referenceFront: threePoints) == 0.5)
        // A strictly better set gives a negative ε: shift (0,1),(1,0) down by 0.25.
        let better = try Matrix<Double>([[-0.25, 0.75], [0.75, -0.25]])
        #expect(try additiveEpsilon(of: better, referenceFront: twoPoints) == -0.25)
    }

    @Test func spacingIsTheSampleDeviationOfManhattanNearestNeighbours() throws {
        // d = (2, 2, 4) (L1 to nearest), d̄ = 8/3, Σ(d̄ − dᵢ)² = 4/9 + 4/9 + 16/9 = 24/9, /(N−1) = 4/3.
        let points = try Matrix<Double>([[0, 0], [1, 1], [3, 3]])
        #expect(abs(try spacing(of: points) - (4.0 / 3.0).squareRoot()) < 1e-15)
        #expect(try spacing(of: threePoints) == 0)
    }

    @Test func spreadOfAnEvenFrontReachingTheExtremesIsZero() throws {
        #expect(try spread(of: threePoints, referenceFront: threePoints) == 0)
    }

    @Test func spreadCountsUnevenGaps() throws {
        // Gaps 0.25√2 and 0.75√2, mean 0.5√2, Σ|dᵢ − d̄| = 0.5√2; d_f = d_l = 0 → Δ = 0.5√2 / (2 · 0.5√2).
        let a = try Matrix<Double>([[1, 0], [0.25, 0.75], [0, 1]])
        #expect(abs(try spread(of: a, referenceFront: threePoints) - 0.5) < 1e-15)
        // Missing the extreme (1,0): d_f = 0, d_l = ‖(0.5,0.5) − (1,0)‖ = √0.5, one gap √0.5 (no
        // deviation) → Δ = (0 + √0.5 + 0) / (0 + √0.5 + 1·√0.5) = 0.5.
        let half = try Matrix<Double>([[0, 1], [0.5, 0.5]])
        #expect(abs(try spread(of: half, referenceFront: threePoints) - 0.5) < 1e-15)
        // A single point: no gaps, Δ = (d_f + d_l) / (d_f + d_l) = 1.
        let single = try Matrix<Double>([[0.5, 0.5]])
        #expect(try spread(of: single, referenceFront: threePoints) == 1)
    }

    @Test func qualityIndicatorDispatchesAndKnowsItsOrientation() throws {
        #expect(try QualityIndicator.igd.value(of: twoPoints, referenceFront: threePoints)
                == (try invertedGenerationalDistance(of: twoPoints, referenceFront: threePoints)))
        #expect(try QualityIndicator.additiveEpsilon.value(of: twoPoints, referenceFront: threePoints) == 0.5)
        #expect(QualityIndicator(rawValue: "igd+") == .igdPlus)
        #expect(!QualityIndicator.hypervolume.lowerIsBetter && QualityIndicator.gdPlus.lowerIsBetter)
        #expect(throws: ParetoError.self) { try QualityIndicator.igd.value(of: twoPoints, referenceFront: nil) }
    }

    @Test func invalidInputsThrowTypedErrors() throws {
        let three = try Matrix<Double>([[0, 1, 2]])
        let empty = Matrix<Double>(rows: 0, columns: 2)
        let nan = try Matrix<Double>([[0, .nan]])
        let inf = try Matrix<Double>([[0, .infinity]])
        let functions: [(Matrix<Double>, Matrix<Double>) throws -> Double] = [
            invertedGenerationalDistance, invertedGenerationalDistancePlus, generationalDistance,
            generationalDistancePlus, additiveEpsilon, spread,
        ]
        for f in functions {
            #expect(throws: ParetoError.self) { try f(three, twoPoints) }
            #expect { try f(twoPoints, three) } throws: { ($0 as? ParetoError).map { if case .dimensionMismatch = $0 { true } else { false } } ?? false }
            #expect { try f(empty, twoPoints) } throws: { ($0 as? ParetoError).map { if case .empty = $0 { true } else { false } } ?? false }
            #expect { try f(twoPoints, empty) } throws: { ($0 as? ParetoError).map { if case .empty = $0 { true } else { false } } ?? false }
            #expect { try f(nan, twoPoints) } throws: { ($0 as? ParetoError).map { if case .nonFinite = $0 { true } else { false } } ?? false }
            #expect { try f(twoPoints, inf) } throws: { ($0 as? ParetoError).map { if case .nonFinite = $0 { true } else { false } } ?? false }
        }
        #expect(throws: ParetoError.invalidArgument("spread Δ is defined for 2 objectives, got 3")) {
            try spread(of: three, referenceFront: three)
        }
        #expect(throws: ParetoError.self) { try spacing(of: try Matrix<Double>([[1, 2]])) }
        #expect(throws: ParetoError.self) { try spacing(of: empty) }
    }
}
