import Foundation
extension SearchSpace {
    /// Decision variable names of the recommender-as-problem: the objective-weight coordinates
    /// (`weight_<first objective>` for two objectives; `simplex_1 … simplex_{K−1}` for K ≥ 3, see
    /// ``objectiveWeights(_:count:)``), then the searched hyper-parameters (`log10_lr`,
    /// `weight_decay`, `hidden`) in that order.
    func variableNames(objectives: [String]) -> [String] {
        var names = objectives.count <= 2 ? ["weight_\(objectives.first ?? "objective_1")"]
            : (1..<objectives.count).map { "simplex_\($0)" }
        if log10LearningRate != nil { names.append("log10_lr") }
        if weightDecay != nil { names.append("weight_decay") }
        if hidden != nil { names.append("hidden") }
        return names
    }

    /// Lower bounds of the decision variables (`0` for each objective-weight coordinate).
    func lowerBounds(objectiveCount: Int) -> [Double] {
        [Double](repeating: 0, count: max(1, objectiveCount - 1)) + [log10LearningRate?.lowerBound, weightDecay?.lowerBound, hidden.map { Double($0.lowerBound) }].compactMap { $0 }
    }

    /// Upper bounds of the decision variables (`1` for each objective-weight coordinate).
    func upperBounds(objectiveCount: Int) -> [Double] {
        [Double](repeating: 1, count: max(1, objectiveCount - 1)) + [log10LearningRate?.upperBound, weightDecay?.upperBound, hidden.map { Double($0.upperBound) }].compactMap { $0 }
    }

    /// The objective weights λ on the simplex from the first `count − 1` decision coordinates
    /// u ∈ [0, 1]^(K−1), by stick breaking with the Beta(1, K−1−k) inverse CDF,
    /// `v_k = 1 − (1 − u_k)^(1/(K−1−k))`, `λ_k = v_k ∏_{j<k} (1 − v_j)`, `λ_K = ∏_j (1 − v_j)`: a uniform
    /// u gives a uniform λ on the simplex (Devroye, *Non-Uniform Random Variate Generation*, 1986,
    /// §V.2), so space-filling designs stay space-filling. Two objectives: λ = (u₀, 1 − u₀).
    /// Coordinates are clamped to [0, 1]. - Complexity: O(K).
    static func objectiveWeights(_ x: [Double], count: Int) -> [Double] {
        var weights: [Double] = []
        var rest = 1.0
        for k in 0..<(count - 1) {
            let u = min(max(k < x.count ? x[k] : 0, 0), 1)
            let exponent = Double(count - 1 - k)
            let v = exponent == 1 ? u : 1 - pow(1 - u, 1 / exponent)
            weights.append(rest * v)
            rest *= 1 - v
        }
        weights.append(rest)
        return weights
    }
}
