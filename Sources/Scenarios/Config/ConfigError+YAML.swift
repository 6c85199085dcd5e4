import NumericCore
import Yams

extension ConfigError {
    /// One located error for a YAML syntax error: `file:line:column: not valid YAML: problem (context)`,
    /// without Yams's multi-line source snippet; control characters of the input are escaped.
    static func syntax(_ error: YamlError, file: String) -> ConfigError {
        func located(_ context: YamlError.Context?, _ problem: String, _ mark: Mark) -> ConfigError {
            var message = "not valid YAML: \(problem)"
            if let context { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
            return ConfigError(file: file, line: mark.line, column: mark.column, message: ErrorText.escapingControlCharacters(message))
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            return located(context, problem, mark)
        case let .reader(problem, offset, _, yaml):
            var line = 1, column = 1
            if let offset {
                for character in yaml.prefix(offset) {
                    if character == "\n" { line += 1; column = 1 } else { column += 1 }
                }
            }
            return ConfigError(file: file, line: line, column: column, message: ErrorText.escapingControlCharacters("not valid YAML: \(problem)"))
        case let .duplicatedKeysInMapping(duplicates, context):
            return ConfigError(file: file, line: context.mark.line, column: context.mark.column,
                               message: ErrorText.escapingControlCharacters("duplicate key \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")) in a mapping"))
        default:
            return ConfigError(file: file, message: ErrorText.escapingControlCharacters("not valid YAML: \(error)"))
        }
    }
}
