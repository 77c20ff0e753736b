import ArgumentParser
import Foundation
import MosaicCore

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic catalogue in JSON Lines, for benchmarks.",
        discussion: """
            The practices are invented by a deterministic generator: the same --count and --seed always give the same file. They are marked as synthetic in their source field and are never sample content.

            Example:
              mosaic generate --count 10000 --seed 7 > synthetic.jsonl
            """)

    @OptionGroup var options: DatabaseOptions

    @Option(name: .long, help: "How many practices to write.")
    var count: Int

    @Option(name: .long, help: "The seed of the generator.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        guard count >= 0 else { throw ValidationError("--count must be 0 or more.") }
    }

    func run() async throws {
        let catalog = SyntheticCatalog(seed: seed)
        let writer = ExchangeWriter(format: .jsonl, includePrivate: true)
        let handle = try openOutput(output)
        var buffer = ""
        for n in 0..<count {
            buffer += writer.record(catalog.practice(n))
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        handle.write(Data(buffer.utf8))
        if output != nil { try handle.close() }
    }
}
