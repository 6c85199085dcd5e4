import Foundation
import Testing

/// `paretorec train-front` then `paretorec predict --preference`: the trade-off is chosen after
/// training, and the saved model scores the data as the trained one did at that preference.
@Suite("CLI: pareto set", .serialized)
struct ParetoSetCLITests {
    @Test func aSavedModelScoresUnderAnyPreferenceAsTheFrontReported() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let data = ["--scenario", "ecommerce", "--synthetic-rows", "3000", "--seed", "4"]
        let model = cli.path("model.json")
        let trained = try cli.run(["train-front"] + data + ["--epochs", "1", "--batch-size", "256", "--preferences", "3",
                                                             "--save-model", model])
        #expect(trained.status == 0, "\(trained.stderr)")
        let lines = trained.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("front[") }.count == 6)
        for (lambda, key) in [("0,1", "front[0,1]"), ("0.5,0.5", "front[0.5,0.5]"), ("1,0", "front[1,0]")] {
            let predicted = try cli.run(["predict"] + data + ["--model", model, "--preference", lambda])
            #expect(predicted.status == 0, "\(predicted.stderr)")
            let expected = lines.filter { $0.hasPrefix(key + ".") }.map { String($0.dropFirst(key.count + 1)) }
            #expect(predicted.stdout.split(separator: "\n").map(String.init) == expected, "λ = \(lambda)")
        }
        let bad = try cli.run(["predict"] + data + ["--model", model, "--preference", "0.7,0.7"])
        #expect(bad.status != 0 && bad.stderrLines.count == 1 && bad.stderr.hasPrefix("paretorec: error: preference"))
    }
}
