/// The shape of an encoded example: how many categorical fields (and their vocabulary sizes) and
/// dense features each tower sees, and which objectives are labelled.
///
/// Categorical values are encoded as indices in `0..<cardinality`, with index `0` reserved for
/// out-of-vocabulary / missing values. The user id is usually the first user categorical field and
/// the item id the first item categorical field.
public struct FeatureLayout: Codable, Sendable, Equatable {
    /// Names of the user tower's categorical fields.
    public var userCategoricalNames: [String]
    /// Vocabulary size (including the OOV index 0) of each user categorical field.
    public var userCategoricalCardinalities: [Int]
    /// Names of the user tower's dense (numeric) features.
    public var userDenseNames: [String]
    /// Names of the item tower's categorical fields.
    public var itemCategoricalNames: [String]
    /// Vocabulary size (including OOV index 0) of each item categorical field.
    public var itemCategoricalCardinalities: [Int]
    /// Names of the item tower's dense features.
    public var itemDenseNames: [String]
    /// The labelled objectives, in column order of `ExampleTable.labels`.
    public var objectives: [ObjectiveSpec]
    /// The behaviour-history vocabularies when the examples carry histories (`BehaviourSequences`).
    public var sequence: SequenceLayout? = nil

    public init(
        userCategoricalNames: [String], userCategoricalCardinalities: [Int], userDenseNames: [String],
        itemCategoricalNames: [String], itemCategoricalCardinalities: [Int], itemDenseNames: [String],
        objectives: [ObjectiveSpec]
    ) {
        self.userCategoricalNames = userCategoricalNames
        self.userCategoricalCardinalities = userCategoricalCardinalities
        self.userDenseNames = userDenseNames
        self.itemCategoricalNames = itemCategoricalNames
        self.itemCategoricalCardinalities = itemCategoricalCardinalities
        self.itemDenseNames = itemDenseNames
        self.objectives = objectives
    }

    /// Number of user categorical fields.
    public var userCategoricalCount: Int { userCategoricalCardinalities.count }
    /// Number of user dense features.
    public var userDenseCount: Int { userDenseNames.count }
    /// Number of item categorical fields.
    public var itemCategoricalCount: Int { itemCategoricalCardinalities.count }
    /// Number of item dense features.
    public var itemDenseCount: Int { itemDenseNames.count }
    /// Number of objectives (tasks).
    public var objectiveCount: Int { objectives.count }
}
