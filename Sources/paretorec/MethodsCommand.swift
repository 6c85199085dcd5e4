import ArgumentParser
import Scenarios

/// `paretorec methods [--json]`: every registered method of both registries, with its kind, paper
/// and what it needs.
struct MethodsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "methods",
        abstract: "List every registered method (black-box optimizers and in-training weightings).",
        discussion: """
        An experiment method name resolves to a black-box optimizer when one of that name runs on a \
        black-box problem, otherwise to the in-training weighting of that name (`kind:` in the YAML \
        chooses explicitly). Optimizers that need a differentiable problem run in `optimize` only.
        """)

    @OptionGroup var output: JSONOutputOptions

    func run() throws {
        try reportingErrors {
            var out = "", objects: [String] = []
            for m in MethodCatalog.all {
                if output.json {
                    var o = JSONObject()
                    o.add("name", m.name)
                    o.add("aliases", m.aliases)
                    o.add("registry", m.registry)
                    if let k = m.kind { o.add("kind", k.rawValue) } else { o.addNull("kind") }
                    o.add("summary", m.summary)
                    o.add("paper", m.paper)
                    o.add("needs", m.needs)
                    o.add("required_budget", m.requiredBudget)
                    o.add("accepted_budget", m.acceptedBudget)
                    if let t = m.defaultTarget { o.add("default_target", t) } else { o.addNull("default_target") }
                    objects.append(String(o.text.dropLast()))
                } else {
                    let aliases = m.aliases.isEmpty ? "" : " (also \(m.aliases.joined(separator: ", ")))"
                    let kind = m.kind.map { "\($0.rawValue) \(m.registry)" } ?? "\(m.registry) for differentiable problems, `optimize` only"
                    out += "\(m.name)\(aliases)  [\(kind)]\n"
                    out += "    \(m.summary)\n"
                    if !m.paper.isEmpty { out += "    paper: \(m.paper)\n" }
                    var needs = "needs: \(m.needs)"
                    if !m.requiredBudget.isEmpty { needs += "; budget: \(m.requiredBudget.joined(separator: ", "))" }
                    let optional = m.acceptedBudget.filter { !m.requiredBudget.contains($0) }
                    if !optional.isEmpty { needs += "; optional: \(optional.joined(separator: ", "))" }
                    if let t = m.defaultTarget { needs += "; target: \(t) by default" }
                    out += "    \(needs)\n"
                }
            }
            try writeStandardOutput(output.json ? "[\n" + objects.joined(separator: ",\n") + "\n]\n" : out)
        }
    }
}
