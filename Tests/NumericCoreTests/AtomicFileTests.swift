import Foundation
import Testing
@testable import NumericCore

@Suite("AtomicFile")
struct AtomicFileTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("atomicfile-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesCompleteContentAndLeavesNoTemporaryFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.txt").path
        let text = String(repeating: "0123456789\n", count: 50_000)
        try AtomicFile.write(text, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.txt"])
    }

    @Test func streamWithoutFlushingStillReplacesWholeAndLeavesNoTemporaryFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("cache.bin").path
        try AtomicFile.write("old", to: path)
        let parts: [[UInt8]] = [Array(repeating: 1, count: 70_000), [], Array(repeating: 2, count: 3)]
        try AtomicFile.stream(to: path, durable: false) { emit in
            for part in parts { try part.withUnsafeBytes(emit) }
        }
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == parts.flatMap { $0 })
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["cache.bin"])
        // A body that fails leaves the previous file in place and no temporary file.
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try AtomicFile.stream(to: path, durable: false) { emit in try parts[0].withUnsafeBytes(emit); throw Stop() }
        }
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == parts.flatMap { $0 })
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["cache.bin"])
    }

    @Test func fileGetsUmaskGovernedPermissionsNotTemporaryFilePermissions() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("p.txt").path
        try AtomicFile.write("x", to: path)
        let mask = umask(0o022)
        umask(mask)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let mode = try #require(attributes[.posixPermissions] as? Int)
        #expect(mode == 0o666 & ~Int(mask))
    }

    @Test func replacesAnExistingFileAndWritesData() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("data.bin")
        try AtomicFile.write("old contents that are longer", to: url.path)
        let bytes = Data([0, 1, 2, 255, 10, 13])
        try AtomicFile.write(bytes, to: url)
        #expect(try Data(contentsOf: url) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["data.bin"])
    }

    @Test func missingDirectoryThrowsAnErrorNamingThePath() throws {
        let path = "/nonexistent-\(UUID().uuidString)/out.csv"
        #expect {
            try AtomicFile.write("x", to: path)
        } throws: { error in
            guard let error = error as? AtomicFileError else { return false }
            return error.path == path && error.description.contains(path)
                && error.message.contains("No such file or directory")
        }
    }

    @Test func parentThatIsAFileThrowsAndCreatesNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("plain")
        try AtomicFile.write("x", to: file.path)
        let path = file.appendingPathComponent("out.csv").path
        #expect(throws: AtomicFileError.self) { try AtomicFile.write("y", to: path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["plain"])
    }

    @Test(.enabled(if: getuid() != 0, "root ignores directory permissions; the test above covers root"))
    func unwritableDirectoryThrows() throws {
        let directory = try temporaryDirectory()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
            try? FileManager.default.removeItem(at: directory)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
        let path = directory.appendingPathComponent("out.csv").path
        #expect(throws: AtomicFileError.self) { try AtomicFile.write("x", to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func fullPrecisionFormatsLikePrintfG17() {
        #expect(FullPrecision.format(0.1) == "0.10000000000000001")
        #expect(FullPrecision.format(1) == "1")
        #expect(FullPrecision.format(-2.5e-300) == "-2.5e-300")
        #expect(Double(FullPrecision.format(1.0 / 3.0)) == 1.0 / 3.0)
    }
}
