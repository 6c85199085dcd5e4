import Testing
import Foundation
import NumericCore
@testable import ParetoOptimizers

/// Cases of `Experiments/reference/mgda/min_norm_quadprog.json` (quadprog, computed once; see its README).
private struct ReferenceFile: Decodable {
    struct Case: Decodable {
        var objectives: Int
        var gram: [Double]
        var weights: [Double]
        var squaredNorm: Double
        var positiveDefinite: Bool
    }
    var cases: [Case]
}

@Suite struct MinNormReferenceTests {
    fileprivate static func load() throws -> [ReferenceFile.Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Experiments/reference/mgda/min_norm_quadprog.json").standardized
        return try JSONDecoder().decode(ReferenceFile.self, from: Data(contentsOf: url)).cases
    }

    @Test(arguments: [MinNormMethod.automatic, .activeSet])
    func matchesQuadprog(method: MinNormMethod) throws {
        let cases = try Self.load()
        #expect(cases.count == 60)
        for (index, c) in cases.enumerated() {
            let gram = try Matrix(rows: c.objectives, columns: c.objectives, storage: c.gram)
            let scale = (0..<c.objectives).map { gram[$0, $0] }.max()!
            let r = try minNormWeights(gram: gram, method: method)
            #expect(abs(r.squaredNorm - c.squaredNorm) <= 1e-9 * scale, "case \(index): \(r.squaredNorm) vs \(c.squaredNorm)")
            if c.positiveDefinite {  // unique minimizer: the weights themselves agree
                for k in 0..<c.objectives { #expect(abs(r.weights[k] - c.weights[k]) <= 1e-6, "case \(index) weight \(k)") }
            }
        }
    }
}
