import Foundation
import Testing
@testable import NumericCore
@testable import Recommender

/// The dense-id minimum-count filter of the Taobao builder keeps exactly the rows the general
/// `InteractionFilter.minimumCounts` (iterated) keeps, including the one-pass cases where one
/// side's minimum is at most 1.
@Suite struct TaobaoKCoreTests {
    @Test(arguments: [(1, 1), (3, 1), (1, 3), (3, 2), (2, 4), (5, 5)] as [(Int, Int)])
    func denseFilterKeepsTheGeneralFiltersRows(minUser: Int, minItem: Int) {
        var rng = SeededGenerator(seed: UInt64(10 * minUser + minItem))
        let rows = 3_000, userCount = 400, itemCount = 300
        // Skewed ids (squares of uniforms) so that many users and items fall below the minimums.
        let users = (0..<rows).map { _ in UInt32(Double(userCount) * pow(Double(rng.nextInt(below: 1000)) / 1000, 2)) }
        let items = (0..<rows).map { _ in UInt32(Double(itemCount) * pow(Double(rng.nextInt(below: 1000)) / 1000, 2)) }
        let keep = TaobaoScenarioBuilder.kCore(users: users, items: items, userCount: userCount, itemCount: itemCount,
                                               minUser: minUser, minItem: minItem)
        let reference = InteractionFilter.minimumCounts(users: users.map(Int64.init), items: items.map(Int64.init),
                                                        minUserCount: minUser, minItemCount: minItem)
        #expect((0..<rows).filter { keep[$0] } == reference.sorted())
        #expect(reference.count < rows || (minUser <= 1 && minItem <= 1))
    }
}
