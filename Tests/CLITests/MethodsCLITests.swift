import Foundation
import Testing

/// `paretorec methods [--json]`: every registered method of both registries with its kind, paper and needs.
@Suite("CLI: methods")
struct MethodsCLITests {
    @Test func jsonListsBothKindsWithTheirDeclarations() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["methods", "--json"])
        #expect(result.status == 0 && result.stderr.isEmpty)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        func entry(_ name: String, _ registry: String) -> [String: Any]? {
            list.first { $0["name"] as? String == name && $0["registry"] as? String == registry }
        }
        let nsga2 = try #require(entry("nsga2", "optimizer"))
        #expect(nsga2["kind"] as? String == "black-box")
        #expect(nsga2["required_budget"] as? [String] == ["evaluations"])
        #expect((nsga2["paper"] as? String)?.contains("10.1109/4235.996017") == true)
        #expect(try #require(entry("smpso", "optimizer"))["aliases"] as? [String] == ["mopso"])
        // MGDA is an optimizer for differentiable problems (no experiment kind) and a weighting.
        #expect(try #require(entry("mgda", "optimizer"))["kind"] is NSNull)
        let weighting = try #require(entry("mgda", "weighting"))
        #expect(weighting["kind"] as? String == "in-training" && weighting["needs"] as? String == "gram")
        #expect(try #require(entry("mgda-ub", "weighting"))["default_target"] as? String == "representation")
        #expect(list.allSatisfy { ($0["summary"] as? String)?.isEmpty == false })
    }

    @Test func textListsEveryMethodOnce() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let json = try cli.run(["methods", "--json"])
        let count = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any]).count
        let text = try cli.run(["methods"])
        #expect(text.status == 0)
        let headers = text.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(headers.count == count)
        #expect(headers.contains { $0.hasPrefix("pareto-mtl  [in-training weighting]") })
        #expect(headers.contains { $0.hasPrefix("smpso (also mopso)  [black-box optimizer]") })
    }
}
