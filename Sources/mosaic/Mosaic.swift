import ArgumentParser
import Foundation
import Logging
import MosaicStore

@main
struct Mosaic: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mosaic",
        abstract: "Mosaic: a good-practice exchange for intercultural cities.",
        discussion: """
            Every subcommand works on one database, given by --database or the MOSAIC_DATABASE environment variable: a SQLite file (default: mosaic.sqlite in the working directory) or a PostgreSQL server, postgres://user:password@host:5432/name.

            Example:
              mosaic import Sources/MosaicStore/Resources/sample/practices.jsonl
              mosaic export --format csv --output catalogue.csv
            """,
        subcommands: [ServeCommand.self, ImportCommand.self, ExportCommand.self, SearchCommand.self, GenerateCommand.self,
                      UsersCommand.self, OutboxCommand.self, CopyCommand.self, BackupCommand.self])
}

/// The database option every subcommand shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A SQLite database file, or a PostgreSQL server as postgres://user:password@host:5432/name (environment: MOSAIC_DATABASE).",
        valueName: "file-or-url"))
    var database: String?

    init() {}

    /// Options naming `database` (for commands that work on two).
    init(database: String) {
        self.database = database
    }

    /// The flag, else the environment variable, else `mosaic.sqlite`.
    var text: String {
        database ?? ProcessInfo.processInfo.environment["MOSAIC_DATABASE"] ?? "mosaic.sqlite"
    }

    var location: DatabaseLocation {
        get throws {
            do { return try DatabaseLocation.parse(text) } catch { throw ValidationError("\(error)") }
        }
    }

    /// Opens the store, applying any migration it lacks; a database that cannot be opened is said
    /// plainly (without its password), and the command stops.
    func openStore(_ location: DatabaseLocation? = nil) async throws -> SQLPracticeStore {
        let location = try location ?? self.location
        var logger = Logger(label: "mosaic.database")
        logger.logLevel = .warning
        do {
            return try await SQLPracticeStore.open(location, logger: logger)
        } catch let error as DatabaseAddressError {
            printError(error.message)
            throw ExitCode.failure
        } catch let error as StoreError {
            printError("\(location): \(error)")
            throw ExitCode.failure
        }
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Standard output, or a file created (or emptied) for writing.
func openOutput(_ path: String?) throws -> FileHandle {
    guard let path else { return FileHandle.standardOutput }
    // An existing file is opened and emptied, not replaced: `createFile` writes a new file in its place,
    // which would turn /dev/null or a named pipe into a plain file (and lose a file's permissions).
    if FileManager.default.fileExists(atPath: path), let handle = FileHandle(forWritingAtPath: path) {
        try? handle.truncate(atOffset: 0)
        return handle
    }
    guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
        printError("\(path): cannot be written; check that the folder exists and is writable")
        throw ExitCode.failure
    }
    return handle
}
