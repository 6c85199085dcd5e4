import Foundation
import NumericCore
#if canImport(Glibc)
import Glibc
#endif

/// A binary cache of a built Taobao e-commerce scenario (`EcommerceDataset.taobao` on the compact
/// path): the encoded train, validation and test tables, the fitted encoder and the per-epoch
/// negative sampler, so that a second run on the same file and options reads the tables back
/// instead of parsing, grouping, splitting and encoding again.
///
/// Layout (little-endian): the 8-byte magic `PRTBSCN1`; six `UInt64` header words — cache version,
/// the source's size, modification time (ns) and FNV-1a hash of its first and last 64 KiB (as
/// `TaobaoLogCache`), the row limit, and an FNV-1a hash of every scenario option; then sections, each
/// a `UInt64` byte count and its bytes: a JSON description (layout, encoder, notes, report counts,
/// table shapes, sampler settings), the vocabularies' keys in index order, the columns of each table,
/// and the sampler's pool and per-user runs; last, a checksum of every section.
///
/// Written atomically (`AtomicFile.stream`, not flushed to the disk: a file a power loss damaged
/// fails the checksum and is rebuilt), section by section; read with `pread` straight into the
/// columns. Anything that does not match — another file or edited file, other options, another
/// version, a short or damaged file, a checksum mismatch, a section the tables or the sampler refuse
/// — means the scenario is built again and the cache rewritten: a damaged cache is never trusted and
/// never crashes the reader.
/// - Complexity: reading is O(file size) plus rebuilding the vocabularies' and the sampler's hash
///   tables (O(users + items)).
enum TaobaoScenarioCache {
    /// Bumped whenever the builder or this layout changes meaning.
    static let version: UInt64 = 1
    static let magic = Array("PRTBSCN1".utf8)

    /// Where the scenario cache of `path` lives: `<directory or the file's>/<file name>.paretorec-scenario`.
    static func cachePath(for path: String, directory: String? = nil) -> String {
        let url = URL(fileURLWithPath: path)
        let dir = directory.map { URL(fileURLWithPath: $0) } ?? url.deletingLastPathComponent()
        return dir.appendingPathComponent(url.lastPathComponent + ".paretorec-scenario").path
    }

    /// The header words for `source` built with `options`.
    static func header(source: String, options: RealScenarioOptions) throws -> [UInt64] {
        let log = try TaobaoLogCache.header(source: source, options: options.load)
        let described = "\(options.negativesPerPositive)|\(options.split)|\(options.minUserCount)|\(options.minItemCount)|"
            + "\(options.seed)|\(options.load)|\(options.encoder)|\(options.trainingNegatives)"
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in described.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return [version, log[1], log[2], log[3], log[4], h]
    }

    /// What the JSON section holds.
    private struct Description: Codable {
        struct Table: Codable { var count: Int; var narrowUserKeys: Bool; var narrowItemKeys: Bool }
        struct Sampler: Codable { var perPositive: Int; var seed: UInt64; var maxAttempts: Int; var runs: Int }
        var notes: [String]
        var report: [Int]
        var layout: FeatureLayout
        var categoricalNames: [String]
        var categoricalTowers: [Tower]
        var numericTowers: [Tower]
        var numeric: [NumericEncoding]
        /// Per categorical field: `nil` for a vocabulary (its keys are a section), else the buckets.
        var hashed: [HashedBuckets?]
        var tables: [Table]
        var sampler: Sampler?
    }

    // MARK: - Writing

    /// Writes `data` (built from `source` with `options`) to `path`. Scenarios with behaviour
    /// sequences are not cached.
    /// - Throws: `AtomicFileError` or an encoding error (the caller skips the cache then).
    static func write(_ data: ScenarioData, header: [UInt64], to path: String) throws {
        let tables = [data.train, data.validation, data.test] + (data.trainingNegatives.map { [$0.catalogue] } ?? [])
        guard tables.allSatisfy({ $0.sequences == nil }) else { return }
        let encoder = data.encoder
        let report = data.loadReport.map { [$0.rowsAccepted, $0.malformedRows, $0.duplicateRows, $0.blankLines, $0.missingCells] } ?? []
        let runs = data.trainingNegatives?.storedRuns
        let description = Description(
            notes: data.notes, report: report, layout: data.layout, categoricalNames: encoder.categoricalNames,
            categoricalTowers: encoder.fieldTowers.categorical, numericTowers: encoder.fieldTowers.numeric, numeric: encoder.numeric,
            hashed: encoder.categorical.map { if case .hashed(let h) = $0 { return h } else { return nil } },
            tables: tables.map { t in
                Description.Table(count: t.count, narrowUserKeys: t.storedKeys.user.narrow != nil, narrowItemKeys: t.storedKeys.item.narrow != nil)
            },
            sampler: data.trainingNegatives.map { Description.Sampler(perPositive: $0.perPositive, seed: $0.seed, maxAttempts: $0.maxAttempts, runs: runs?.users.count ?? 0) })
        let jsonEncoder = JSONEncoder()
        jsonEncoder.outputFormatting = [.sortedKeys]  // the same scenario gives the same file
        let json = try jsonEncoder.encode(description)
        try AtomicFile.stream(to: path, durable: false) { emit in
            var sum = TaobaoLogCache.Checksum()
            try magic.withUnsafeBytes(emit)
            try header.withUnsafeBytes(emit)
            func section<T>(_ values: [T]) throws {
                var length = UInt64(values.count * MemoryLayout<T>.stride)
                try withUnsafeBytes(of: &length) { sum.add($0); try emit($0) }
                try values.withUnsafeBytes { sum.add($0); try emit($0) }
            }
            try section([UInt8](json))
            for encoding in encoder.categorical { if case .vocabulary(let v) = encoding { try section(v.orderedKeys) } }
            for t in tables {
                try section(t.userCategorical); try section(t.userDense); try section(t.itemCategorical)
                try section(t.itemDense); try section(t.labels)
                let keys = t.storedKeys
                if let narrow = keys.user.narrow { try section(narrow) } else { try section(keys.user.wide ?? []) }
                if let narrow = keys.item.narrow { try section(narrow) } else { try section(keys.item.wide ?? []) }
            }
            if let sampler = data.trainingNegatives, let runs {
                try section(sampler.pool); try section(runs.users); try section(runs.starts); try section(runs.ends); try section(runs.items)
            }
            var checksum = sum.value
            try withUnsafeBytes(of: &checksum, emit)
        }
    }

    // MARK: - Reading

    /// Reads sections from an open file, checking every length against what is left.
    private struct SectionReader {
        let fd: Int32
        let size: Int
        var offset: Int
        var sum = TaobaoLogCache.Checksum()

        init(fd: Int32, size: Int, offset: Int) { self.fd = fd; self.size = size; self.offset = offset }

        mutating func fill(_ destination: UnsafeMutableRawPointer?, _ bytes: Int) -> Bool {
            guard bytes <= size - offset, TaobaoLogCache.readFully(fd, into: destination, bytes, at: offset) else { return false }
            offset += bytes
            return true
        }

        mutating func word() -> UInt64? {
            var value: UInt64 = 0
            guard withUnsafeMutableBytes(of: &value, { fill($0.baseAddress, 8) }) else { return nil }
            return value
        }

        /// The next section as `[T]`, or nil when its length is not a whole number of `T` or runs past the file.
        mutating func section<T>(_ zero: T) -> [T]? {
            guard let length = word(), length <= UInt64(size - offset), Int(length) % MemoryLayout<T>.stride == 0 else { return nil }
            withUnsafeBytes(of: length) { sum.add($0) }
            let count = Int(length) / MemoryLayout<T>.stride
            var complete = true
            let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0, !fill(UnsafeMutableRawPointer(buffer.baseAddress), Int(length)) {
                    complete = false
                    buffer.initialize(repeating: zero)
                }
                initialized = count
            }
            guard complete else { return nil }
            values.withUnsafeBytes { sum.add($0) }
            return values
        }
    }

    /// The cached scenario when `path` holds one for `header`, complete and undamaged; else nil.
    static func read(_ path: String, header: [UInt64]) -> ScenarioData? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var reader = SectionReader(fd: fd, size: Int(info.st_size), offset: 0)
        var head = [UInt8](repeating: 0, count: magic.count)
        guard head.withUnsafeMutableBytes({ reader.fill($0.baseAddress, magic.count) }), head == magic else { return nil }
        for expected in header { guard reader.word() == expected else { return nil } }
        guard let json = reader.section(UInt8(0)),
              let description = try? JSONDecoder().decode(Description.self, from: Data(json)) else { return nil }
        let fields = description.hashed.count
        guard description.categoricalNames.count == fields, description.categoricalTowers.count == fields,
              description.numericTowers.count == description.numeric.count,
              description.tables.count == (description.sampler == nil ? 3 : 4) else { return nil }
        var categorical: [CategoricalEncoding] = []
        for hashed in description.hashed {
            if let hashed { categorical.append(.hashed(hashed)); continue }
            guard let keys = reader.section(Int64(0)), Set(keys).count == keys.count else { return nil }
            categorical.append(.vocabulary(Vocabulary(orderedKeys: keys)))
        }
        var tables: [ExampleTable] = []
        for shape in description.tables {
            guard let uc = reader.section(Int32(0)), let ud = reader.section(Float(0)), let ic = reader.section(Int32(0)),
                  let id = reader.section(Float(0)), let labels = reader.section(Float(0)) else { return nil }
            func keys(_ narrow: Bool) -> (narrow: [Int32]?, wide: [Int64]?)? {
                if narrow { return reader.section(Int32(0)).map { ($0, nil) } }
                return reader.section(Int64(0)).map { (nil, $0) }
            }
            guard let user = keys(shape.narrowUserKeys), let item = keys(shape.narrowItemKeys),
                  shape.narrowUserKeys == shape.narrowItemKeys else { return nil }
            let table: ExampleTable?
            if let nu = user.narrow, let ni = item.narrow {
                table = try? ExampleTable(layout: description.layout, count: shape.count, userCategorical: uc, userDense: ud,
                                          itemCategorical: ic, itemDense: id, labels: labels, narrowUserKeys: nu, narrowItemKeys: ni)
            } else if let wu = user.wide, let wi = item.wide {
                table = try? ExampleTable(layout: description.layout, count: shape.count, userCategorical: uc, userDense: ud,
                                          itemCategorical: ic, itemDense: id, labels: labels, userKeys: wu, itemKeys: wi)
            } else { table = nil }
            guard let table, codesInRange(table) else { return nil }
            tables.append(table)
        }
        var sampler: EpochNegativeSampler?
        if let settings = description.sampler {
            guard let pool = reader.section(Int64(0)), let users = reader.section(Int64(0)), let starts = reader.section(Int64(0)),
                  let ends = reader.section(Int64(0)), let items = reader.section(Int32(0)), users.count == settings.runs else { return nil }
            sampler = try? EpochNegativeSampler(pool: pool, catalogue: tables[3], runUsers: users, starts: starts, ends: ends, items: items,
                                                perPositive: settings.perPositive, seed: settings.seed, maxAttempts: settings.maxAttempts)
            guard sampler != nil else { return nil }
        }
        let expected = reader.sum.value
        guard let checksum = reader.word(), checksum == expected, reader.offset == reader.size else { return nil }
        let encoder = FeatureEncoder(layout: description.layout, categorical: categorical, numeric: description.numeric,
                                     categoricalNames: description.categoricalNames,
                                     categoricalTowers: description.categoricalTowers, numericTowers: description.numericTowers)
        var report: LoadReport?
        if description.report.count == 5 {
            var r = LoadReport()
            r.rowsAccepted = description.report[0]; r.malformedRows = description.report[1]; r.duplicateRows = description.report[2]
            r.blankLines = description.report[3]; r.missingCells = description.report[4]
            report = r
        }
        var data = ScenarioData(kind: .ecommerce, train: tables[0], validation: tables[1], test: tables[2], encoder: encoder,
                                isSimulated: false, notes: description.notes, loadReport: report)
        data.trainingNegatives = sampler
        return data
    }

    /// Whether every categorical code of `table` is inside its field's cardinality (a model indexes
    /// its embeddings with them).
    private static func codesInRange(_ table: ExampleTable) -> Bool {
        let l = table.layout
        func check(_ codes: [Int32], _ cardinalities: [Int]) -> Bool {
            let width = cardinalities.count
            guard width > 0 else { return true }
            for (k, code) in codes.enumerated() where code < 0 || Int(code) >= cardinalities[k % width] { return false }
            return true
        }
        return check(table.userCategorical, l.userCategoricalCardinalities) && check(table.itemCategorical, l.itemCategoricalCardinalities)
    }
}
