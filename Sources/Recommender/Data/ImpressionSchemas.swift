/// Schemas for the two impression-level e-commerce multi-task datasets, built from the file header
/// so that the full originals (with more or fewer fields) load the same way.
public enum ImpressionSchemas {
    /// Ali-CCP (Ma et al., "Entire Space Multi-Task Model", SIGIR 2018, doi:10.1145/3209978.3210104),
    /// as label-encoded CSV: labels `click`, `purchase`; dense fields `D*`; every other column a
    /// categorical field id.
    ///
    /// Tower assignment follows the dataset's field documentation: user fields `101` (user id),
    /// `121`–`129` (profile) and the `*_14` behaviour fields go to the user tower; the item fields
    /// `205` (item id), `206`, `207`, `210`, `216`, the combination fields `508`, `509`, `702`, `853`
    /// and the context field `301` go to the item tower (a two-tower model has no context tower).
    /// `click` and `purchase` are labels only — never features.
    /// - Throws: `DataError` for a missing file or a header without `click`, `purchase`, `101`, `205`.
    public static func aliCCP(path: String) throws -> TableSchema {
        let header = try DelimitedReader(path: path, format: .csv).header
        for required in ["click", "purchase", "101", "205"] where !header.contains(required) {
            throw DataError.unknownColumn(file: path, name: required, available: header)
        }
        let userFields: Set<String> = ["121", "122", "124", "125", "126", "127", "128", "129"]
        var columns: [TableSchema.Column] = []
        for name in header {
            switch name {
            case "click", "purchase": columns.append(.init(name: name, role: .label, kind: .binary))
            case "101": columns.append(.init(name: name, role: .userID))
            case "205": columns.append(.init(name: name, role: .itemID))
            default:
                let isUser = userFields.contains(name) || name.hasSuffix("_14")
                if name.hasPrefix("D") {
                    columns.append(.init(name: name, role: isUser ? .userNumeric : .itemNumeric, transform: TableSchemaDefaults.scaledTransform))
                } else {
                    columns.append(.init(name: name, role: isUser ? .userCategorical : .itemCategorical))
                }
            }
        }
        let schema = TableSchema(columns: columns)
        try schema.validate()
        return schema
    }

    /// AliExpress (Li et al., "Improving Multi-Scenario Learning to Rank in E-commerce by Exploiting
    /// Task Relationships in the Label Space", CIKM 2020): `search_id`, `categorical_*`, `numerical_*`,
    /// labels `click` and `conversion`. The dataset does not say which fields describe the user and
    /// which the item, and has no item id: `search_id` is the user-tower key (one query = one
    /// "user"), every `categorical_*`/`numerical_*` field feeds the item tower, and the item key is the
    /// row's line number.
    /// - Throws: `DataError`.
    public static func aliExpress(path: String) throws -> TableSchema {
        let header = try DelimitedReader(path: path, format: .csv).header
        for required in ["search_id", "click", "conversion"] where !header.contains(required) {
            throw DataError.unknownColumn(file: path, name: required, available: header)
        }
        var columns: [TableSchema.Column] = []
        for name in header {
            if name == "search_id" { columns.append(.init(name: name, role: .userID)) }
            else if name == "click" || name == "conversion" { columns.append(.init(name: name, role: .label, kind: .binary)) }
            else if name.hasPrefix("categorical") { columns.append(.init(name: name, role: .itemCategorical)) }
            else if name.hasPrefix("numerical") { columns.append(.init(name: name, role: .itemNumeric, transform: TableSchemaDefaults.scaledTransform)) }
        }
        let schema = TableSchema(columns: columns)
        try schema.validate()
        return schema
    }
}

/// Defaults shared by the built-in schemas.
enum TableSchemaDefaults {
    /// The samples' dense fields are already min-max scaled; they are still standardized on the
    /// training split so every dense input has mean 0 and unit variance.
    static let scaledTransform = NumericTransform.standardize
}
