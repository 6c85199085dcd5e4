import Foundation
import Testing
@testable import NumericCore

/// Where an atomic write goes when the destination is not a plain file.
@Suite struct AtomicFileDestinationTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-dest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func symbolicLinkIsWrittenThroughAndKept() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("target.csv").path, link = dir.appendingPathComponent("link.csv").path
        try AtomicFile.write("old\n", to: target)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.csv")
        try AtomicFile.write("new\n", to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.csv")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
        // A dangling link creates its target.
        let dangling = dir.appendingPathComponent("dangling.csv").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: dir.appendingPathComponent("made.csv").path)
        try AtomicFile.write("made\n", to: dangling)
        #expect(try String(contentsOfFile: dir.appendingPathComponent("made.csv").path, encoding: .utf8) == "made\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["dangling.csv", "link.csv", "made.csv", "target.csv"])
    }

    @Test func nonRegularDestinationsAreRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o644) == 0)
        for path in ["/dev/null", fifo, dir.path + "/"] + [dir.path] {
            #expect {
                try AtomicFile.write("x", to: path)
            } throws: { error in
                (error as? AtomicFileError)?.message.contains("refusing") == true || (error as? AtomicFileError)?.message.contains("directory") == true
            }
            #expect(throws: AtomicFileError.self) { try AtomicFile.checkWritable(path) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["pipe"])
    }

    /// Unwritable even for root: a file where a directory should be.
    @Test func checkWritableRefusesAFileInPlaceOfADirectoryAndLeavesNothing() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AtomicFile.write("x", to: dir.appendingPathComponent("plain").path)
        #expect(throws: AtomicFileError.self) { try AtomicFile.checkWritable(dir.appendingPathComponent("plain/out.csv").path) }
        try AtomicFile.checkWritable(dir.appendingPathComponent("ok.csv").path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["plain"])
    }
}

/// The process-wide OpenBLAS thread count under concurrent leases.
@Suite(.serialized) struct BLASThreadLeaseTests {
    @Test func leasesOfOneCountShareAndTheLastRestores() {
        BLASThreads.set(2)
        let a = BLASThreads.acquire(1), b = BLASThreads.acquire(1)
        #expect(BLASThreads.count == 1)
        a.release()
        #expect(BLASThreads.count == 1)
        b.release()
        #expect(BLASThreads.count == 2 || BLASThreads.holders > 0)  // other suites may hold leases
        BLASThreads.set(1)
    }

    @Test func nestedLeasesJoinTheOuterCountAndSetWaitsForTheLastHolder() {
        BLASThreads.set(2)
        BLASThreads.with(3) {
            BLASThreads.with(1) { #expect(BLASThreads.count == 3) }  // joins, no deadlock
            BLASThreads.set(4)
            #expect(BLASThreads.count == 3)  // a holder keeps its count
        }
        #expect(BLASThreads.count == 4 || BLASThreads.holders > 0)
        BLASThreads.set(1)
    }

    /// Two "runners" wanting different counts never see the other's count while they hold theirs.
    @Test func differentCountsWaitForEachOther() async {
        BLASThreads.set(3)
        let observed = await withTaskGroup(of: Bool.self) { group in
            for k in 0..<8 {
                let want = k % 2 == 0 ? 1 : 2
                group.addTask {
                    BLASThreads.with(want) {
                        var ok = true
                        for _ in 0..<200 { if BLASThreads.count != want { ok = false } }
                        return ok
                    }
                }
            }
            var all = true
            for await ok in group { all = all && ok }
            return all
        }
        #expect(observed)
        #expect(BLASThreads.count == 3 || BLASThreads.holders > 0)
        BLASThreads.set(1)
    }
}

@Suite struct ErrorTextTests {
    @Test func foundationFileErrorsBecomePathAndReason() {
        let missing = "/nonexistent-\(UUID().uuidString)/x.json"
        do { _ = try Data(contentsOf: URL(fileURLWithPath: missing)); Issue.record("read a missing file") } catch {
            let text = ErrorText.describe(error)
            #expect(text.contains(missing))
            #expect(!text.contains("Domain="))
            #expect(!text.contains("\n"))
        }
        struct Box: Decodable { var a: Int }
        do { _ = try JSONDecoder().decode(Box.self, from: Data("{\"a\": \"x\"}".utf8)); Issue.record("decoded") } catch {
            #expect(ErrorText.describe(error) == "at a: expected Int")
        }
    }
}
