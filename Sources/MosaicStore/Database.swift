import Foundation
import Logging
import SQLKit
import SQLiteKit

/// Which SQL engine a store talks to; only DDL and transaction syntax differ.
public enum DatabaseKind: Sendable {
    case sqlite
}

/// Exclusive access to one database connection.
public protocol DatabaseAccess: Sendable {
    var kind: DatabaseKind { get }
    /// Runs `body` with the connection to itself; other callers wait their turn.
    func withDatabase<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    func close() async throws
}

/// The embedded database: one SQLite file, opened in WAL mode with a busy timeout and foreign keys on.
public final class SQLiteAccess: DatabaseAccess {
    public let kind = DatabaseKind.sqlite
    public let path: String
    private let connection: SQLiteConnection
    private let database: any SQLDatabase
    private let lock = AsyncLock()

    /// How long a writer waits for another process's write to finish before giving up.
    public static let busyTimeoutMilliseconds = 5_000

    private init(path: String, connection: SQLiteConnection, logger: Logger) {
        self.path = path
        self.connection = connection
        self.database = connection.sql(queryLogLevel: .trace)
    }

    public static func open(path: String, logger: Logger = Logger(label: "mosaic.sqlite")) async throws -> SQLiteAccess {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        let access = SQLiteAccess(path: path, connection: connection, logger: logger)
        let db = access.database
        // The driver sets none of these by itself.
        try await db.raw("PRAGMA busy_timeout = \(literal: busyTimeoutMilliseconds)").run()
        try await db.raw("PRAGMA journal_mode = WAL").run()
        try await db.raw("PRAGMA synchronous = NORMAL").run()
        try await db.raw("PRAGMA foreign_keys = ON").run()
        // A larger page cache keeps index pages of big imports in memory (negative: in KiB).
        try await db.raw("PRAGMA cache_size = -32768").run()
        return access
    }

    public func withDatabase<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await lock.withLock { try await body(database) }
    }

    /// The value of a PRAGMA, for checks and diagnostics.
    public func pragma(_ name: String) async throws -> String? {
        try await withDatabase { db in
            let rows = try await db.raw("PRAGMA \(unsafeRaw: name)").all()
            guard let row = rows.first, let column = row.allColumns.first else { return nil }
            if let text = try? row.decode(column: column, as: String.self) { return text }
            return (try? row.decode(column: column, as: Int.self)).map(String.init)
        }
    }

    public func close() async throws {
        try await lock.withLock { try await connection.close() }
    }
}

extension DatabaseAccess {
    /// Runs `body` in a transaction on the exclusive connection: committed if it returns, rolled back if it throws.
    public func transaction<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let begin = kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        return try await withDatabase { db in
            try await db.raw("\(unsafeRaw: begin)").run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}
