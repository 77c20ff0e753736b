import Foundation
import MosaicCore
import SQLKit

/// The schema's numbered migrations. Once one has landed it is history: change the schema with a new one.
enum Migrations {
    struct Migration {
        let version: Int
        let name: String
        let statements: [String]
        /// Rows that SQL alone cannot make (they need Swift's folding), written in the same transaction.
        var fill: (@Sendable (any SQLDatabase) async throws -> Void)? = nil
    }

    static let all: [Migration] = [
        Migration(version: 1, name: "practices, slug history and revisions", statements: [
            """
            CREATE TABLE practices (
                id TEXT PRIMARY KEY,
                slug TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                subtitle TEXT,
                country TEXT NOT NULL,
                period TEXT,
                period_start BIGINT,
                period_end BIGINT,
                ongoing BIGINT NOT NULL DEFAULT 0,
                language TEXT NOT NULL,
                purpose TEXT,
                rationale TEXT,
                process TEXT,
                impact TEXT,
                references_text TEXT,
                evaluation TEXT,
                resources TEXT,
                partners TEXT,
                lessons TEXT,
                transferability TEXT,
                evidence TEXT,
                contact_name TEXT,
                contact_organisation TEXT,
                contact_email TEXT,
                status TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                published_at TEXT,
                source TEXT,
                revision BIGINT NOT NULL
            )
            """,
            "CREATE INDEX practices_order ON practices (created_at, id)",
            "CREATE INDEX practices_status ON practices (status)",
            """
            CREATE TABLE practice_cities (
                practice_id TEXT NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                name TEXT NOT NULL,
                PRIMARY KEY (practice_id, position)
            )
            """,
            "CREATE INDEX practice_cities_name ON practice_cities (name)",
            """
            CREATE TABLE practice_topics (
                practice_id TEXT NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                topic TEXT NOT NULL,
                PRIMARY KEY (practice_id, position)
            )
            """,
            """
            CREATE TABLE practice_links (
                practice_id TEXT NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                title TEXT NOT NULL,
                url TEXT NOT NULL,
                PRIMARY KEY (practice_id, position)
            )
            """,
            """
            CREATE TABLE practice_translations (
                practice_id TEXT NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
                language TEXT NOT NULL,
                field TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (practice_id, language, field)
            )
            """,
            """
            CREATE TABLE slug_history (
                slug TEXT PRIMARY KEY,
                practice_id TEXT NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
                retired_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX slug_history_practice ON slug_history (practice_id)",
            """
            CREATE TABLE revisions (
                practice_id TEXT NOT NULL,
                number BIGINT NOT NULL,
                author TEXT NOT NULL,
                created_at TEXT NOT NULL,
                note TEXT,
                content TEXT NOT NULL,
                PRIMARY KEY (practice_id, number)
            )
            """,
        ]),
        // Reading the published practices a page at a time used the status index and sorted every
        // page (24 s for 100,000); one index on (status, created_at, id) serves each page as a range.
        Migration(version: 2, name: "paging by status in creation order", statements: [
            "DROP INDEX practices_status",
            "CREATE INDEX practices_status_order ON practices (status, created_at, id)",
        ]),
        Migration(version: 3, name: "accounts, sessions, drafts, outbox and audit log", statements: [
            """
            CREATE TABLE accounts (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE account_cities (
                account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                name TEXT NOT NULL,
                PRIMARY KEY (account_id, position)
            )
            """,
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
                csrf TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX sessions_account ON sessions (account_id)",
            """
            CREATE TABLE sign_in_failures (
                key TEXT PRIMARY KEY,
                failures BIGINT NOT NULL,
                last_failure_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE password_resets (
                token_hash TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                used_at TEXT
            )
            """,
            """
            CREATE TABLE outbox (
                id TEXT PRIMARY KEY,
                created_at TEXT NOT NULL,
                recipient TEXT NOT NULL,
                subject TEXT NOT NULL,
                body TEXT NOT NULL
            )
            """,
            "CREATE INDEX outbox_created ON outbox (created_at)",
            """
            CREATE TABLE audit_log (
                id TEXT PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                note TEXT
            )
            """,
            "CREATE INDEX audit_log_at ON audit_log (at)",
            """
            CREATE TABLE drafts (
                practice_id TEXT PRIMARY KEY,
                content TEXT NOT NULL,
                state TEXT NOT NULL,
                author_id TEXT NOT NULL REFERENCES accounts (id),
                editor_note TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                submitted_at TEXT
            )
            """,
            "CREATE INDEX drafts_state ON drafts (state, submitted_at)",
            "CREATE INDEX drafts_author ON drafts (author_id)",
        ]),
        // Messages and pages in the language each account reads (nil: the site's default).
        Migration(version: 4, name: "accounts' preferred language", statements: [
            "ALTER TABLE accounts ADD COLUMN language TEXT",
        ]),
        // Instances on one database follow the public catalogue by this number: every write to the
        // practices advances it (its one row also makes those writes take turns, so that numbers
        // become visible in order), and `catalog_changes` keeps, per practice, the number of its latest
        // change, so that an instance that knows number N reads what changed after N.
        Migration(version: 5, name: "catalogue sequence", statements: [
            "CREATE TABLE catalog_sequence (id BIGINT PRIMARY KEY, value BIGINT NOT NULL)",
            "INSERT INTO catalog_sequence (id, value) VALUES (1, 0)",
            """
            CREATE TABLE catalog_changes (
                practice_id TEXT PRIMARY KEY,
                sequence BIGINT NOT NULL
            )
            """,
            "CREATE INDEX catalog_changes_sequence ON catalog_changes (sequence)",
        ]),
        // One city, one name: the names practices use per country (with their key, to find other
        // spellings) and the retired spellings editors merged into a name. Filled from the practices.
        Migration(version: 6, name: "city register", statements: [
            """
            CREATE TABLE cities (
                country TEXT NOT NULL,
                name TEXT NOT NULL,
                key TEXT NOT NULL,
                PRIMARY KEY (country, name)
            )
            """,
            "CREATE INDEX cities_key ON cities (country, key)",
            """
            CREATE TABLE city_aliases (
                country TEXT NOT NULL,
                key TEXT NOT NULL,
                spelling TEXT NOT NULL,
                name TEXT NOT NULL,
                PRIMARY KEY (country, key)
            )
            """,
        ], fill: { db in
            let rows = try await db.raw("""
                SELECT DISTINCT p.country, c.name FROM practice_cities c JOIN practices p ON p.id = c.practice_id
                """).all()
            let names = try rows.map { CityRegister.Name(country: try $0.decode(column: "country", as: String.self),
                                                         name: try $0.decode(column: "name", as: String.self)) }
            try await SQLPracticeWriter(db: db).register(names)
        }),
    ]

    static var latestVersion: Int { all.map(\.version).max() ?? 0 }

    /// Any number that two applications agree on: the advisory lock that makes instances starting
    /// together on one PostgreSQL database migrate one after the other.
    static let lockKey = 7_310_542_019

    /// Applies every migration the database has not had yet, each in its own transaction, on one
    /// connection; on PostgreSQL while holding a lock, so that a second instance waits and then finds
    /// nothing to do.
    static func migrate(_ access: any DatabaseAccess) async throws {
        let kind = access.kind
        try await access.withDatabase { db in
            if kind == .postgres { try await db.raw("SELECT pg_advisory_lock(\(literal: lockKey))").run() }
            do {
                try await migrate(db, kind)
            } catch {
                if kind == .postgres { try? await db.raw("SELECT pg_advisory_unlock(\(literal: lockKey))").run() }
                throw error
            }
            if kind == .postgres { try await db.raw("SELECT pg_advisory_unlock(\(literal: lockKey))").run() }
        }
    }

    private static func migrate(_ db: any SQLDatabase, _ kind: DatabaseKind) async throws {
        try await db.raw("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
            """).run()
        let applied = try await db.raw("SELECT version FROM schema_migrations").all().map { try $0.decode(column: "version", as: Int.self) }
        if let newest = applied.max(), newest > latestVersion {
            throw StoreError.schemaTooNew(found: newest, known: latestVersion)
        }
        for migration in all where !applied.contains(migration.version) {
            try await kind.transaction(on: db) { db in
                for statement in migration.statements {
                    try await db.raw("\(unsafeRaw: statement)").run()
                }
                try await migration.fill?(db)
                try await db.raw("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Timestamp.format(Timestamp.now())))
                    """).run()
            }
        }
    }
}
