import Recommender

/// What an experiment's `fusion:` key asks for: the methods, the number of members trained by
/// bagging and boosting, boosting's shrinkage, and the preference the trained members use.
public struct FusionSettings: Sendable, Equatable {
    /// The fusion methods, in the order given, without repeats.
    public var methods: [FusionMethod]
    /// Trainings of bagging (bootstrap models) and of boosting (stages), each `≥ 1`.
    public var members: Int
    /// Boosting's shrinkage `ν ∈ (0, 1]` (Friedman 2001 §5).
    public var shrinkage: Double
    /// Objective weights (summing to 1) of the trainings of bagging and boosting, and the preference of
    /// the `weighted` fusion of a Pareto set.
    public var preference: [Double]

    /// Most members accepted (each is one full training).
    public static let maximumMembers = 1_000
    /// Default member count.
    public static let defaultMembers = 5
    /// Default shrinkage.
    public static let defaultShrinkage = 0.5

    /// Validated settings; `preference` is normalized to sum 1.
    /// - Throws: `FusionError.invalidParameter` for no methods, a repeated method, members outside
    ///   `1...maximumMembers`, shrinkage outside `(0, 1]`, or a negative, non-finite or all-zero preference.
    public init(methods: [FusionMethod], members: Int = defaultMembers, shrinkage: Double = defaultShrinkage,
                preference: [Double] = [0.5, 0.5]) throws {
        guard !methods.isEmpty else { throw FusionError.invalidParameter("name at least one fusion method") }
        guard Set(methods).count == methods.count else { throw FusionError.invalidParameter("a fusion method is listed twice") }
        guard (1...Self.maximumMembers).contains(members) else {
            throw FusionError.invalidParameter("members must be in 1...\(Self.maximumMembers), got \(members)")
        }
        guard shrinkage > 0, shrinkage <= 1 else { throw FusionError.invalidParameter("shrinkage \(shrinkage) not in (0, 1]") }
        let total = preference.reduce(0, +)
        guard !preference.isEmpty, preference.allSatisfy({ $0.isFinite && $0 >= 0 }), total > 0, total.isFinite else {
            throw FusionError.invalidParameter("preference \(preference) must be finite, ≥ 0 and not all zero")
        }
        self.methods = methods
        self.members = members
        self.shrinkage = shrinkage
        self.preference = preference.map { $0 / total }
    }

    /// The methods that fuse a Pareto set, or that train members at the preference.
    public func methods(from source: FusionMethod.Source) -> [FusionMethod] { methods.filter { $0.source == source } }
}
