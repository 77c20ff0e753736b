import ArgumentParser
import Foundation

@main
struct Mosaic: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mosaic",
        abstract: "Mosaic: a good-practice exchange for intercultural cities.",
        discussion: """
            Every subcommand works on one database, given by --database or the MOSAIC_DATABASE environment variable (default: mosaic.sqlite in the working directory).

            Example:
              mosaic import Sources/MosaicStore/Resources/sample/practices.jsonl
              mosaic export --format csv --output catalogue.csv
            """,
        subcommands: [ServeCommand.self, ImportCommand.self, ExportCommand.self, SearchCommand.self, GenerateCommand.self,
                      UsersCommand.self, OutboxCommand.self])
}

/// The database option every subcommand shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file (environment: MOSAIC_DATABASE).", valueName: "path"))
    var database: String?

    /// The flag, else the environment variable, else `mosaic.sqlite`.
    var path: String {
        database ?? ProcessInfo.processInfo.environment["MOSAIC_DATABASE"] ?? "mosaic.sqlite"
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Standard output, or a file created (or emptied) for writing.
func openOutput(_ path: String?) throws -> FileHandle {
    guard let path else { return FileHandle.standardOutput }
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
        printError("\(path): cannot be written; check that the folder exists and is writable")
        throw ExitCode.failure
    }
    return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
}
