import Foundation
import Logging
import NIOSSL
import PostgresKit
import SQLKit
import SQLiteKit

/// Which SQL engine a store talks to. Everything the two engines do differently is here; the stores'
/// SQL is written once and runs on both.
public enum DatabaseKind: String, Sendable {
    case sqlite
    case postgres

    /// The engine behind a connection, from its SQL dialect.
    init(_ db: any SQLDatabase) {
        self = db.dialect.name == "sqlite" ? .sqlite : .postgres
    }

    /// Starts a transaction. SQLite's takes the write lock at once, so that two writers never both read
    /// and then fail to upgrade; PostgreSQL's rows lock as they are written.
    var begin: String { self == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN" }

    /// After a bulk load: statistics for the planner, and on PostgreSQL the visibility information that
    /// the first readers of fresh rows would otherwise write (the first start-up after a copy ran at
    /// 13 s instead of 8 s for 100,000 practices while that happened).
    var afterBulkLoad: String { self == .sqlite ? "ANALYZE" : "VACUUM (ANALYZE)" }

    /// Starts a read-only transaction that sees the database as of one moment.
    var beginSnapshot: String { self == .sqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" }

    /// The names of a table's columns (as `name`), in the schema's order.
    func columns(of table: String) -> SQLQueryString {
        self == .sqlite
            ? "SELECT name FROM pragma_table_info(\(bind: table)) ORDER BY cid"
            : "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(bind: table) ORDER BY ordinal_position"
    }

    /// A statement that makes the rest of a transaction wait for other writers of `table`; nothing on
    /// SQLite, whose transactions already take the one write lock.
    func serializing(_ table: String) -> String? {
        self == .sqlite ? nil : "LOCK TABLE \(table) IN SHARE ROW EXCLUSIVE MODE"
    }
}

/// Where a database is: a SQLite file, or a PostgreSQL server given by a `postgres://` address.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// Reads `--database`: `postgres://user:password@host:port/name` (or `postgresql://`), else a file path.
    public static func parse(_ text: String) throws -> DatabaseLocation {
        let lowered = text.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            return .postgres(try PostgresAddress(text))
        }
        if lowered.hasPrefix("sqlite://") { return .sqlite(path: String(text.dropFirst("sqlite://".count))) }
        guard !text.isEmpty else { throw DatabaseAddressError(message: "the database is empty: give a SQLite file or a postgres:// address") }
        return .sqlite(path: text)
    }

    /// The address as logs may show it: never with its password.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let address): address.description
        }
    }

    public var debugDescription: String { description }

    public var kind: DatabaseKind {
        if case .postgres = self { return .postgres }
        return .sqlite
    }

    /// Opens the database (a SQLite file is created when missing).
    public func open(logger: Logger = Logger(label: "mosaic.database")) async throws -> any DatabaseAccess {
        switch self {
        case .sqlite(let path): try await SQLiteAccess.open(path: path, logger: logger)
        case .postgres(let address): try await PostgresAccess.open(address, logger: logger)
        }
    }
}

public struct DatabaseAddressError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// A PostgreSQL server and database, read from a `postgres://` address.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    /// As libpq's `sslmode`: `disable`; `prefer` (the default: TLS when the server offers it) and
    /// `require` (TLS or nothing), both without checking the server's certificate, as libpq does;
    /// `verify-full` (TLS, the certificate checked against the system's authorities and the host name).
    public var tls: String

    public init(host: String, port: Int = 5432, username: String, password: String?, database: String, tls: String = "prefer") {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    public init(_ text: String) throws {
        func fail(_ why: String) -> DatabaseAddressError {
            DatabaseAddressError(message: "the PostgreSQL address \(Self.redacting(text)) \(why); write postgres://user:password@host:5432/name")
        }
        guard let components = URLComponents(string: text) else { throw fail("cannot be read") }
        guard let host = components.host, !host.isEmpty else { throw fail("has no host") }
        guard let user = components.percentEncodedUser?.removingPercentEncoding, !user.isEmpty else { throw fail("has no user name") }
        let name = String(components.path.drop(while: { $0 == "/" }))
        guard !name.isEmpty, !name.contains("/") else { throw fail("names no database") }
        var tls = "prefer"
        for item in components.queryItems ?? [] {
            switch (item.name, item.value ?? "") {
            case ("sslmode", "disable"), ("sslmode", "prefer"), ("sslmode", "require"), ("sslmode", "verify-full"): tls = item.value ?? tls
            case ("sslmode", let other): throw fail("asks for sslmode=\(other) (Mosaic knows disable, prefer, require and verify-full)")
            default: throw fail("has the parameter \(item.name), which Mosaic does not know (only sslmode)")
            }
        }
        self.init(host: host, port: components.port ?? 5432, username: user,
                  password: components.percentEncodedPassword?.removingPercentEncoding,
                  database: name.removingPercentEncoding ?? name, tls: tls)
    }

    /// The same server, another database (tests make one per test).
    public func database(_ name: String) -> PostgresAddress {
        var copy = self
        copy.database = name
        return copy
    }

    /// `postgres://user:***@host:port/name`: what logs and messages show.
    public var description: String {
        "postgres://\(username)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)" + (tls == "prefer" ? "" : "?sslmode=\(tls)")
    }

    public var debugDescription: String { description }

    /// Hides the password of an address that could not be read.
    static func redacting(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at,
              let colon = text[scheme.upperBound..<at].firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }

    /// TLS as `sslmode` asks: the certificate is checked only for `verify-full` (a server set up by
    /// Debian's package offers TLS with a self-signed certificate, which `prefer` must accept).
    private var tlsConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if tls != "verify-full" { configuration.certificateVerification = .none }
        return configuration
    }

    func clientConfiguration() throws -> PostgresClient.Configuration {
        let tlsMode: PostgresClient.Configuration.TLS = switch tls {
        case "disable": .disable
        case "require", "verify-full": .require(tlsConfiguration)
        default: .prefer(tlsConfiguration)
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: username, password: password,
                                                         database: database, tls: tlsMode)
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = 16
        return configuration
    }

    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tlsMode: PostgresConnection.Configuration.TLS = switch tls {
        case "disable": .disable
        case "require", "verify-full": .require(try NIOSSLContext(configuration: tlsConfiguration))
        default: .prefer(try NIOSSLContext(configuration: tlsConfiguration))
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: username, password: password,
                                                             database: database, tls: tlsMode)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }
}

/// Exclusive access to one database connection.
public protocol DatabaseAccess: Sendable {
    var kind: DatabaseKind { get }
    /// Runs `body` with a connection to itself; other callers of the same connection wait their turn.
    func withDatabase<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    /// Yields whenever the public catalogue may have changed by another process's hand, and once after
    /// each (re)connection, so that the follower catches up; finishes when `close` is called. SQLite
    /// has no such signal: its followers poll.
    func catalogSignals(logger: Logger) -> AsyncStream<Void>?
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

    public func catalogSignals(logger: Logger) -> AsyncStream<Void>? { nil }

    /// The value of a PRAGMA, for checks and diagnostics.
    public func pragma(_ name: String) async throws -> String? {
        try await withDatabase { db in
            let rows = try await db.raw("PRAGMA \(unsafeRaw: name)").all()
            guard let row = rows.first, let column = row.allColumns.first else { return nil }
            if let text = try? row.decode(column: column, as: String.self) { return text }
            return (try? row.decode(column: column, as: Int.self)).map(String.init)
        }
    }

    /// Writes a consistent copy of the database to `path` while it stays in use (`VACUUM INTO`: one
    /// read transaction, so the copy is the database as of one moment).
    public func backup(to path: String) async throws {
        try await withDatabase { db in try await db.raw("VACUUM INTO \(bind: path)").run() }
    }

    public func close() async throws {
        try await lock.withLock { try await connection.close() }
    }
}

/// PostgreSQL through a pool of connections (postgres-nio's `PostgresClient`): each caller leases its
/// own connection, so reads run side by side and a transaction keeps its connection to itself.
public final class PostgresAccess: DatabaseAccess {
    public let kind = DatabaseKind.postgres
    public let address: PostgresAddress
    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let logger: Logger

    /// The channel on which catalogue writes are announced (`NOTIFY`, sent at commit).
    static let catalogChannel = "mosaic_catalogue"

    private init(address: PostgresAddress, client: PostgresClient, logger: Logger) {
        self.address = address
        self.client = client
        self.logger = logger
        running = Task { await client.run() }
    }

    /// Connects once first, so that a wrong address or password fails at once with the server's reason
    /// (a pool would keep retrying in the background).
    public static func open(_ address: PostgresAddress, logger: Logger = Logger(label: "mosaic.postgres")) async throws -> PostgresAccess {
        do {
            let connection = try await PostgresConnection.connect(configuration: address.connectionConfiguration(), id: 0, logger: logger)
            try await connection.close()
        } catch let error as PSQLError {
            let reason = error.serverInfo?[.message] ?? error.underlying.map { "\($0)" } ?? "\(error.code)"
            throw DatabaseAddressError(message: "cannot connect to \(address): \(reason)")
        } catch {
            throw DatabaseAddressError(message: "cannot connect to \(address): \(error)")
        }
        // The pool's own messages are about its connections coming and going; only its errors are news.
        var poolLogger = logger
        poolLogger.logLevel = max(logger.logLevel, .error)
        return PostgresAccess(address: address, client: PostgresClient(configuration: try address.clientConfiguration(), backgroundLogger: poolLogger),
                              logger: logger)
    }

    public func withDatabase<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: .trace))
        }
    }

    /// Listens on its own connection (not the pool's: a pool may close an idle one). When that
    /// connection breaks, it reconnects after a pause and yields again, for the catch-up.
    public func catalogSignals(logger: Logger) -> AsyncStream<Void>? {
        let address = address
        return AsyncStream { continuation in
            let task = Task {
                var pause = Duration.milliseconds(100)
                while !Task.isCancelled {
                    do {
                        let connection = try await PostgresConnection.connect(configuration: address.connectionConfiguration(), id: 1, logger: logger)
                        do {
                            let notifications = try await connection.listen(Self.catalogChannel)
                            // Listening now: whatever was written while nobody listened is read by the catch-up.
                            continuation.yield()
                            pause = .milliseconds(100)
                            for try await _ in notifications { continuation.yield() }
                        } catch {
                            try? await connection.close()
                            throw error
                        }
                        try? await connection.close()
                    } catch {
                        if Task.isCancelled { break }
                        logger.warning("catalogue listener lost its connection; reconnecting", metadata: ["error": "\(error)", "database": "\(address)"])
                    }
                    try? await Task.sleep(for: pause)
                    pause = min(pause * 2, .seconds(5))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public func close() async throws {
        running.cancel()
        await running.value
    }
}

extension DatabaseKind {
    /// Runs `body` in a transaction on `db`: committed if it returns, rolled back if it throws.
    func transaction<R: Sendable>(on db: any SQLDatabase, _ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
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

extension DatabaseAccess {
    /// Runs `body` in a transaction on one connection: committed if it returns, rolled back if it throws.
    public func transaction<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let kind = kind
        return try await withDatabase { db in try await kind.transaction(on: db, body) }
    }

    /// Whether the database answers a query now.
    public func isReachable() async -> Bool {
        (try? await withDatabase { db in try await db.raw("SELECT 1 AS one").first() != nil }) ?? false
    }
}
