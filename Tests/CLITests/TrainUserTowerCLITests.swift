import Foundation
import Testing

/// `paretorec train --user-tower`: a sequence tower end to end on synthetic histories, and bad values
/// as one clear line.
@Suite("CLI: train --user-tower", .serialized)
struct TrainUserTowerCLITests {
    @Test func attentionTowerTrainsOnSyntheticHistories() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["train", "--scenario", "ecommerce", "--synthetic-rows", "2000", "--epochs", "1",
                                  "--user-tower", "attention", "--sequence-length", "10", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(json?["userTower"] as? String == "attention")
        let objectives = try #require((json?["test"] as? [String: Any])?["objectives"] as? [[String: Any]])
        #expect(objectives.allSatisfy { ($0["auc"] as? Double).map { $0 > 0 && $0 < 1 } ?? false })
    }

    @Test func unknownTowerAndBadLengthFailWithOneLine() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        for arguments in [["--user-tower", "lstm"], ["--user-tower", "gru", "--sequence-length", "0"]] {
            let result = try cli.run(["train", "--scenario", "ecommerce", "--synthetic-rows", "500", "--epochs", "1"] + arguments)
            #expect(result.status != 0)
            #expect(result.stderr.contains("error"))
            #expect(result.stderr.contains("user-tower") || result.stderr.contains("sequence-length"), "\(result.stderr)")
        }
    }
}
