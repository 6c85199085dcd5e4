import Foundation
import Testing
@testable import Recommender

@Suite struct DataSchemaTests {
    @Test func genericLoaderAppliesRolesMissingValuesSequencesAndDuplicates() throws {
        let schema = try TableSchema.load(path: try fixture("generic_schema.yaml"))
        let (t, report) = try TableLoader.load(path: try fixture("generic_table.csv"), schema: schema)
        // Lines 2–5 accepted; line 6 duplicates line 3; line 7 has age "oops" (column 3); line 8 is short.
        #expect(report.rowsAccepted == 4 && report.duplicateRows == 1 && report.malformedRows == 2)
        #expect(report.issues.map(\.line) == [7, 8])
        #expect(report.issues.map(\.column) == [3, nil])
        #expect(t.categorical.map(\.name) == ["uid", "iid", "city", "history[0]", "history[1]"])
        #expect(t.categorical.map(\.tower) == [.user, .item, .user, .user, .user])
        #expect(t.categorical[3].group == "history" && t.categorical[4].group == "history")
        #expect(t.itemKeys == [10, 11, 10, 12])
        #expect(t.timestamps == [100, 200, 300, 400])
        #expect(t.objectives == [ObjectiveSpec(name: "click", kind: .binary), ObjectiveSpec(name: "watch", kind: .continuous)])
        #expect(t.labels == [[1, 0, 1, 0], [2.5, 0.5, 1.0, 4.0]])
        #expect(t.categorical[2].values[2] == RawTable.missingKey)  // city empty on line 4
        #expect(t.numeric[0].values[1].isNaN && t.numeric[0].values[0] == 30)
        // Sequence "a|b|c" keeps the first two tokens; "b" leaves position 1 empty; "c|a" keeps both.
        let a = DelimitedRecord.key(ofToken: "a"), b = DelimitedRecord.key(ofToken: "b"), c = DelimitedRecord.key(ofToken: "c")
        #expect(t.categorical[3].values == [a, b, RawTable.missingKey, c])
        #expect(t.categorical[4].values == [b, RawTable.missingKey, RawTable.missingKey, a])
        // age, city, history (line 4), price (line 4) missing: 1 + 1 + 1 (age line 3) = cells of categorical/numeric fields.
        #expect(report.missingCells == 3)

        // Encoding: the shared history vocabulary and the age missing indicator.
        let enc = try FeatureEncoder(fitting: t)
        #expect(enc.layout.userDenseNames == ["age", "age#missing"])
        #expect(enc.layout.itemDenseNames == ["price"])
        #expect(enc.layout.userCategoricalCardinalities == [4, 3, 4, 4])  // uid u1,u2,u3; city paris,berlin; history a,b,c
        let e = try enc.encode(t)
        // age: values 30, 40, 30 → mean 33.333…, population sd = √(22.222…) = 4.714…; missing → mean → 0.
        let sd = (200.0 / 9).squareRoot()
        #expect(abs(Double(e.userDense[0]) - (30 - 100.0 / 3) / sd) < 1e-6)
        #expect(e.userDense[2] == 0 && e.userDense[3] == 1)
        #expect(e.userDense[1] == 0)
        // price log1p, fill 0 on line 4.
        #expect(abs(Double(e.itemDense[0]) - log1p(1.5)) < 1e-6 && e.itemDense[2] == 0)
    }

    @Test func jsonAndYamlSchemasDecodeTheSame() throws {
        let yaml = try temporaryFile("columns:\n  - {name: u, role: user_id}\n  - {name: i, role: item_id}\n  - {name: y, role: label, kind: continuous}\n", suffix: ".yaml")
        let json = try temporaryFile(#"{"columns":[{"name":"u","role":"user_id"},{"name":"i","role":"item_id"},{"name":"y","role":"label","kind":"continuous"}]}"#, suffix: ".json")
        defer { try? FileManager.default.removeItem(atPath: yaml); try? FileManager.default.removeItem(atPath: json) }
        let a = try TableSchema.load(path: yaml), b = try TableSchema.load(path: json)
        #expect(a == b)
        #expect(a.delimiter == "," && a.header)
    }

    @Test func aLabelListedAsAFeatureIsAnError() throws {
        #expect(throws: DataError.labelUsedAsFeature(column: "click")) {
            _ = try TableSchema.load(path: try fixture("schema_label_as_feature.json"))
        }
        // Also when the tables are built by hand: a feature named like an objective is refused by the encoder.
        let raw = RawTable(categorical: [.init(name: "u", tower: .user, values: [1])],
                           numeric: [.init(name: "click", tower: .item, values: [1])],
                           objectives: [ObjectiveSpec(name: "click", kind: .binary)], labels: [[1]], userKeys: [1], itemKeys: [1])
        #expect(throws: DataError.labelUsedAsFeature(column: "click")) { _ = try FeatureEncoder(fitting: raw) }
    }

    @Test func unknownColumnIsAnError() throws {
        let schema = try TableSchema.load(path: try fixture("schema_unknown_column.json"))
        let data = try fixture("generic_table.csv")
        #expect(throws: DataError.self) { _ = try TableLoader.load(path: data, schema: schema) }
        do { _ = try TableLoader.load(path: data, schema: schema) } catch let DataError.unknownColumn(file, name, available) {
            #expect(file == data && name == "no_such_column" && available.first == "uid")
        }
    }

    @Test func aSchemaThatDoesNotMatchTheDataIsOneError() throws {
        // Tab-separated schema on a comma-separated file: no row has the header's field count.
        let path = try temporaryFile("u\ti\ty\n1,2,1\n3,4,0\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let schema = TableSchema(delimiter: "tab", columns: [.init(name: "u", role: .userID), .init(name: "i", role: .itemID),
                                                             .init(name: "y", role: .label)])
        #expect(throws: DataError.schemaMismatch(file: path, line: 2, reason: "no row fits the schema; first problem: expected 3 fields, found 1")) {
            _ = try TableLoader.load(path: path, schema: schema)
        }
    }

    @Test func strictModeReportsFileLineAndColumn() throws {
        let schema = try TableSchema.load(path: try fixture("generic_schema.yaml"))
        let data = try fixture("generic_table.csv")
        #expect(throws: DataError.malformedRow(file: data, line: 7, column: 3, reason: "'oops' is not a number")) {
            _ = try TableLoader.load(path: data, schema: schema, options: LoadOptions(strict: true))
        }
    }

    @Test func binaryLabelsMustBeZeroOrOne() throws {
        let path = try temporaryFile("u,i,y\n1,2,1\n1,3,2\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let schema = TableSchema(columns: [.init(name: "u", role: .userID), .init(name: "i", role: .itemID), .init(name: "y", role: .label)])
        let (t, report) = try TableLoader.load(path: path, schema: schema)
        #expect(t.count == 1 && report.issues.first?.line == 3 && report.issues.first?.column == 3)
    }

    @Test func invalidSchemasAreRejected() {
        #expect(throws: DataError.self) { try TableSchema(columns: [.init(name: "i", role: .itemID), .init(name: "y", role: .label)]).validate() }
        #expect(throws: DataError.self) { try TableSchema(columns: [.init(name: "u", role: .userID), .init(name: "i", role: .itemID)]).validate() }
        #expect(throws: DataError.self) { try TableSchema(delimiter: ";;", columns: [.init(name: "u", role: .userID), .init(name: "y", role: .label)]).validate() }
        #expect(throws: DataError.self) { try TableSchema(header: false, columns: [.init(name: "u", role: .userID), .init(name: "y", role: .label)]).validate() }
        #expect(throws: DataError.self) {
            try TableSchema(columns: [.init(name: "u", role: .userID), .init(name: "s", role: .userSequence, separator: "||"), .init(name: "y", role: .label)]).validate()
        }
    }
}
