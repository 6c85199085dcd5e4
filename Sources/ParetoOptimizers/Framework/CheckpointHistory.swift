#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NumericCore

/// The history of a checkpointed run, kept beside the checkpoint in an append-only CSV file
/// (`NAME-history.csv` for checkpoint `NAME.json`), so a checkpoint costs O(state + new rows)
/// instead of rewriting the whole history each time (which made long runs quadratic).
///
/// The checkpoint records how many rows belong to it; rows appended after it (a run killed
/// between the append and the checkpoint's rename) are ignored on resume and dropped by the
/// resumed run's first write. Numbers are written in Swift's shortest round-trip form, so a
/// resumed history has the same bits.
enum CheckpointHistory {
    /// The history file of checkpoint `url`.
    static func url(for checkpoint: URL) -> URL {
        let base = checkpoint.deletingPathExtension()
        return base.deletingLastPathComponent().appendingPathComponent(base.lastPathComponent + "-history.csv")
    }

    /// Makes the history file hold exactly `rows` (header included), atomically.
    /// - Complexity: O(rows).
    static func rewrite(_ rows: ArraySlice<HistoryRow>, checkpoint: URL) throws {
        let text = ([HistoryRow.csvHeader] + rows.map(\.csvLine)).joined(separator: "\n") + "\n"
        do { try AtomicFile.write(text, to: url(for: checkpoint).path) } catch {
            throw OptimizerError.checkpoint("cannot write \(url(for: checkpoint).path): \(ErrorText.describe(error))")
        }
    }

    /// Appends `rows` to the history file and flushes them to disk. - Complexity: O(rows).
    static func append(_ rows: ArraySlice<HistoryRow>, checkpoint: URL) throws {
        guard !rows.isEmpty else { return }
        let path = url(for: checkpoint).path
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else {
            throw OptimizerError.checkpoint("cannot append to \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var text = rows.map(\.csvLine).joined(separator: "\n") + "\n"
        let failure: String? = text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += n
            }
            return fsync(fd) == 0 ? nil : String(cString: strerror(errno))
        }
        if let failure { throw OptimizerError.checkpoint("cannot append to \(path): \(failure)") }
    }

    /// The first `count` rows of the history file of `checkpoint`.
    /// - Throws: `OptimizerError.checkpoint` when the file is missing, has fewer rows, or a row
    ///   is not a history row (naming the line).
    static func read(count: Int, checkpoint: URL) throws -> [HistoryRow] {
        let path = url(for: checkpoint).path
        guard count > 0 else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OptimizerError.checkpoint("cannot read the history file \(path) the checkpoint needs")
        }
        var rows: [HistoryRow] = []
        rows.reserveCapacity(count)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map(String.init) == HistoryRow.csvHeader else {
            throw OptimizerError.checkpoint("\(path):1: not a history file (expected the header \(HistoryRow.csvHeader))")
        }
        for (index, line) in lines.enumerated().dropFirst() where rows.count < count && !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count == 5, let iteration = Int(cells[0]), let evaluations = Int(cells[1]), let frontSize = Int(cells[2]),
                  let elapsed = Double(cells[4]), cells[3].isEmpty || Double(cells[3]) != nil else {
                throw OptimizerError.checkpoint("\(path):\(index + 1): not a history row")
            }
            rows.append(HistoryRow(iteration: iteration, evaluations: evaluations, frontSize: frontSize,
                                   hypervolume: cells[3].isEmpty ? nil : Double(cells[3]), elapsedSeconds: elapsed))
        }
        guard rows.count == count else {
            throw OptimizerError.checkpoint("\(path) holds \(rows.count) history rows; the checkpoint needs \(count)")
        }
        return rows
    }
}
