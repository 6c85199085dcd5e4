extension SearchSpace {
    /// Decision variable names of the recommender-as-problem: `weight_<first objective>`, then the
    /// searched hyper-parameters (`log10_lr`, `weight_decay`, `hidden`) in that order.
    func variableNames(firstObjective: String) -> [String] {
        var names = ["weight_\(firstObjective)"]
        if log10LearningRate != nil { names.append("log10_lr") }
        if weightDecay != nil { names.append("weight_decay") }
        if hidden != nil { names.append("hidden") }
        return names
    }

    /// Lower bounds of the decision variables (`0` for the objective weight).
    var lowerBounds: [Double] {
        [0] + [log10LearningRate?.lowerBound, weightDecay?.lowerBound, hidden.map { Double($0.lowerBound) }].compactMap { $0 }
    }

    /// Upper bounds of the decision variables (`1` for the objective weight).
    var upperBounds: [Double] {
        [1] + [log10LearningRate?.upperBound, weightDecay?.upperBound, hidden.map { Double($0.upperBound) }].compactMap { $0 }
    }
}
