import Recommender

extension ExperimentConfig {
    /// The `fusion` key: either a list of fusion methods (`fusion: [average, bagging]`) or a mapping
    /// `{methods: [...], members: N, shrinkage: ν, preference: [p1, p2]}`. Method names come from
    /// ``FusionMethod``; `members` and `shrinkage` are refused unless a method uses them; the
    /// preference needs one non-negative weight per objective, not all zero.
    /// - Throws: ``ConfigError`` at the offending node.
    static func parseFusion(_ node: YAMLReader?, objectives: Int) throws -> FusionSettings? {
        guard let node else { return nil }
        let names = FusionMethod.allCases.map(\.rawValue)
        func methods(_ list: YAMLReader) throws -> [FusionMethod] {
            let items = try list.sequence()
            guard !items.isEmpty else { throw list.error("'\(list.path)' is empty: name at least one of \(names.joined(separator: ", "))") }
            var result: [FusionMethod] = []
            for item in items {
                let method = FusionMethod(rawValue: try item.choice(names))!
                guard !result.contains(method) else { throw item.error("fusion method '\(method.rawValue)' is listed twice") }
                result.append(method)
            }
            return result
        }
        if node.node.sequence != nil {
            return try FusionSettings(methods: methods(node), preference: [Double](repeating: 1, count: objectives))
        }
        try node.requireKnownKeys(["methods", "members", "shrinkage", "preference"])
        let list = try methods(node.required("methods"))
        let trains = list.contains { $0.source == .preference }
        var members = FusionSettings.defaultMembers, shrinkage = FusionSettings.defaultShrinkage
        if let v = try node.child("members") {
            guard trains else { throw v.error("'fusion.members' applies to bagging and boosting, which are not listed") }
            members = try v.positiveInt(atMost: FusionSettings.maximumMembers)
        }
        if let v = try node.child("shrinkage") {
            guard list.contains(.boosting) else { throw v.error("'fusion.shrinkage' applies to boosting, which is not listed") }
            shrinkage = try v.double()
            guard shrinkage > 0, shrinkage <= 1 else { throw v.error("'fusion.shrinkage' must be in (0, 1], got \(shrinkage)") }
        }
        var preference = [Double](repeating: 1, count: objectives)
        if let v = try node.child("preference") {
            preference = try v.doubles()
            guard preference.count == objectives else {
                throw v.error("'fusion.preference' has \(preference.count) values, the scenario has \(objectives) objectives")
            }
            guard preference.allSatisfy({ $0 >= 0 }), preference.contains(where: { $0 > 0 }) else {
                throw v.error("'fusion.preference' must be non-negative and not all zero, got \(preference)")
            }
        }
        do { return try FusionSettings(methods: list, members: members, shrinkage: shrinkage, preference: preference) } catch {
            throw node.error("'fusion': \(error)")
        }
    }
}
