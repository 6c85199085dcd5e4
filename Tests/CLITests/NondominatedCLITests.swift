import Foundation
import Testing

@Suite("CLI: nondominated")
struct NondominatedCLITests {
    // Minimization view of the file below: (1,4) (2,2) (3,3) (4,1) (2,2) (5,5).
    // Front 0: (1,4), (2,2), (4,1), (2,2) [duplicate shares its rank]; front 1: (3,3); front 2: (5,5).
    let front = "cost,quality:max,x.k\n1,-4,10\n2,-2,20\n3,-3,30\n4,-1,40\n2,-2,50\n5,-5,60\n"

    @Test func ranksArePrintedPerInputRowInInputOrder() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("front.csv", front)
        let result = try cli.run(["nondominated", "front.csv", "--ranks"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "0\n0\n1\n0\n0\n2\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func nondominatedRowsKeepTheHeaderAndTheInputFormat() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("front.csv", front)
        let result = try cli.run(["nondominated", "front.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "cost,quality:max,x.k\n1,-4,10\n2,-2,20\n4,-1,40\n2,-2,50\n")

        try cli.file("plain.txt", "# moocore style\n0.5 0.5\n1 1\n\n0.25 0.75\n")
        let plain = try cli.run(["nondominated", "plain.txt"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout == "0.5 0.5\n0.25 0.75\n")
    }

    @Test func outputFileAndJSON() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        try cli.file("front.csv", front)
        let result = try cli.run(["nondominated", "front.csv", "--output", "out.csv"])
        #expect(result.status == 0 && result.stdout.isEmpty, "\(result.stderr)")
        #expect(try String(contentsOfFile: cli.path("out.csv"), encoding: .utf8)
                == "cost,quality:max,x.k\n1,-4,10\n2,-2,20\n4,-1,40\n2,-2,50\n")

        let json = try cli.run(["nondominated", "front.csv", "--ranks", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["ranks"] as? [Int] == [0, 0, 1, 0, 0, 2])
        #expect(object["fronts"] as? Int == 3)
        let seconds = try #require(object["seconds"] as? Double)
        #expect(seconds >= 0 && seconds < 10)

        let indices = try cli.run(["nondominated", "front.csv", "--json"])
        let indexObject = try #require(try JSONSerialization.jsonObject(with: Data(indices.stdout.utf8)) as? [String: Any])
        #expect(indexObject["indices"] as? [Int] == [0, 1, 3, 4])
        #expect(indexObject["seconds"] is Double)
    }

    @Test func helpIsAvailable() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["nondominated", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--ranks") && result.stdout.contains("minimization view"))
    }
}
