import MosaicCore

/// Writes the whole catalogue in the exchange format, a page of practices at a time.
public struct CatalogExporter: Sendable {
    public let store: any PracticeStore
    public var writer: ExchangeWriter
    /// Only practices in these statuses; nil for all.
    public var statuses: Set<Practice.Status>? = nil

    public init(store: any PracticeStore, writer: ExchangeWriter, statuses: Set<Practice.Status>? = nil) {
        self.store = store
        self.writer = writer
        self.statuses = statuses
    }

    /// Sends the text to `output` in blocks of about a megabyte; returns the number of practices written.
    @discardableResult
    public func export(to output: (String) throws -> Void) async throws -> Int {
        var blocks = Blocks(writer: writer)
        try await store.forEachPage(statuses: statuses) { page in
            for practice in page { try blocks.add(practice, output) }
        }
        return try blocks.finish(output)
    }

    /// Given practices (a search's matches, say) written the same way, in blocks of about a megabyte.
    @discardableResult
    public static func export(_ practices: some Sequence<Practice>, writer: ExchangeWriter, to output: (String) throws -> Void) throws -> Int {
        var blocks = Blocks(writer: writer)
        for practice in practices { try blocks.add(practice, output) }
        return try blocks.finish(output)
    }

    /// The header, then records gathered into blocks of about a megabyte for `output`.
    private struct Blocks {
        let writer: ExchangeWriter
        var buffer: String
        var count = 0

        init(writer: ExchangeWriter) {
            self.writer = writer
            buffer = writer.header()
        }

        mutating func add(_ practice: Practice, _ output: (String) throws -> Void) throws {
            buffer += writer.record(practice)
            count += 1
            if buffer.utf8.count > 1 << 20 {
                try output(buffer)
                buffer = ""
            }
        }

        mutating func finish(_ output: (String) throws -> Void) throws -> Int {
            if !buffer.isEmpty { try output(buffer) }
            return count
        }
    }

    /// The whole export as one string (for tests and small catalogues).
    public func exportString() async throws -> String {
        var text = ""
        try await export { text += $0 }
        return text
    }
}
