import Testing
@testable import ParetoCore

@Suite struct DominanceTests {
    @Test func paretoRelationOnHandPicks() {
        #expect(Dominance.compare([1, 2], [2, 3]) == .dominates)
        #expect(Dominance.compare([1, 3], [1, 2]) == .dominated)
        #expect(Dominance.compare([1, 3], [2, 2]) == .incomparable)
        #expect(Dominance.compare([1, 2], [1, 2]) == .equal)
    }

    @Test func constraintDominationPrefersFeasibleThenSmallerViolation() {
        #expect(Dominance.compare([9, 9], violation: 0, [0, 0], violation: 0.1) == .dominates)
        #expect(Dominance.compare([0, 0], violation: 0.5, [9, 9], violation: 0.2) == .dominated)
        #expect(Dominance.compare([0, 1], violation: 0.3, [1, 0], violation: 0.3) == .incomparable)
    }
}
