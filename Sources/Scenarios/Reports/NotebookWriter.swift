import Foundation

/// Builds a Jupyter notebook (nbformat 4.5) whose cells read an experiment's CSV files with pandas
/// and plot them with matplotlib, so a researcher can rework every figure of a report.
struct NotebookWriter: Sendable {
    private struct Cell: Encodable {
        var cell_type: String
        var id: String
        var metadata: [String: String] = [:]
        var source: [String]
        var outputs: [String]?
        var execution_count: Int?

        enum CodingKeys: String, CodingKey { case cell_type, id, metadata, source, outputs, execution_count }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(cell_type, forKey: .cell_type)
            try c.encode(id, forKey: .id)
            try c.encode(metadata, forKey: .metadata)
            try c.encode(source, forKey: .source)
            if cell_type == "code" {
                try c.encode(outputs ?? [], forKey: .outputs)
                try c.encodeNil(forKey: .execution_count)
            }
        }
    }
    private struct KernelSpec: Encodable { var display_name = "Python 3"; var language = "python"; var name = "python3" }
    private struct Metadata: Encodable { var kernelspec = KernelSpec(); var language_info = ["name": "python"] }
    private struct Notebook: Encodable {
        var cells: [Cell]
        var metadata = Metadata()
        var nbformat = 4
        var nbformat_minor = 5
    }

    private var cells: [Cell] = []

    init() {}

    /// Appends a Markdown cell.
    mutating func markdown(_ text: String) { append("markdown", text) }

    /// Appends a code cell (Python).
    mutating func code(_ text: String) { append("code", text) }

    private mutating func append(_ kind: String, _ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let source = lines.enumerated().map { $0.offset == lines.count - 1 ? $0.element : $0.element + "\n" }
        cells.append(Cell(cell_type: kind, id: String(format: "cell-%03d", cells.count), source: source))
    }

    /// The notebook as JSON text (keys sorted, so the same notebook gives the same bytes).
    func render() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Notebook(cells: cells)), as: UTF8.self) + "\n"
    }
}
