import ArgumentParser
import Foundation
import MosaicStore

struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole site from one database to another, empty one (SQLite or PostgreSQL, either way).",
        discussion: """
            Copies practices, slug history, revisions, drafts, accounts, sessions, the audit log, the outbox and the catalogue's sequence, in one transaction, then counts and checksums every table on both sides. A target that is not empty is refused, with nothing written. The source is read as of one moment; stop writing to it (or accept that later writes stay behind).

            Examples:
              mosaic copy --from mosaic.sqlite --to postgres://mosaic:secret@localhost:5432/mosaic
              mosaic copy --from postgres://mosaic:secret@localhost:5432/mosaic --to backup.sqlite
            """)

    @Option(help: ArgumentHelp("The database to copy: a SQLite file or a postgres:// address.", valueName: "file-or-url"))
    var from: String

    @Option(help: ArgumentHelp("The empty database to copy into (a SQLite file is created).", valueName: "file-or-url"))
    var to: String

    func run() async throws {
        let source = DatabaseOptions(database: from)
        let target = DatabaseOptions(database: to)
        guard try source.location != target.location else { throw ValidationError("--from and --to name the same database.") }
        let from = try await source.openStore()
        let to = try await target.openStore()
        do {
            let report = try await DatabaseCopy(from: from, to: to).run()
            print(report)
            print("copied \(try source.location) to \(try target.location); every table's rows and checksum agree")
        } catch let failure as DatabaseCopy.Failure {
            printError(failure.description)
            try? await from.close()
            try? await to.close()
            throw ExitCode.failure
        }
        try await from.close()
        try await to.close()
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of a SQLite database while Mosaic keeps serving it.",
        discussion: """
            The copy is the database as of one moment (SQLite's VACUUM INTO), compact, and opens as a database of its own. For PostgreSQL use pg_dump, as docs/deployment.md shows, or `mosaic copy` into a SQLite file.

            Example:
              mosaic backup --database /srv/mosaic.sqlite --output /backups/mosaic-$(date +%F).sqlite
            """)

    @OptionGroup var options: DatabaseOptions

    @Option(help: ArgumentHelp("The file to write; it must not exist yet.", valueName: "file"))
    var output: String

    func run() async throws {
        guard case .sqlite = try options.location else {
            printError("mosaic backup copies SQLite databases; for PostgreSQL use pg_dump (see docs/deployment.md) or mosaic copy --to FILE.sqlite")
            throw ExitCode.failure
        }
        guard !FileManager.default.fileExists(atPath: output) else {
            printError("\(output) exists already; name a new file")
            throw ExitCode.failure
        }
        let store = try await options.openStore()
        guard let access = store.access as? SQLiteAccess else { throw ExitCode.failure }
        try await access.backup(to: output)
        try await store.close()
        let copy = try await SQLPracticeStore.openSQLite(path: output)
        let practices = try await copy.count(statuses: nil)
        try await copy.close()
        print("wrote \(output): \(practices) practice\(practices == 1 ? "" : "s"), checked by opening it")
    }
}
