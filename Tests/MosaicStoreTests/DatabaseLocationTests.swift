import Foundation
import Testing
@testable import MosaicStore
@testable import MosaicTestSupport

/// `--database`: a file or a PostgreSQL address, read strictly, and never shown with its password.
@Suite("Database addresses")
struct DatabaseLocationTests {
    @Test("A postgres:// address is read whole; a path is a SQLite file")
    func reading() throws {
        let location = try DatabaseLocation.parse("postgres://mosaic:s%40cret@db.example.org:6543/catalogue?sslmode=require")
        #expect(location == .postgres(PostgresAddress(host: "db.example.org", port: 6543, username: "mosaic", password: "s@cret",
                                                      database: "catalogue", tls: "require")))
        #expect(location.kind == .postgres)
        #expect(try DatabaseLocation.parse("postgresql://mosaic@localhost/mosaic") ==
            .postgres(PostgresAddress(host: "localhost", username: "mosaic", password: nil, database: "mosaic")))
        #expect(try DatabaseLocation.parse("/srv/mosaic.sqlite") == .sqlite(path: "/srv/mosaic.sqlite"))
        #expect(try DatabaseLocation.parse("mosaic.sqlite").kind == .sqlite)
    }

    @Test("Logs and messages never show the password")
    func redaction() throws {
        let location = try DatabaseLocation.parse("postgres://mosaic:hunter2-secret@db:5432/mosaic")
        #expect(location.description == "postgres://mosaic:***@db:5432/mosaic")
        #expect(!"\(location)".contains("hunter2"))
        #expect(!String(reflecting: location).contains("hunter2"))
        guard case .postgres(let address) = location else { return }
        #expect(!String(reflecting: address).contains("hunter2"))
    }

    @Test("A wrong address says what to fix, without its password", arguments: [
        ("postgres://mosaic:hunter2@/mosaic", "has no host"),
        ("postgres://:hunter2@db/mosaic", "has no user name"),
        ("postgres://mosaic:hunter2@db:5432/", "names no database"),
        ("postgres://mosaic:hunter2@db/mosaic?sslmode=verify-ca", "sslmode=verify-ca"),
        ("postgres://mosaic:hunter2@db/mosaic?pool=9", "the parameter pool"),
    ])
    func refusals(_ text: String, _ reason: String) {
        do {
            _ = try DatabaseLocation.parse(text)
            Issue.record("\(text) was accepted")
        } catch {
            let message = "\(error)"
            #expect(message.contains(reason), "\(message)")
            #expect(message.contains("postgres://user:password@host:5432/name"))
            #expect(!message.contains("hunter2"), "\(message)")
        }
    }

    @Test("A server that does not answer fails at once with its address, not its password")
    func unreachable() async {
        let started = ContinuousClock.now
        do {
            _ = try await PostgresAccess.open(try PostgresAddress("postgres://mosaic:hunter2@127.0.0.1:1/mosaic?sslmode=disable"))
            Issue.record("connected to a closed port")
        } catch {
            #expect("\(error)".contains("cannot connect to postgres://mosaic:***@127.0.0.1:1/mosaic"), "\(error)")
            #expect(!"\(error)".contains("hunter2"))
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    /// Whether the connection to the test server is encrypted.
    func encrypted(_ tls: String) async throws -> Bool? {
        var address = try PostgresAddress(try #require(TestEngine.postgresURL))
        address.tls = tls
        let access = try await PostgresAccess.open(address)
        let ssl = try await access.withDatabase { db in
            try await db.raw("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first()?.decode(column: "ssl", as: Bool.self)
        }
        try await access.close()
        return ssl
    }

    @Test("TLS as sslmode says: used when offered, even with a self-signed certificate; verify-full refuses one",
          .enabled(if: TestEngine.postgresURL != nil, "needs the PostgreSQL server of MOSAIC_TEST_POSTGRES_URL"))
    func tls() async throws {
        // The test server (ci/postgres.sh) offers TLS with a self-signed certificate, as Debian's does.
        let url = try #require(TestEngine.postgresURL)
        #expect(try await encrypted("prefer") == true)
        #expect(try await encrypted("require") == true)
        #expect(try await encrypted("disable") == false)
        var address = try PostgresAddress(url)
        address.tls = "verify-full"
        await #expect(throws: DatabaseAddressError.self) { try await PostgresAccess.open(address) }
    }
}
