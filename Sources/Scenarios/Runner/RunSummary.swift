/// The `summary.json` of one run: written last and atomically, so its presence marks a finished
/// run (an interrupted experiment resumes by skipping runs that have one).
public struct RunSummary: Codable, Sendable, Equatable {
    public var scenario: String
    public var method: String
    public var seed: UInt64
    public var objectives: [String]
    public var maximize: [Bool]
    /// Hypervolume of the test front with the experiment's reference point (natural units).
    public var hypervolume: Double
    public var reference: [Double]
    public var points: Int
    /// Best test value per objective over the front (by each objective's sense).
    public var best: [Double]
    public var evaluations: Int
    public var seconds: Double
    /// Caveats such as simulated users, or `nil`.
    public var note: String?
}
