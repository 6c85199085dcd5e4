import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an `ExampleTable` as CSV so another tool (the PyTorch benchmark) reads identical numbers.
public enum ExampleTableCSV {
    /// Writes `table` to `path` atomically (temporary file in the same directory, then rename).
    ///
    /// Header: `user_key,item_key`, the user categorical names, user dense names, item categorical
    /// names, item dense names, objective names; one row per example. Floats are printed in Swift's
    /// shortest round-trip form, so parsing them as float32 gives back the same bits.
    /// - Complexity: O(count × columns); streams rows, memory O(columns).
    /// - Throws: `DataError.unreadable` when the file cannot be written.
    public static func write(_ table: ExampleTable, to path: String) throws {
        let tmp = path + ".tmp-\(getpid())"
        guard let f = fopen(tmp, "w") else { throw DataError.unreadable(path: tmp, reason: String(cString: strerror(errno))) }
        var ok = true
        let l = table.layout
        let header = ["user_key", "item_key"] + l.userCategoricalNames + l.userDenseNames + l.itemCategoricalNames + l.itemDenseNames
            + l.objectives.map(\.name)
        ok = fputs(header.joined(separator: ",") + "\n", f) >= 0 && ok
        let (uc, ud, ic, id, m) = (l.userCategoricalCount, l.userDenseCount, l.itemCategoricalCount, l.itemDenseCount, l.objectiveCount)
        var line = ""
        for r in 0..<table.count where ok {
            line.removeAll(keepingCapacity: true)
            line += "\(table.userKey(at: r)),\(table.itemKey(at: r))"
            for j in 0..<uc { line += ",\(table.userCategorical[r * uc + j])" }
            for j in 0..<ud { line += ",\(table.userDense[r * ud + j])" }
            for j in 0..<ic { line += ",\(table.itemCategorical[r * ic + j])" }
            for j in 0..<id { line += ",\(table.itemDense[r * id + j])" }
            for j in 0..<m { line += ",\(table.labels[r * m + j])" }
            line += "\n"
            ok = fputs(line, f) >= 0
        }
        ok = fclose(f) == 0 && ok
        guard ok, rename(tmp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw DataError.unreadable(path: path, reason: "write failed: \(reason)")
        }
    }
}
