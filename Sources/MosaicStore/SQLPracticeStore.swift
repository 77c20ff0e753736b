import Foundation
import Logging
import MosaicCore
import SQLKit

/// The practice store written once with SQLKit; SQLite today, PostgreSQL behind the same code later.
public struct SQLPracticeStore: PracticeStore {
    public let access: any DatabaseAccess

    /// Opens the store and applies any migration the database lacks.
    public static func open(_ access: any DatabaseAccess) async throws -> SQLPracticeStore {
        try await Migrations.migrate(access)
        return SQLPracticeStore(access: access)
    }

    /// Opens (or creates) the SQLite database at `path`.
    public static func openSQLite(path: String) async throws -> SQLPracticeStore {
        try await open(SQLiteAccess.open(path: path))
    }

    /// Opens the database at `location`: a SQLite file or a PostgreSQL server.
    public static func open(_ location: DatabaseLocation, logger: Logger = Logger(label: "mosaic.database")) async throws -> SQLPracticeStore {
        try await open(location.open(logger: logger))
    }

    public func close() async throws { try await access.close() }

    public func isReachable(within timeout: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await access.isReachable() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    /// Identifiers per statement, well under every engine's limit on bound values.
    static let batchSize = 400

    // MARK: Reading

    public func practice(id: Practice.ID) async throws -> Practice? {
        try await practices(ids: [id]).first
    }

    public func practices(ids: [Practice.ID]) async throws -> [Practice] {
        guard !ids.isEmpty else { return [] }
        return try await access.withDatabase { db in try await Self.practices(ids: ids, from: db) }
    }

    static func practices(ids: [Practice.ID], from db: any SQLDatabase) async throws -> [Practice] {
        var result: [Practice] = []
        for start in stride(from: 0, to: ids.count, by: batchSize) {
            let batch = ids[start..<min(ids.count, start + batchSize)].map(\.rawValue)
            let rows = try await db.raw("SELECT * FROM practices WHERE id IN (\(binds: batch))").all()
            result += try await load(rows, from: db)
        }
        return result
    }

    public func lookup(slug: Slug) async throws -> SlugLookup? {
        try await access.withDatabase { db in
            if let row = try await db.raw("SELECT id FROM practices WHERE slug = \(bind: slug.rawValue)").first() {
                return .current(Practice.ID(rawValue: try row.decode(column: "id", as: String.self)))
            }
            if let row = try await db.raw("""
                SELECT p.id, p.slug FROM slug_history h JOIN practices p ON p.id = h.practice_id
                WHERE h.slug = \(bind: slug.rawValue)
                """).first() {
                let current = Slug(rawValue: try row.decode(column: "slug", as: String.self)) ?? slug
                return .former(Practice.ID(rawValue: try row.decode(column: "id", as: String.self)), currentSlug: current)
            }
            return nil
        }
    }

    public func keys() async throws -> PracticeKeys {
        try await access.withDatabase { db in
            var keys = PracticeKeys()
            for row in try await db.raw("SELECT id, slug, title, country FROM practices").all() {
                let id = Practice.ID(rawValue: try row.decode(column: "id", as: String.self))
                keys.identities[id] = PracticeKeys.Identity(
                    title: try row.decode(column: "title", as: String.self),
                    country: Country.Code(rawValue: try row.decode(column: "country", as: String.self)))
                if let slug = Slug(rawValue: try row.decode(column: "slug", as: String.self)) { keys.currentSlugs[slug] = id }
            }
            for row in try await db.raw("SELECT slug, practice_id FROM slug_history").all() {
                if let slug = Slug(rawValue: try row.decode(column: "slug", as: String.self)) {
                    keys.formerSlugs[slug] = Practice.ID(rawValue: try row.decode(column: "practice_id", as: String.self))
                }
            }
            return keys
        }
    }

    public func practices(after cursor: PracticeCursor?, limit: Int, statuses: Set<Practice.Status>?) async throws -> [Practice] {
        try await access.withDatabase { db in
            var query = SQLQueryString("SELECT * FROM practices WHERE 1 = 1")
            if let cursor {
                let time = Timestamp.format(cursor.createdAt)
                // A row-value comparison, so that the index on (status, created_at, id) serves it as a range.
                query.appendInterpolation(unsafeRaw: " AND (created_at, id) > (")
                query.appendInterpolation(bind: time)
                query.appendInterpolation(unsafeRaw: ", ")
                query.appendInterpolation(bind: cursor.id.rawValue)
                query.appendInterpolation(unsafeRaw: ")")
            }
            if let statuses {
                guard !statuses.isEmpty else { return [] }
                query.appendInterpolation(unsafeRaw: " AND status IN (")
                query.appendInterpolation(binds: statuses.map(\.rawValue).sorted())
                query.appendInterpolation(unsafeRaw: ")")
            }
            query.appendInterpolation(unsafeRaw: " ORDER BY created_at, id LIMIT ")
            query.appendInterpolation(literal: max(0, limit))
            let rows = try await db.raw(query).all()
            return try await Self.load(rows, from: db)
        }
    }

    public func practices(inCities cities: [String], statuses: Set<Practice.Status>) async throws -> [Practice] {
        let names = Array(Set(cities.map { $0.lowercased() }))
        guard !names.isEmpty, !statuses.isEmpty else { return [] }
        return try await access.withDatabase { db in
            let rows = try await db.raw("""
                SELECT * FROM practices WHERE status IN (\(binds: statuses.map(\.rawValue).sorted()))
                AND id IN (SELECT practice_id FROM practice_cities WHERE LOWER(name) IN (\(binds: names)))
                ORDER BY title, id
                """).all()
            return try await Self.load(rows, from: db)
        }
    }

    public func count(statuses: Set<Practice.Status>?) async throws -> Int {
        try await access.withDatabase { db in
            let row: (any SQLRow)?
            if let statuses {
                guard !statuses.isEmpty else { return 0 }
                row = try await db.raw("SELECT COUNT(*) AS n FROM practices WHERE status IN (\(binds: statuses.map(\.rawValue).sorted()))").first()
            } else {
                row = try await db.raw("SELECT COUNT(*) AS n FROM practices").first()
            }
            return try row?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    public func cityRegister() async throws -> CityRegister {
        try await access.withDatabase { db in
            var register = CityRegister()
            try register.add(names: await db.raw("SELECT country, name FROM cities ORDER BY country, name").all(),
                             aliases: await db.raw("SELECT country, spelling, name FROM city_aliases ORDER BY country, key").all())
            return register
        }
    }

    public func publishedPracticesByCity() async throws -> [CityRegister.Name: Int] {
        try await access.withDatabase { db in
            var counts: [CityRegister.Name: Int] = [:]
            for row in try await db.raw("""
                SELECT p.country, c.name, COUNT(*) AS n FROM practice_cities c JOIN practices p ON p.id = c.practice_id
                WHERE p.status = \(bind: Practice.Status.published.rawValue) GROUP BY p.country, c.name
                """).all() {
                counts[CityRegister.Name(country: try row.decode(column: "country", as: String.self),
                                         name: try row.decode(column: "name", as: String.self))] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }

    public func catalogSequence() async throws -> Int {
        try await access.withDatabase { db in
            try await db.raw("SELECT value FROM catalog_sequence WHERE id = 1").first()?.decode(column: "value", as: Int.self) ?? 0
        }
    }

    public func catalogChanges(after sequence: Int, limit: Int) async throws -> [CatalogChange] {
        try await access.withDatabase { db in
            try await db.raw("""
                SELECT practice_id, sequence FROM catalog_changes WHERE sequence > \(bind: sequence)
                ORDER BY sequence, practice_id LIMIT \(literal: max(0, limit))
                """).all().map { row in
                CatalogChange(id: Practice.ID(rawValue: try row.decode(column: "practice_id", as: String.self)),
                              sequence: try row.decode(column: "sequence", as: Int.self))
            }
        }
    }

    public func revisions(of id: Practice.ID) async throws -> [Revision] {
        try await access.withDatabase { db in
            try await db.raw("""
                SELECT number, author, created_at, note, content FROM revisions
                WHERE practice_id = \(bind: id.rawValue) ORDER BY number
                """).all().map { row in
                Revision(
                    practiceID: id,
                    number: try row.decode(column: "number", as: Int.self),
                    author: try row.decode(column: "author", as: String.self),
                    createdAt: Timestamp.parse(try row.decode(column: "created_at", as: String.self)) ?? Date(timeIntervalSince1970: 0),
                    note: try row.decode(column: "note", as: String?.self),
                    content: try row.decode(column: "content", as: String.self))
            }
        }
    }

    /// Builds practices from their main rows, loading cities, topics, links and translations in a few queries.
    static func load(_ rows: [any SQLRow], from db: any SQLDatabase) async throws -> [Practice] {
        guard !rows.isEmpty else { return [] }
        var practices = try rows.map(practice(from:))
        let ids = practices.map(\.id.rawValue)
        var index: [Practice.ID: Int] = [:]
        for (offset, practice) in practices.enumerated() { index[practice.id] = offset }

        for row in try await db.raw("SELECT practice_id, name FROM practice_cities WHERE practice_id IN (\(binds: ids)) ORDER BY practice_id, position").all() {
            if let i = index[Practice.ID(rawValue: try row.decode(column: "practice_id", as: String.self))] {
                practices[i].cities.append(try row.decode(column: "name", as: String.self))
            }
        }
        for row in try await db.raw("SELECT practice_id, topic FROM practice_topics WHERE practice_id IN (\(binds: ids)) ORDER BY practice_id, position").all() {
            if let i = index[Practice.ID(rawValue: try row.decode(column: "practice_id", as: String.self))] {
                practices[i].topics.append(Topic.Key(rawValue: try row.decode(column: "topic", as: String.self)))
            }
        }
        for row in try await db.raw("SELECT practice_id, title, url FROM practice_links WHERE practice_id IN (\(binds: ids)) ORDER BY practice_id, position").all() {
            if let i = index[Practice.ID(rawValue: try row.decode(column: "practice_id", as: String.self))] {
                practices[i].links.append(Practice.Link(title: try row.decode(column: "title", as: String.self),
                                                        url: try row.decode(column: "url", as: String.self)))
            }
        }
        for row in try await db.raw("SELECT practice_id, language, field, value FROM practice_translations WHERE practice_id IN (\(binds: ids))").all() {
            guard let i = index[Practice.ID(rawValue: try row.decode(column: "practice_id", as: String.self))] else { continue }
            let language = try row.decode(column: "language", as: String.self)
            let value = try row.decode(column: "value", as: String.self)
            var translation = practices[i].translations[language] ?? Practice.Translation()
            switch try row.decode(column: "field", as: String.self) {
            case "title": translation.title = value
            case "subtitle": translation.subtitle = value
            case "period": translation.period = value
            case let field: if let section = Practice.Section(rawValue: field) { translation.sections[section] = value }
            }
            practices[i].translations[language] = translation
        }
        return practices
    }

    /// The column that holds each section ("references" is a reserved word in SQL).
    static func column(for section: Practice.Section) -> String {
        section == .references ? "references_text" : section.rawValue
    }

    private static func practice(from row: any SQLRow) throws -> Practice {
        func text(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        var sections: [Practice.Section: String] = [:]
        for section in Practice.Section.allCases {
            if let value = try text(column(for: section)) { sections[section] = value }
        }
        let created = Timestamp.parse(try row.decode(column: "created_at", as: String.self)) ?? Date(timeIntervalSince1970: 0)
        return Practice(
            id: Practice.ID(rawValue: try row.decode(column: "id", as: String.self)),
            slug: Slug(rawValue: try row.decode(column: "slug", as: String.self)) ?? Slug(making: "practice"),
            title: try row.decode(column: "title", as: String.self),
            subtitle: try text("subtitle"),
            country: Country.Code(rawValue: try row.decode(column: "country", as: String.self)),
            period: try text("period"),
            periodStart: try row.decode(column: "period_start", as: Int?.self),
            periodEnd: try row.decode(column: "period_end", as: Int?.self),
            ongoing: try row.decode(column: "ongoing", as: Int.self) != 0,
            language: try row.decode(column: "language", as: String.self),
            sections: sections,
            evidence: try text("evidence").flatMap(Practice.Evidence.init(rawValue:)),
            contact: Practice.Contact(name: try text("contact_name"), organisation: try text("contact_organisation"), email: try text("contact_email")),
            status: Practice.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft,
            createdAt: created,
            updatedAt: try text("updated_at").flatMap(Timestamp.parse) ?? created,
            publishedAt: try text("published_at").flatMap(Timestamp.parse),
            source: try text("source"))
    }

    // MARK: Writing

    public func write<R: Sendable>(_ body: @Sendable (any PracticeWriter) async throws -> R) async throws -> R {
        try await access.transaction { db in
            try await body(SQLPracticeWriter(db: db))
        }
    }
}

/// Writes through the connection of an open transaction.
struct SQLPracticeWriter: PracticeWriter {
    let db: any SQLDatabase

    static let practiceColumns = [
        "id", "slug", "title", "subtitle", "country", "period", "period_start", "period_end", "ongoing", "language",
    ] + Practice.Section.allCases.map(SQLPracticeStore.column(for:)) + [
        "evidence", "contact_name", "contact_organisation", "contact_email", "status", "created_at", "updated_at",
        "published_at", "source", "revision",
    ]

    /// Rows per multi-row INSERT, so that no statement binds more than ~10,000 values.
    static let rowsPerInsert = 300

    func practices(ids: [Practice.ID]) async throws -> [Practice] {
        try await SQLPracticeStore.practices(ids: ids, from: db)
    }

    /// The number of the latest revision of each practice that has one.
    private func latestRevisions(_ ids: [String]) async throws -> [String: Int] {
        var latest: [String: Int] = [:]
        for start in stride(from: 0, to: ids.count, by: SQLPracticeStore.batchSize) {
            let batch = Array(ids[start..<min(ids.count, start + SQLPracticeStore.batchSize)])
            for row in try await db.raw("""
                SELECT practice_id, MAX(number) AS latest FROM revisions WHERE practice_id IN (\(binds: batch)) GROUP BY practice_id
                """).all() {
                latest[try row.decode(column: "practice_id", as: String.self)] = try row.decode(column: "latest", as: Int.self)
            }
        }
        return latest
    }

    func recordRevision(of practice: Practice, by author: String, note: String?) async throws -> Int {
        let number = (try await latestRevisions([practice.id.rawValue])[practice.id.rawValue] ?? 0) + 1
        let content = ExchangeWriter(format: .jsonl, includePrivate: true).jsonLine(practice)
        try await db.raw("""
            INSERT INTO revisions (practice_id, number, author, created_at, note, content)
            VALUES (\(bind: practice.id.rawValue), \(bind: number), \(bind: author), \(bind: Timestamp.format(Timestamp.now())), \(bind: note), \(bind: content))
            """).run()
        return number
    }

    func save(_ changes: [PracticeChange], by author: String, note: String?) async throws {
        guard !changes.isEmpty else { return }
        // First, so that concurrent catalogue writes wait here for each other, before reading anything.
        let sequence = try await advanceCatalogSequence()
        // Cities by the register's names; names it does not know yet join it.
        let changes = try await resolvingCities(changes)
        let now = Timestamp.format(Timestamp.now())
        let ids = changes.map(\.practice.id.rawValue)
        // What is stored now for the practices being saved: their slug and revision number.
        var stored: [String: (slug: String, revision: Int)] = [:]
        for start in stride(from: 0, to: ids.count, by: SQLPracticeStore.batchSize) {
            let batch = Array(ids[start..<min(ids.count, start + SQLPracticeStore.batchSize)])
            for row in try await db.raw("SELECT id, slug, revision FROM practices WHERE id IN (\(binds: batch))").all() {
                stored[try row.decode(column: "id", as: String.self)] =
                    (try row.decode(column: "slug", as: String.self), try row.decode(column: "revision", as: Int.self))
            }
        }
        // Drafts of a practice not yet published have revisions before the practice has a row.
        let latest = try await latestRevisions(ids)
        var seen = Set<String>()
        var retiredSlugs: [(slug: String, id: String)] = []
        var revisions: [(practice: Practice, number: Int)] = []
        for change in changes {
            let practice = change.practice
            guard seen.insert(practice.id.rawValue).inserted else { throw StoreError.alreadyExists(practice.id) }
            switch change {
            case .create:
                if stored[practice.id.rawValue] != nil { throw StoreError.alreadyExists(practice.id) }
                revisions.append((practice, (latest[practice.id.rawValue] ?? 0) + 1))
            case .update:
                guard let current = stored[practice.id.rawValue] else { throw StoreError.notFound(practice.id) }
                if current.slug != practice.slug.rawValue { retiredSlugs.append((current.slug, practice.id.rawValue)) }
                revisions.append((practice, max(current.revision, latest[practice.id.rawValue] ?? 0) + 1))
            }
        }
        try await checkSlugs(changes.map(\.practice))

        let updatedIDs = changes.compactMap { if case .update(let p) = $0 { p.id.rawValue } else { nil } }
        for start in stride(from: 0, to: updatedIDs.count, by: SQLPracticeStore.batchSize) {
            let batch = Array(updatedIDs[start..<min(updatedIDs.count, start + SQLPracticeStore.batchSize)])
            for table in ["practice_cities", "practice_topics", "practice_links", "practice_translations"] {
                try await db.raw("DELETE FROM \(ident: table) WHERE practice_id IN (\(binds: batch))").run()
            }
        }
        // A practice that takes back one of its former slugs no longer has it in its history.
        let newSlugs = changes.map(\.practice.slug.rawValue)
        for start in stride(from: 0, to: newSlugs.count, by: SQLPracticeStore.batchSize) {
            let batch = Array(newSlugs[start..<min(newSlugs.count, start + SQLPracticeStore.batchSize)])
            try await db.raw("DELETE FROM slug_history WHERE slug IN (\(binds: batch))").run()
        }
        // Free the old slugs first, so that the UNIQUE constraint never sees two practices swap.
        for (slug, id) in retiredSlugs {
            try await db.raw("UPDATE practices SET slug = \(bind: "~retired-" + id) WHERE id = \(bind: id) AND slug = \(bind: slug)").run()
        }

        try await insertRows(into: "practices", columns: Self.practiceColumns,
                             rows: revisions.map { Self.values(of: $0.practice, revision: $0.number) },
                             upsertKey: "id")
        try await insertRows(into: "practice_cities", columns: ["practice_id", "position", "name"], rows: changes.flatMap { change in
            change.practice.cities.enumerated().map { [change.practice.id.rawValue, $0.offset, $0.element] as [any Encodable & Sendable] }
        })
        try await insertRows(into: "practice_topics", columns: ["practice_id", "position", "topic"], rows: changes.flatMap { change in
            change.practice.topics.enumerated().map { [change.practice.id.rawValue, $0.offset, $0.element.rawValue] as [any Encodable & Sendable] }
        })
        try await insertRows(into: "practice_links", columns: ["practice_id", "position", "title", "url"], rows: changes.flatMap { change in
            change.practice.links.enumerated().map { [change.practice.id.rawValue, $0.offset, $0.element.title, $0.element.url] as [any Encodable & Sendable] }
        })
        try await insertRows(into: "practice_translations", columns: ["practice_id", "language", "field", "value"], rows: changes.flatMap { change in
            change.practice.translations.sorted(by: { $0.key < $1.key }).flatMap { language, translation in
                Self.fields(of: translation).map { [change.practice.id.rawValue, language, $0.field, $0.value] as [any Encodable & Sendable] }
            }
        })
        try await insertRows(into: "slug_history", columns: ["slug", "practice_id", "retired_at"],
                             rows: retiredSlugs.map { [$0.slug, $0.id, now] as [any Encodable & Sendable] })
        try await insertRows(into: "catalog_changes", columns: ["practice_id", "sequence"],
                             rows: ids.map { [$0, sequence] as [any Encodable & Sendable] }, upsertKey: "practice_id")
        let writer = ExchangeWriter(format: .jsonl, includePrivate: true)
        try await insertRows(into: "revisions", columns: ["practice_id", "number", "author", "created_at", "note", "content"],
                             rows: revisions.map { [$0.practice.id.rawValue, $0.number, author, now, note, writer.jsonLine($0.practice)] as [any Encodable & Sendable] })
    }

    // MARK: The city register

    /// The changes with each practice's cities named as the register names them (the register read
    /// for these names only), after registering the names it did not know; two new spellings of one
    /// key in the same write become one name, the first written.
    func resolvingCities(_ changes: [PracticeChange]) async throws -> [PracticeChange] {
        let keys = Set(changes.flatMap { change in change.practice.cities.map(CityRegister.key) })
        guard !keys.isEmpty else { return changes }
        var register = try await cityRegister(keys: Array(keys))
        var known = Set(register.names)
        var new: [CityRegister.Name] = []
        let resolved = changes.map { change in
            var practice = change.practice
            let country = practice.country.rawValue
            practice.cities = register.resolve(practice.cities, country: country)
            for city in practice.cities where known.insert(CityRegister.Name(country: country, name: city)).inserted {
                new.append(CityRegister.Name(country: country, name: city))
                register.add(CityRegister.Name(country: country, name: city))
            }
            return change.with(practice)
        }
        try await self.register(new)
        return resolved
    }

    /// The part of the register whose names or aliases have one of these keys.
    func cityRegister(keys: [String]) async throws -> CityRegister {
        var register = CityRegister()
        for start in stride(from: 0, to: keys.count, by: SQLPracticeStore.batchSize) {
            let batch = Array(keys[start..<min(keys.count, start + SQLPracticeStore.batchSize)])
            try register.add(names: await db.raw("SELECT country, name FROM cities WHERE key IN (\(binds: batch))").all(),
                             aliases: await db.raw("SELECT country, spelling, name FROM city_aliases WHERE key IN (\(binds: batch))").all())
        }
        return register
    }

    /// Adds names to the register (those it has already are left as they are).
    func register(_ names: [CityRegister.Name]) async throws {
        let rows = names.sorted { ($0.country, $0.name) < ($1.country, $1.name) }
            .map { [$0.country, $0.name, CityRegister.key($0.name)] as [any Encodable & Sendable] }
        for start in stride(from: 0, to: rows.count, by: Self.rowsPerInsert) {
            let insert = db.insert(into: "cities").columns(["country", "name", "key"])
            for row in rows[start..<min(rows.count, start + Self.rowsPerInsert)] { insert.values(row) }
            insert.ignoringConflicts(with: ["country", "name"])
            try await insert.run()
        }
    }

    /// Takes the catalogue's next number. Its row stays locked until the transaction ends, so that
    /// writers take their numbers, and commit, one after the other. PostgreSQL announces the number to
    /// the other instances when (and only if) the transaction commits.
    func advanceCatalogSequence() async throws -> Int {
        guard let row = try await db.raw("UPDATE catalog_sequence SET value = value + 1 WHERE id = 1 RETURNING value").first() else {
            throw StoreError.missingCatalogSequence
        }
        let sequence = try row.decode(column: "value", as: Int.self)
        if DatabaseKind(db) == .postgres {
            try await db.raw("SELECT pg_notify(\(bind: PostgresAccess.catalogChannel), \(bind: String(sequence)))").run()
        }
        return sequence
    }

    /// Refuses a slug that another practice has now or had before.
    private func checkSlugs(_ practices: [Practice]) async throws {
        let slugs = practices.map(\.slug.rawValue)
        var owner: [String: String] = [:]
        for practice in practices {
            if let other = owner[practice.slug.rawValue], other != practice.id.rawValue {
                throw StoreError.slugTaken(practice.slug, by: Practice.ID(rawValue: other))
            }
            owner[practice.slug.rawValue] = practice.id.rawValue
        }
        for start in stride(from: 0, to: slugs.count, by: SQLPracticeStore.batchSize) {
            let batch = Array(slugs[start..<min(slugs.count, start + SQLPracticeStore.batchSize)])
            let rows = try await db.raw("""
                SELECT slug, id AS owner FROM practices WHERE slug IN (\(binds: batch))
                UNION ALL SELECT slug, practice_id AS owner FROM slug_history WHERE slug IN (\(binds: batch))
                """).all()
            for row in rows {
                let slug = try row.decode(column: "slug", as: String.self)
                let existing = try row.decode(column: "owner", as: String.self)
                if let mine = owner[slug], mine != existing {
                    throw StoreError.slugTaken(Slug(rawValue: slug) ?? Slug(making: slug), by: Practice.ID(rawValue: existing))
                }
            }
        }
    }

    private func insertRows(into table: String, columns: [String], rows: [[any Encodable & Sendable]], upsertKey: String? = nil) async throws {
        for start in stride(from: 0, to: rows.count, by: Self.rowsPerInsert) {
            let insert = db.insert(into: table).columns(columns)
            for row in rows[start..<min(rows.count, start + Self.rowsPerInsert)] {
                insert.values(row)
            }
            if let upsertKey {
                insert.onConflict(with: upsertKey) { update in
                    var update = update
                    for column in columns where column != upsertKey { update = update.set(excludedValueOf: column) }
                    return update
                }
            }
            try await insert.run()
        }
    }

    private static func values(of practice: Practice, revision: Int) -> [any Encodable & Sendable] {
        var values: [any Encodable & Sendable] = [
            practice.id.rawValue, practice.slug.rawValue, practice.title, practice.subtitle, practice.country.rawValue,
            practice.period, practice.periodStart, practice.periodEnd, practice.ongoing ? 1 : 0, practice.language,
        ]
        for section in Practice.Section.allCases { values.append(practice.sections[section]) }
        values += [
            practice.evidence?.rawValue, practice.contact.name, practice.contact.organisation, practice.contact.email,
            practice.status.rawValue, Timestamp.format(practice.createdAt), Timestamp.format(practice.updatedAt),
            practice.publishedAt.map(Timestamp.format), practice.source, revision,
        ]
        return values
    }

    private static func fields(of translation: Practice.Translation) -> [(field: String, value: String)] {
        var fields: [(String, String)] = []
        if let title = translation.title { fields.append(("title", title)) }
        if let subtitle = translation.subtitle { fields.append(("subtitle", subtitle)) }
        if let period = translation.period { fields.append(("period", period)) }
        for section in Practice.Section.allCases {
            if let text = translation.sections[section] { fields.append((section.rawValue, text)) }
        }
        return fields
    }
}

extension CityRegister {
    /// Adds rows of `cities` (country, name) and of `city_aliases` (country, spelling, name).
    mutating func add(names: [any SQLRow], aliases: [any SQLRow]) throws {
        for row in names {
            add(Name(country: try row.decode(column: "country", as: String.self), name: try row.decode(column: "name", as: String.self)))
        }
        for row in aliases {
            add(Alias(country: try row.decode(column: "country", as: String.self), spelling: try row.decode(column: "spelling", as: String.self),
                      name: try row.decode(column: "name", as: String.self)))
        }
    }
}
