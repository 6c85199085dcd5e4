import Foundation
import Testing
import NumericCore
@testable import ParetoOptimizers

/// The weightings against independent implementations: torchjd 0.18, LibMTL 1.1.5 and re-typed
/// author code (Fixtures/weightings/, written by Experiments/reference/weighting_fixtures.py; see
/// the README there). Tolerances are absolute on weights of order 1 unless stated.
@Suite struct WeightingFixtureTests {
    typealias S = WeightingTestSupport

    struct Case: Decodable {
        var objectives: Int
        var n: Int
        var seed: Int
        var jacobian: [Double]
        var gram: [Double]
        var losses: [Double]

        func gramMatrix() throws -> Matrix<Double> { try Matrix(rows: objectives, columns: objectives, storage: gram) }
        func jacobianMatrix() throws -> Matrix<Double> { try Matrix(rows: objectives, columns: n, storage: jacobian) }
    }

    struct TorchJDCase: Decodable {
        var base: Case
        var upgrad, dualproj, imtlG, alignedMTL, cagrad, pcgrad, nashMTL: [Double]
        var pcgradOrders: [[Int]]
        enum Keys: String, CodingKey {
            case upgrad, dualproj, cagrad, pcgrad
            case imtlG = "imtl-g", alignedMTL = "aligned-mtl", nashMTL = "nash-mtl", pcgradOrders = "pcgrad-orders"
        }
        init(from decoder: Decoder) throws {
            base = try Case(from: decoder)
            let c = try decoder.container(keyedBy: Keys.self)
            upgrad = try c.decode([Double].self, forKey: .upgrad)
            dualproj = try c.decode([Double].self, forKey: .dualproj)
            imtlG = try c.decode([Double].self, forKey: .imtlG)
            alignedMTL = try c.decode([Double].self, forKey: .alignedMTL)
            cagrad = try c.decode([Double].self, forKey: .cagrad)
            pcgrad = try c.decode([Double].self, forKey: .pcgrad)
            nashMTL = try c.decode([Double].self, forKey: .nashMTL)
            pcgradOrders = try c.decode([[Int]].self, forKey: .pcgradOrders)
        }
    }

    struct TorchJDFile: Decodable { var generator: String; var cases: [TorchJDCase] }

    static func torchjd() throws -> [TorchJDCase] {
        try JSONDecoder().decode(TorchJDFile.self, from: S.fixture("torchjd")).cases
    }

    @Test func upgradMatchesTorchJD() throws {
        let cases = try Self.torchjd()
        #expect(cases.count == 12)
        for c in cases {
            let w = try S.call(UPGradWeighting(), gram: c.base.gramMatrix(), losses: c.base.losses)
            #expect(S.maxDifference(w, c.upgrad) <= 1e-9, "K = \(c.base.objectives), seed \(c.base.seed): \(w) vs \(c.upgrad)")
        }
    }

    @Test func dualProjMatchesTorchJD() throws {
        for c in try Self.torchjd() {
            let w = try S.call(DualProjWeighting(), gram: c.base.gramMatrix(), losses: c.base.losses)
            #expect(S.maxDifference(w, c.dualproj) <= 1e-9, "seed \(c.base.seed): \(w) vs \(c.dualproj)")
        }
    }

    @Test func imtlGMatchesTorchJD() throws {
        for c in try Self.torchjd() {
            let w = try S.call(IMTLGWeighting(), gram: c.base.gramMatrix(), losses: c.base.losses)
            #expect(S.maxDifference(w, c.imtlG) <= 1e-10, "seed \(c.base.seed): \(w) vs \(c.imtlG)")
        }
    }

    @Test func alignedMTLIsKTimesTorchJD() throws {
        // Ours uses p = 1 (authors' code, LibMTL), TorchJD p = 1/K.
        for c in try Self.torchjd() {
            let w = try S.call(AlignedMTLWeighting(), gram: c.base.gramMatrix(), losses: c.base.losses)
            let expected = c.alignedMTL.map { $0 * Double(c.base.objectives) }
            #expect(S.maxDifference(w, expected) <= 1e-10, "seed \(c.base.seed): \(w) vs \(expected)")
        }
    }

    @Test func cagradWithoutRescaleMatchesTorchJD() throws {
        // TorchJD solves the dual with CLARABEL, whose duality gap leaves up to ~5e-5 in the weights; ours
        // is exact, so beyond agreement we check that our direction is optimal: its worst improvement
        // min_i gᵢᵀd (the primal objective) equals the dual value, and is at least TorchJD's.
        let method = CAGradWeighting(configuration: try .init(c: 0.5, rescale: .none))
        let scaled = CAGradWeighting(configuration: try .init(c: 0.5))
        for c in try Self.torchjd() {
            let g = try c.base.gramMatrix(), j = try c.base.jacobianMatrix(), k = c.base.objectives
            let w = try S.call(method, gram: g, losses: c.base.losses)
            #expect(S.maxDifference(w, c.cagrad) <= 1e-4, "seed \(c.base.seed): \(w) vs \(c.cagrad)")
            let d = try S.call(scaled, gram: g, losses: c.base.losses)
            #expect(S.maxDifference(d, w.map { $0 / 1.25 }) <= 1e-15, "seed \(c.base.seed): default rescale 1 + c²")
            func worst(_ weights: [Double]) -> Double {
                let direction = S.direction(weights, j)
                return (0..<k).map { S.dot(j.row($0), direction) }.min()!
            }
            // Dual value at w* = (w − 1/K)/Σ(w − 1/K): (G·1/K)ᵀw* + c‖g₀‖‖g_w*‖, with ‖g₀‖ = √(1ᵀG1)/K.
            let star = w.map { $0 - 1 / Double(k) }, total = star.reduce(0, +)
            let ws = star.map { $0 / total }
            let gws = S.direction(ws, j), g0 = S.direction([Double](repeating: 1 / Double(k), count: k), j)
            let dual = S.dot(g0, gws) + 0.5 * S.norm(g0) * S.norm(gws)
            #expect(abs(worst(w) - dual) <= 1e-10 * abs(dual), "seed \(c.base.seed): primal \(worst(w)) vs dual \(dual)")
            #expect(worst(w) >= worst(c.cagrad) - 1e-10 * abs(dual), "seed \(c.base.seed): ours is at least as good")
        }
    }

    @Test func pcgradWithTorchJDsPermutationsMatchesTorchJD() throws {
        for c in try Self.torchjd() {
            let w = PCGradWeighting.weights(gram: try c.base.gramMatrix(), orders: c.pcgradOrders)
            #expect(S.maxDifference(w, c.pcgrad) <= 1e-12, "seed \(c.base.seed): \(w) vs \(c.pcgrad)")
            if c.base.objectives == 2 {  // no order effect: the registered, randomized method agrees too
                let r = try S.call(PCGradWeighting(), gram: c.base.gramMatrix(), losses: c.base.losses, seed: 99)
                #expect(S.maxDifference(r, c.pcgrad) <= 1e-12)
            }
        }
    }

    @Test func nashMTLMatchesTorchJDsClippedSolution() throws {
        // TorchJD approaches α ⊙ Gα = 1 by up to 20 convex-concave steps (ECOS), then clips ‖Jᵀα‖ to 1;
        // ours solves it by Newton's method, so the agreement is that of the peer's iteration.
        let method = try NashMTLWeighting(configuration: .init())
        for c in try Self.torchjd() {
            let w = try S.call(method, gram: c.base.gramMatrix(), losses: c.base.losses)
            let scale = c.nashMTL.map(abs).max() ?? 1
            #expect(S.maxDifference(w, c.nashMTL) <= 2e-6 * scale, "seed \(c.base.seed): \(w) vs \(c.nashMTL)")
        }
    }

    // MARK: - LibMTL 1.1.5

    struct LibMTLCase: Decodable {
        struct Combined: Decodable { var weights: [Double]; var direction: [Double]; var orders: [[Int]]? }
        struct CAGrad: Decodable { var simplexWeights: [Double]; var direction: [Double] }
        var base: Case
        var imtl: Combined
        var pcgrad: Combined
        var cagrad: CAGrad?
        enum Keys: String, CodingKey { case imtl, pcgrad, cagrad }
        init(from decoder: Decoder) throws {
            base = try Case(from: decoder)
            let c = try decoder.container(keyedBy: Keys.self)
            imtl = try c.decode(Combined.self, forKey: .imtl)
            pcgrad = try c.decode(Combined.self, forKey: .pcgrad)
            cagrad = try c.decodeIfPresent(CAGrad.self, forKey: .cagrad)
        }
    }
    struct Sequence: Decodable {
        struct Call: Decodable { var epoch: Int?; var losses: [Double]; var weights: [Double] }
        var learningRate: Double?
        var initialLogVariance: Double?
        var temperature: Double?
        var calls: [Call]
    }
    struct LibMTLFile: Decodable { var generator: String; var cases: [LibMTLCase]; var uncertainty: Sequence; var dwa: Sequence }

    static func libmtl() throws -> LibMTLFile { try JSONDecoder().decode(LibMTLFile.self, from: S.fixture("libmtl")) }

    @Test func imtlGMatchesLibMTLsIMTL() throws {
        for c in try Self.libmtl().cases {
            let w = try S.call(IMTLGWeighting(), gram: c.base.gramMatrix(), losses: c.base.losses)
            #expect(S.maxDifference(w, c.imtl.weights) <= 1e-10, "seed \(c.base.seed)")
            let d = S.direction(w, try c.base.jacobianMatrix())
            #expect(S.maxDifference(d, c.imtl.direction) <= 1e-9 * max(1, S.norm(d)), "seed \(c.base.seed)")
        }
    }

    @Test func pcgradWithLibMTLsShufflesMatchesLibMTL() throws {
        for c in try Self.libmtl().cases {
            let orders = try #require(c.pcgrad.orders)
            let w = PCGradWeighting.weights(gram: try c.base.gramMatrix(), orders: orders)
            #expect(S.maxDifference(w, c.pcgrad.weights) <= 1e-12, "seed \(c.base.seed): \(w) vs \(c.pcgrad.weights)")
            let d = S.direction(w, try c.base.jacobianMatrix())
            #expect(S.maxDifference(d, c.pcgrad.direction) <= 1e-11 * max(1, S.norm(d)), "seed \(c.base.seed)")
        }
    }

    @Test func cagradDirectionMatchesLibMTLsSLSQPSolution() throws {
        // LibMTL 1.1.5 solves CAGrad's dual with scipy's SLSQP (default tolerance 1e-6) and runs for K = 3
        // only; its direction agrees with ours (exact dual) to the solver's accuracy.
        let method = CAGradWeighting(configuration: try .init(c: 0.5))
        var checked = 0
        for c in try Self.libmtl().cases {
            guard let reference = c.cagrad else { continue }
            let w = try S.call(method, gram: c.base.gramMatrix(), losses: c.base.losses)
            let d = S.direction(w, try c.base.jacobianMatrix())
            #expect(S.maxDifference(d, reference.direction) <= 1e-3 * S.norm(reference.direction), "seed \(c.base.seed)")
            checked += 1
        }
        #expect(checked == 4)
    }

    @Test func uncertaintyWeightingFollowsLibMTLsUWWithSGD() throws {
        let sequence = try Self.libmtl().uncertainty
        let method = UncertaintyWeighting(configuration: try .init(
            learningRate: try #require(sequence.learningRate), initialLogVariance: try #require(sequence.initialLogVariance)))
        var state = try method.initialState(objectives: 3)
        var rng = SeededGenerator(seed: 1)
        for (t, call) in sequence.calls.enumerated() {
            let w = try method.weights(WeightingInput(gram: .identity(3), losses: call.losses), state: &state, rng: &rng)
            #expect(S.maxDifference(w, call.weights) <= 1e-12, "call \(t): \(w) vs \(call.weights)")
        }
    }

    @Test func dwaFollowsLibMTLsDWA() throws {
        let sequence = try Self.libmtl().dwa
        let method = DWAWeighting(configuration: try .init(temperature: try #require(sequence.temperature)))
        var state = try method.initialState(objectives: 3)
        var rng = SeededGenerator(seed: 1)
        for (t, call) in sequence.calls.enumerated() {
            let input = WeightingInput(gram: .identity(3), losses: call.losses, step: t, epoch: try #require(call.epoch))
            let w = try method.weights(input, state: &state, rng: &rng)
            #expect(S.maxDifference(w, call.weights) <= 1e-12, "call \(t): \(w) vs \(call.weights)")
        }
    }

    // MARK: - Re-typed author code

    struct EPOCase: Decodable {
        var base: Case
        var preference: [Double]
        var mode: String
        var weights: [Double]
        enum Keys: String, CodingKey { case preference, mode, weights }
        init(from decoder: Decoder) throws {
            base = try Case(from: decoder)
            let c = try decoder.container(keyedBy: Keys.self)
            preference = try c.decode([Double].self, forKey: .preference)
            mode = try c.decode(String.self, forKey: .mode)
            weights = try c.decode([Double].self, forKey: .weights)
        }
    }
    struct GradNormCall: Decodable { var gram: [Double]; var losses: [Double]; var weights: [Double] }
    struct FormulaFile: Decodable {
        struct GradNorm: Decodable { var alpha: Double; var learningRate: Double; var calls: [GradNormCall] }
        struct FAMO: Decodable { var learningRate: Double; var decay: Double; var calls: [Sequence.Call] }
        var generator: String
        var epo: [EPOCase]
        var famo: FAMO
        var gradnorm: GradNorm
    }

    static func formulas() throws -> FormulaFile { try JSONDecoder().decode(FormulaFile.self, from: S.fixture("formulas")) }

    @Test func epoMatchesTheAuthorsLinearPrograms() throws {
        let cases = try Self.formulas().epo
        #expect(cases.count == 24)
        for c in cases {
            let method = EPOWeighting(configuration: try .init(preference: c.preference))
            let step = EPOWeighting.step(gram: try c.base.gramMatrix(), losses: c.base.losses, preference: c.preference,
                                         tolerance: 1e-4, relaxed: false)
            #expect(step.balancing == (c.mode == "balance"), "seed \(c.base.seed) mode")
            let w = try S.call(method, gram: c.base.gramMatrix(), losses: c.base.losses)
            #expect(S.maxDifference(w, c.weights) <= 1e-6, "seed \(c.base.seed) \(c.mode): \(w) vs \(c.weights)")
        }
    }

    @Test func famoFollowsTheAuthorsUpdateWithTorchAdam() throws {
        let sequence = try Self.formulas().famo
        let method = FAMOWeighting(configuration: try .init(learningRate: sequence.learningRate, decay: sequence.decay))
        var state = try method.initialState(objectives: 3)
        var rng = SeededGenerator(seed: 1)
        for (t, call) in sequence.calls.enumerated() {
            let w = try method.weights(WeightingInput(gram: .identity(3), losses: call.losses, step: t), state: &state, rng: &rng)
            #expect(S.maxDifference(w, call.weights) <= 1e-10, "call \(t): \(w) vs \(call.weights)")
        }
    }

    @Test func gradNormFollowsThePapersRuleWithTorchAutograd() throws {
        let sequence = try Self.formulas().gradnorm
        let method = GradNormWeighting(configuration: try .init(alpha: sequence.alpha, learningRate: sequence.learningRate))
        var state = try method.initialState(objectives: 3)
        var rng = SeededGenerator(seed: 1)
        for (t, call) in sequence.calls.enumerated() {
            let input = WeightingInput(gram: try Matrix(rows: 3, columns: 3, storage: call.gram), losses: call.losses, step: t)
            let w = try method.weights(input, state: &state, rng: &rng)
            #expect(S.maxDifference(w, call.weights) <= 1e-12, "call \(t): \(w) vs \(call.weights)")
        }
    }
}
