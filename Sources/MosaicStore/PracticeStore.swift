import Foundation
import MosaicCore

/// Where practices, their slug history and their revisions are kept.
///
/// Every implementation passes the same conformance tests (`StoreConformance` in the tests), so that
/// SQLite and, later, PostgreSQL behave the same.
public protocol PracticeStore: Sendable {
    /// The practice with this identifier, in any status.
    func practice(id: Practice.ID) async throws -> Practice?

    /// The practices with these identifiers, in any status, in no particular order.
    func practices(ids: [Practice.ID]) async throws -> [Practice]

    /// What a slug leads to: the practice that has it now, or the one that had it before.
    func lookup(slug: Slug) async throws -> SlugLookup?

    /// The identifiers, slugs and identities of every practice, for matching imported records.
    func keys() async throws -> PracticeKeys

    /// Practices in a stable order (creation time, then identifier), a page at a time, optionally
    /// only those in the given statuses.
    func practices(after cursor: PracticeCursor?, limit: Int, statuses: Set<Practice.Status>?) async throws -> [Practice]

    /// How many practices there are, optionally only in the given statuses.
    func count(statuses: Set<Practice.Status>?) async throws -> Int

    /// The practices of any of these cities (names compared without case), in the given statuses.
    func practices(inCities cities: [String], statuses: Set<Practice.Status>) async throws -> [Practice]

    /// Runs `body` in one transaction: everything it writes is kept, or nothing if it throws.
    func write<R: Sendable>(_ body: @Sendable (any PracticeWriter) async throws -> R) async throws -> R

    /// Every saved version of a practice, oldest first.
    func revisions(of id: Practice.ID) async throws -> [Revision]

    /// The catalogue's number: it advances with every write to the practices, in the transaction
    /// that writes them, and is shared by every instance on the database.
    func catalogSequence() async throws -> Int

    /// The practices changed after catalogue number `sequence`, each with the number of its latest
    /// change, in that order, at most `limit`.
    func catalogChanges(after sequence: Int, limit: Int) async throws -> [CatalogChange]

    /// The register of city names: every name practices use, per country, and the spellings editors
    /// retired into them. Every saved practice's cities are named as the register names them.
    func cityRegister() async throws -> CityRegister

    /// How many published practices name each city of the register.
    func publishedPracticesByCity() async throws -> [CityRegister.Name: Int]

    /// Whether the database answers a query within `timeout`.
    func isReachable(within timeout: Duration) async -> Bool
}

/// A practice and the catalogue number of its latest change.
public struct CatalogChange: Sendable, Hashable {
    public let id: Practice.ID
    public let sequence: Int

    public init(id: Practice.ID, sequence: Int) {
        self.id = id
        self.sequence = sequence
    }
}

extension PracticeStore {
    /// Saves changes in one transaction, recording a revision of each.
    public func save(_ changes: [PracticeChange], by author: String, note: String? = nil) async throws {
        try await write { writer in try await writer.save(changes, by: author, note: note) }
    }

    /// Every practice, in the store's stable order, read a page at a time.
    public func allPractices(statuses: Set<Practice.Status>? = nil, pageSize: Int = 500) async throws -> [Practice] {
        var result: [Practice] = []
        try await forEachPage(statuses: statuses, pageSize: pageSize) { result += $0 }
        return result
    }

    /// Calls `body` with successive pages of practices, so that large catalogues never sit in memory
    /// whole. The next page is read while `body` works on this one (the database, or PostgreSQL's
    /// server, works on the other core), so at most two pages are in memory.
    public func forEachPage(statuses: Set<Practice.Status>? = nil, pageSize: Int = 500, _ body: ([Practice]) async throws -> Void) async throws {
        var next = Task { try await practices(after: nil, limit: pageSize, statuses: statuses) }
        defer { next.cancel() }
        while true {
            let page = try await next.value
            guard let last = page.last else { return }
            let cursor = PracticeCursor(last)
            next = Task { try await practices(after: cursor, limit: pageSize, statuses: statuses) }
            try await body(page)
        }
    }
}

/// Writes inside one transaction.
public protocol PracticeWriter: Sendable {
    /// Reads practices inside the transaction, seeing what it has written so far.
    func practices(ids: [Practice.ID]) async throws -> [Practice]

    /// Creates or updates practices, keeps their former slugs, and records a revision of each.
    func save(_ changes: [PracticeChange], by author: String, note: String?) async throws

    /// Records a revision of a version that is not (yet) the practice's public one, such as a saved
    /// draft; returns its number.
    @discardableResult
    func recordRevision(of practice: Practice, by author: String, note: String?) async throws -> Int
}

/// One practice to create, or the new version of an existing one.
public enum PracticeChange: Sendable, Hashable {
    case create(Practice)
    case update(Practice)

    /// The same change, of another version of the practice.
    public func with(_ practice: Practice) -> PracticeChange {
        switch self {
        case .create: .create(practice)
        case .update: .update(practice)
        }
    }

    public var practice: Practice {
        switch self {
        case .create(let practice), .update(let practice): practice
        }
    }
}

/// What a slug leads to.
public enum SlugLookup: Sendable, Hashable {
    /// The practice has this slug now.
    case current(Practice.ID)
    /// The practice had this slug before and now has `currentSlug`: redirect.
    case former(Practice.ID, currentSlug: Slug)

    public var id: Practice.ID {
        switch self {
        case .current(let id), .former(let id, _): id
        }
    }
}

/// A saved version of a practice: its complete content as it was after the change, who made the
/// change and when. The previous version of revision N is revision N - 1.
public struct Revision: Sendable, Hashable {
    public var practiceID: Practice.ID
    public var number: Int
    public var author: String
    public var createdAt: Date
    public var note: String?
    /// The practice as saved, in the exchange format (JSON Lines, private fields included).
    public var content: String

    public init(practiceID: Practice.ID, number: Int, author: String, createdAt: Date, note: String?, content: String) {
        self.practiceID = practiceID
        self.number = number
        self.author = author
        self.createdAt = createdAt
        self.note = note
        self.content = content
    }

    /// The saved practice, read back from its content. Read leniently: a saved draft may lack what
    /// publishing requires (a country, say), and is still the version that was saved.
    public func practice() -> Practice? {
        guard case .success(let fields) = ExchangeReader.decodeJSONLine(Data(content.utf8), line: 1) else { return nil }
        let patch = PracticePatch(record: fields)
        return patch.applied(to: Practice(id: practiceID, slug: Slug(making: "practice"), title: "", country: Country.Code(rawValue: "")))
    }
}

/// A position in the store's stable order of practices.
public struct PracticeCursor: Sendable, Hashable {
    public var createdAt: Date
    public var id: Practice.ID

    public init(_ practice: Practice) {
        createdAt = practice.createdAt
        id = practice.id
    }
}

/// The identifiers and slugs of every practice, with what identifies a practice when a record gives
/// neither (its folded title and its country).
public struct PracticeKeys: Sendable {
    public struct Identity: Sendable, Hashable {
        public var foldedTitle: String
        public var country: Country.Code
        public init(title: String, country: Country.Code) {
            foldedTitle = TextFolding.fold(title)
            self.country = country
        }
    }

    public var identities: [Practice.ID: Identity] = [:]
    /// Current slugs.
    public var currentSlugs: [Slug: Practice.ID] = [:]
    /// Slugs a practice had before.
    public var formerSlugs: [Slug: Practice.ID] = [:]

    public init() {}

    public func owner(of slug: Slug) -> Practice.ID? {
        currentSlugs[slug] ?? formerSlugs[slug]
    }
}

/// A write refused by the store.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case slugTaken(Slug, by: Practice.ID)
    case notFound(Practice.ID)
    case alreadyExists(Practice.ID)
    case schemaTooNew(found: Int, known: Int)
    case missingCatalogSequence

    public var description: String {
        switch self {
        case .slugTaken(let slug, let id): "the slug \"\(slug)\" already belongs to practice \(id)"
        case .notFound(let id): "there is no practice \(id)"
        case .alreadyExists(let id): "a practice \(id) already exists"
        case .schemaTooNew(let found, let known):
            "the database was written by a newer Mosaic (schema version \(found); this one knows up to \(known)); upgrade Mosaic"
        case .missingCatalogSequence:
            "the table catalog_sequence has lost its row; restore the database from a backup"
        }
    }
}
