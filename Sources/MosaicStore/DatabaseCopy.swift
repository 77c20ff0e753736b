import Crypto
import Foundation
import SQLKit

/// Moves a whole site from one database to another (SQLite or PostgreSQL, either way): practices,
/// slug history, revisions, drafts, accounts, sessions, throttling records, resets, audit log, outbox,
/// the city register and the catalogue sequence. The target must be empty; the copy is one transaction on the target,
/// read from one consistent snapshot of the source, and is verified afterwards by counting and
/// checksumming every table on both sides. (`schema_migrations` is not copied: the target's own
/// migrations wrote it.)
public struct DatabaseCopy: Sendable {
    /// A table, its key (the order rows are read and checksummed in) and its whole-number columns
    /// (every other column is text).
    struct Table: Sendable {
        let name: String
        let key: [String]
        let integers: Set<String>
    }

    /// Every table with data, parents before children (foreign keys).
    static let tables: [Table] = [
        Table(name: "practices", key: ["id"], integers: ["period_start", "period_end", "ongoing", "revision"]),
        Table(name: "practice_cities", key: ["practice_id", "position"], integers: ["position"]),
        Table(name: "practice_topics", key: ["practice_id", "position"], integers: ["position"]),
        Table(name: "practice_links", key: ["practice_id", "position"], integers: ["position"]),
        Table(name: "practice_translations", key: ["practice_id", "language", "field"], integers: []),
        Table(name: "slug_history", key: ["slug"], integers: []),
        Table(name: "revisions", key: ["practice_id", "number"], integers: ["number"]),
        Table(name: "accounts", key: ["id"], integers: []),
        Table(name: "account_cities", key: ["account_id", "position"], integers: ["position"]),
        Table(name: "sessions", key: ["token_hash"], integers: []),
        Table(name: "sign_in_failures", key: ["key"], integers: ["failures"]),
        Table(name: "password_resets", key: ["token_hash"], integers: []),
        Table(name: "outbox", key: ["id"], integers: []),
        Table(name: "audit_log", key: ["id"], integers: []),
        Table(name: "drafts", key: ["practice_id"], integers: []),
        Table(name: "catalog_changes", key: ["practice_id"], integers: ["sequence"]),
        Table(name: "cities", key: ["country", "name"], integers: []),
        Table(name: "city_aliases", key: ["country", "key"], integers: []),
    ]

    /// Rows read and written per statement.
    static let pageSize = 500

    /// What was copied, table by table, with the checksum both sides agree on.
    public struct Report: Sendable, CustomStringConvertible {
        public struct Line: Sendable {
            public let table: String
            public let rows: Int
            public let checksum: String
        }
        public var lines: [Line] = []
        public var catalogSequence = 0

        public var description: String {
            let width = lines.map(\.table.count).max() ?? 0
            return lines.map { "\($0.table.padding(toLength: width, withPad: " ", startingAt: 0))  \(String($0.rows).leftPadded(to: 8)) rows  checksum \($0.checksum.prefix(16))" }
                .joined(separator: "\n") + "\ncatalogue sequence \(catalogSequence)"
        }
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case targetNotEmpty(table: String, rows: Int)
        case verification(table: String, source: String, target: String)

        public var description: String {
            switch self {
            case .targetNotEmpty(let table, let rows):
                "the target database is not empty (\(table) has \(rows) row\(rows == 1 ? "" : "s")); nothing was written. Copy into a new, empty database."
            case .verification(let table, let source, let target):
                "the copy of \(table) differs from its source (\(source) against \(target)); the target was left as written, check it before use"
            }
        }
    }

    let source: any DatabaseAccess
    let target: any DatabaseAccess

    /// Both databases are migrated first (the source to read it in the current shape, the target to
    /// have the tables).
    public init(from source: SQLPracticeStore, to target: SQLPracticeStore) {
        self.source = source.access
        self.target = target.access
    }

    public func run() async throws -> Report {
        for table in Self.tables {
            let rows = try await target.withDatabase { db in try await Self.count(table.name, db) }
            if rows > 0 { throw Failure.targetNotEmpty(table: table.name, rows: rows) }
        }
        let sourceKind = source.kind
        // One read transaction on the source: the copy is the site as of one moment, even if it is in use.
        let sequence = try await source.withDatabase { from in
            try await from.raw("\(unsafeRaw: sourceKind.beginSnapshot)").run()
            do {
                let sequence = try await target.transaction { to in
                    for table in Self.tables { try await Self.copy(table, from: from, to: to) }
                    let sequence = try await Self.catalogSequence(from)
                    try await to.raw("UPDATE catalog_sequence SET value = \(bind: sequence) WHERE id = 1").run()
                    return sequence
                }
                try await from.raw("COMMIT").run()
                return sequence
            } catch {
                try? await from.raw("ROLLBACK").run()
                throw error
            }
        }
        var report = Report(catalogSequence: sequence)
        for table in Self.tables {
            let (rows, before) = try await source.withDatabase { db in try await Self.checksum(table, db) }
            let (copied, after) = try await target.withDatabase { db in try await Self.checksum(table, db) }
            guard rows == copied, before == after else {
                throw Failure.verification(table: table.name, source: "\(rows) rows, \(before.prefix(16))", target: "\(copied) rows, \(after.prefix(16))")
            }
            report.lines.append(.init(table: table.name, rows: rows, checksum: before))
        }
        let targetKind = target.kind
        try await target.withDatabase { db in try await db.raw("\(unsafeRaw: targetKind.afterBulkLoad)").run() }
        let copiedSequence = try await target.withDatabase { db in try await Self.catalogSequence(db) }
        guard copiedSequence == sequence else {
            throw Failure.verification(table: "catalog_sequence", source: "\(sequence)", target: "\(copiedSequence)")
        }
        return report
    }

    static func count(_ table: String, _ db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func catalogSequence(_ db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT value FROM catalog_sequence WHERE id = 1").first()?.decode(column: "value", as: Int.self) ?? 0
    }

    /// One value, as read from either engine.
    enum Value: Sendable, Encodable {
        case text(String?)
        case integer(Int?)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let value): try container.encode(value)
            case .integer(let value): try container.encode(value)
            }
        }

        /// How the checksum spells it: the same on both engines.
        var canonical: String {
            switch self {
            case .text(let value): value.map { "s\($0.utf8.count):\($0)" } ?? "null"
            case .integer(let value): value.map { "i\($0)" } ?? "null"
            }
        }
    }

    /// The table's column names, in the order the schema gives them.
    static func columns(of table: Table, _ db: any SQLDatabase) async throws -> [String] {
        try await db.raw(DatabaseKind(db).columns(of: table.name)).all().map { try $0.decode(column: "name", as: String.self) }
    }

    /// Reads the table a page at a time, in key order.
    static func forEachPage(of table: Table, columns: [String], _ db: any SQLDatabase, _ body: ([[Value]]) async throws -> Void) async throws {
        var offset = 0
        while true {
            var query = SQLQueryString("SELECT ")
            query.appendInterpolation(unsafeRaw: columns.joined(separator: ", "))
            query.appendInterpolation(unsafeRaw: " FROM \(table.name) ORDER BY \(table.key.joined(separator: ", ")) LIMIT \(pageSize) OFFSET \(offset)")
            let rows = try await db.raw(query).all()
            guard !rows.isEmpty else { return }
            try await body(try rows.map { row in
                try columns.map { column in
                    table.integers.contains(column)
                        ? .integer(try row.decode(column: column, as: Int?.self))
                        : .text(try row.decode(column: column, as: String?.self))
                }
            })
            offset += rows.count
        }
    }

    static func copy(_ table: Table, from: any SQLDatabase, to: any SQLDatabase) async throws {
        let columns = try await Self.columns(of: table, from)
        try await forEachPage(of: table, columns: columns, from) { rows in
            let insert = to.insert(into: table.name).columns(columns)
            for row in rows { insert.values(row.map { $0 as any Encodable & Sendable }) }
            try await insert.run()
        }
    }

    /// The number of rows and the exclusive-or of every row's SHA-256: independent of the order rows
    /// are read in (the engines sort text differently), and rows are unique by their key.
    static func checksum(_ table: Table, _ db: any SQLDatabase) async throws -> (rows: Int, sha256: String) {
        let columns = try await Self.columns(of: table, db).sorted()
        var combined = [UInt8](repeating: 0, count: SHA256.byteCount)
        var rows = 0
        try await forEachPage(of: table, columns: columns, db) { page in
            for row in page {
                let digest = SHA256.hash(data: Data(zip(columns, row).map { "\($0)=\($1.canonical)" }.joined(separator: "|").utf8))
                for (offset, byte) in digest.enumerated() { combined[offset] ^= byte }
            }
            rows += page.count
        }
        return (rows, combined.map { String(format: "%02x", $0) }.joined())
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
