import Foundation
import NumericCore
import ParetoCore
import ParetoOptimizers
import Recommender

/// Gradient-balancing methods applied inside training (the recommender as a differentiable
/// objective vector): every batch, the per-objective gradients of the shared parameters are
/// combined by weights computed from their Gram matrix.
///
/// - `mgda`: full MGDA — min-norm weights over the gradients w.r.t. all shared parameters (Sener &
///   Koltun, "Multi-Task Learning as Multi-Objective Optimization", NeurIPS 2018, arXiv:1810.04650;
///   Désidéri 2012, doi:10.1016/j.crma.2012.03.014). One Pareto-stationary model per run; the method's
///   front is the non-dominated set of `preferences` (default 3) runs with independent initializations.
/// - `mgda-ub`: the same on the gradients w.r.t. the shared representation (the towers' outputs) —
///   the upper-bound shortcut of Sener & Koltun, one shared backward pass.
/// - `pareto-mtl`: Pareto Multi-Task Learning (Lin, Zhen, Li, Zhang, Kwong, NeurIPS 2019,
///   arXiv:1912.12854): `K` preference vectors `u_k` evenly spread on the positive quarter circle;
///   the run for `u_k` descends along the min-norm element of the objective gradients and the gradients
///   of the active constraints `G_j = (u_j − u_k)ᵀ L̃ ≥ 0`, which keeps the losses in `u_k`'s sector.
///   Losses are normalized by their first-batch values (`L̃ = L / L₀`) so that preferences are
///   comparable across objectives of different scales; only the main phase of the paper runs (no
///   separate search for a feasible start).
public enum InTrainingMethod {
    /// The number of models a method trains per seed.
    static func runs(_ method: MethodConfig) -> Int {
        method.preferences ?? (method.name == "pareto-mtl" ? 5 : 3)
    }

    /// One run of an in-training method: `runs(method)` trainings, each giving one front point.
    /// With `events`, each training's steps and epochs are logged under the tag prefix `run<r>/`.
    public static func run(_ method: MethodConfig, seed: UInt64, trainer: ScenarioTrainer, reference: [Double],
                           events: ExperimentEventLog? = nil) throws -> MethodOutcome {
        let count = runs(method)
        var testRows: [[Double]] = [], validationRows: [[Double]] = [], decisions: [[Double]] = []
        var history: [(evaluations: Double, hypervolume: Double)] = []
        var loss: [Double] = []
        var models: [MultiObjectiveModel] = []
        let root = SeededGenerator(seed: seed).split(method.name)
        for r in 0..<count {
            let balancing: GradientBalancing
            var decision: [Double] = [Double(r)]
            switch method.name {
            case "mgda":
                balancing = .sharedParameters(minNormWeighting)
            case "mgda-ub":
                balancing = .representation(minNormWeighting)
            case "pareto-mtl":
                let preferences = preferenceVectors(count)
                let weighting = ParetoMTLWeighting(preferences: preferences, index: r)
                balancing = .sharedParameters { try weighting.weights($0) }
                decision = preferences[r]
            default:
                throw ConfigError(file: "<experiment>", message: "'\(method.name)' is not an in-training method")
            }
            var request = TrainingRequest(
                weights: [1, 1], learningRate: trainer.settings.learningRate, weightDecay: trainer.settings.weightDecay,
                hidden: trainer.settings.hidden, balancing: balancing, seed: root.split(r).key)
            request.log = events?.trainingLog(prefix: "run\(r)/")
            let outcome = try trainer.train(request)
            testRows.append(outcome.test)
            validationRows.append(outcome.validation)
            models.append(outcome.model)
            decisions.append(decision)
            if loss.isEmpty { loss = outcome.lossCurve }
            let points = try Matrix<Double>(validationRows.map { $0.map { -$0 } })
            history.append((Double(r + 1), try hypervolume(of: points, reference: reference.map { -$0 })))
        }
        let names = method.name == "pareto-mtl" ? ["preference_1", "preference_2"] : ["run"]
        // The method's Pareto set: the runs not dominated on validation (as the black-box methods'
        // final sets), reported with their test metrics.
        let keep = nondominatedIndices(of: try Matrix<Double>(validationRows.map { $0.map { -$0 } }))
        return MethodOutcome(front: keep.map { testRows[$0] }, decisionNames: names, decisions: keep.map { decisions[$0] },
                             history: history, lossCurve: loss, evaluations: count, models: keep.map { models[$0] },
                             validation: keep.map { validationRows[$0] })
    }

    /// MGDA's weighting: the min-norm weights on the simplex for the batch's Gram matrix.
    static let minNormWeighting: ObjectiveWeighting = { summary in
        try minNormWeights(gram: summary.gram).weights
    }

    /// `count` unit preference vectors evenly spread over angles (0, π/2), end points excluded as in
    /// Lin et al.'s code.
    static func preferenceVectors(_ count: Int) -> [[Double]] {
        (0..<count).map { k in
            let angle = Double.pi / 2 * (Double(k) + 0.5) / Double(count)
            return [cos(angle), sin(angle)]
        }
    }
}

/// The Pareto MTL weighting for preference `index`: min-norm over the normalized objective
/// gradients and the gradients of the active sector constraints, mapped back to objective weights.
final class ParetoMTLWeighting: @unchecked Sendable {
    let preferences: [[Double]]
    let index: Int
    private let lock = NSLock()
    private var initialLosses: [Double]?

    init(preferences: [[Double]], index: Int) {
        self.preferences = preferences
        self.index = index
    }

    func weights(_ summary: ObjectiveGradientSummary) throws -> [Double] {
        let m = summary.losses.count
        lock.lock()
        if initialLosses == nil { initialLosses = summary.losses.map { max($0, 1e-12) } }
        let l0 = initialLosses!
        lock.unlock()
        let normalized = (0..<m).map { summary.losses[$0] / l0[$0] }
        // Coefficient vectors (in objective space) of every direction in the min-norm problem.
        var directions: [[Double]] = (0..<m).map { k in (0..<m).map { $0 == k ? 1 : 0 } }
        let u = preferences[index]
        for (j, v) in preferences.enumerated() where j != index {
            let w = (0..<m).map { v[$0] - u[$0] }
            let g = (0..<m).reduce(0.0) { $0 + w[$1] * normalized[$1] }
            if g >= 0 { directions.append(w) }
        }
        // Gram of the directions: a_pᵀ G̃ a_q with G̃_ik = G_ik / (L0_i L0_k).
        let d = directions.count
        var gram = Matrix<Double>(rows: d, columns: d)
        for p in 0..<d {
            for q in p..<d {
                var s = 0.0
                for i in 0..<m {
                    for k in 0..<m { s += directions[p][i] * directions[q][k] * summary.gram[i, k] / (l0[i] * l0[k]) }
                }
                gram[p, q] = s
                gram[q, p] = s
            }
        }
        let alpha = try minNormWeights(gram: gram).weights
        var weights = [Double](repeating: 0, count: m)
        for p in 0..<d { for i in 0..<m { weights[i] += alpha[p] * directions[p][i] / l0[i] } }
        let total = weights.reduce(0, +)
        return total > 0 ? weights.map { $0 / total * Double(m) } : weights
    }
}
