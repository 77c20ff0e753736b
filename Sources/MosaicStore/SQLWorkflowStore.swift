import Foundation
import Logging
import MosaicCore
import SQLKit

/// The workflow store written once with SQLKit, on the same database (and connection) as the practices,
/// so that publishing writes the practice, closes the draft, notifies and audits in one transaction.
public struct SQLWorkflowStore: WorkflowStore {
    public let access: any DatabaseAccess
    /// Where messages put in the outbox are also noted (recipient and subject: bodies may hold
    /// one-time links, which belong in the outbox only).
    let logger: Logger?

    /// Uses the practice store's database; its migrations have created the tables.
    public init(sharing store: SQLPracticeStore, logger: Logger? = nil) {
        access = store.access
        self.logger = logger
    }

    /// Notes messages once the transaction that wrote them has committed.
    private func noted(_ messages: [OutboxMessage]) {
        for message in messages {
            logger?.info("message in the outbox", metadata: ["to": "\(message.recipient)", "subject": "\(message.subject)"])
        }
    }

    private static func time(_ date: Date) -> String { Timestamp.format(date) }

    private static func date(_ row: any SQLRow, _ column: String) throws -> Date {
        let text = try row.decode(column: column, as: String.self)
        return Timestamp.parse(text) ?? Date(timeIntervalSince1970: 0)
    }

    // MARK: Accounts

    public func createAccount(_ account: Account, passwordHash: String, by actor: String) async throws {
        let email = Account.normalized(email: account.email)
        let kind = access.kind
        try await access.transaction { db in
            // Two administrators adding one address at once: the second is told it exists.
            if let lock = kind.serializing("accounts") { try await db.raw("\(unsafeRaw: lock)").run() }
            if try await db.raw("SELECT id FROM accounts WHERE email = \(bind: email)").first() != nil {
                throw WorkflowError.emailTaken(email)
            }
            try await db.raw("""
                INSERT INTO accounts (id, email, name, role, password_hash, created_at, language)
                VALUES (\(bind: account.id.rawValue), \(bind: email), \(bind: account.name), \(bind: account.role.rawValue),
                        \(bind: passwordHash), \(bind: Self.time(account.createdAt)), \(bind: account.language))
                """).run()
            try await Self.writeCities(account.cities, of: account.id, db)
            try await Self.insert(AuditEntry(actor: actor, action: .accountCreated, subject: email, note: account.role.rawValue), db)
        }
    }

    private static func writeCities(_ cities: [String], of id: Account.ID, _ db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM account_cities WHERE account_id = \(bind: id.rawValue)").run()
        for (position, city) in cities.enumerated() {
            try await db.raw("""
                INSERT INTO account_cities (account_id, position, name) VALUES (\(bind: id.rawValue), \(bind: position), \(bind: city))
                """).run()
        }
    }

    private static func accounts(where condition: SQLQueryString, _ db: any SQLDatabase) async throws -> [(Account, String)] {
        var query = SQLQueryString("SELECT id, email, name, role, password_hash, created_at, language FROM accounts WHERE ")
        query.appendInterpolation(condition)
        query.appendInterpolation(unsafeRaw: " ORDER BY email")
        let rows = try await db.raw(query).all()
        var result: [(Account, String)] = []
        for row in rows {
            let id = Account.ID(rawValue: try row.decode(column: "id", as: String.self))
            let cities = try await db.raw("SELECT name FROM account_cities WHERE account_id = \(bind: id.rawValue) ORDER BY position").all()
                .map { try $0.decode(column: "name", as: String.self) }
            result.append((Account(
                id: id, email: try row.decode(column: "email", as: String.self), name: try row.decode(column: "name", as: String.self),
                role: Account.Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .contributor, cities: cities,
                language: try row.decode(column: "language", as: String?.self), createdAt: try date(row, "created_at")), try row.decode(column: "password_hash", as: String.self)))
        }
        return result
    }

    public func account(id: Account.ID) async throws -> Account? {
        try await access.withDatabase { db in try await Self.accounts(where: "id = \(bind: id.rawValue)", db).first?.0 }
    }

    public func account(email: String) async throws -> (account: Account, passwordHash: String)? {
        let email = Account.normalized(email: email)
        return try await access.withDatabase { db in
            try await Self.accounts(where: "email = \(bind: email)", db).first.map { (account: $0.0, passwordHash: $0.1) }
        }
    }

    public func accounts() async throws -> [Account] {
        try await access.withDatabase { db in try await Self.accounts(where: "1 = 1", db).map(\.0) }
    }

    public func setRole(_ role: Account.Role, of id: Account.ID, by actor: String) async throws {
        try await access.transaction { db in
            guard let (account, _) = try await Self.accounts(where: "id = \(bind: id.rawValue)", db).first else {
                throw WorkflowError.noSuchAccount(id.rawValue)
            }
            try await db.raw("UPDATE accounts SET role = \(bind: role.rawValue) WHERE id = \(bind: id.rawValue)").run()
            try await Self.insert(AuditEntry(actor: actor, action: .roleChanged, subject: account.email,
                                             note: "\(account.role.rawValue) → \(role.rawValue)"), db)
        }
    }

    public func setLanguage(_ language: String?, of id: Account.ID) async throws {
        try await access.withDatabase { db in
            try await db.raw("UPDATE accounts SET language = \(bind: language) WHERE id = \(bind: id.rawValue)").run()
        }
    }

    public func setPasswordHash(_ hash: String, of id: Account.ID, by actor: String) async throws {
        try await access.transaction { db in
            guard let (account, _) = try await Self.accounts(where: "id = \(bind: id.rawValue)", db).first else {
                throw WorkflowError.noSuchAccount(id.rawValue)
            }
            try await db.raw("UPDATE accounts SET password_hash = \(bind: hash) WHERE id = \(bind: id.rawValue)").run()
            try await db.raw("DELETE FROM sessions WHERE account_id = \(bind: id.rawValue)").run()
            try await Self.insert(AuditEntry(actor: actor, action: .passwordChanged, subject: account.email), db)
        }
    }

    // MARK: Sessions

    public func createSession(tokenHash: String, account: Account.ID, csrf: String, expiresAt: Date) async throws {
        try await access.withDatabase { db in
            try await db.raw("""
                INSERT INTO sessions (token_hash, account_id, csrf, created_at, expires_at)
                VALUES (\(bind: tokenHash), \(bind: account.rawValue), \(bind: csrf), \(bind: Self.time(Timestamp.now())), \(bind: Self.time(expiresAt)))
                """).run()
        }
    }

    public func session(tokenHash: String, now: Date) async throws -> StoredSession? {
        try await access.withDatabase { db in
            guard let row = try await db.raw("SELECT account_id, csrf, expires_at FROM sessions WHERE token_hash = \(bind: tokenHash)").first() else {
                return nil
            }
            let expires = try Self.date(row, "expires_at")
            guard expires > now else { return nil }
            let id = try row.decode(column: "account_id", as: String.self)
            guard let (account, _) = try await Self.accounts(where: "id = \(bind: id)", db).first else { return nil }
            return StoredSession(account: account, csrf: try row.decode(column: "csrf", as: String.self), expiresAt: expires)
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await access.withDatabase { db in
            try await db.raw("DELETE FROM sessions WHERE token_hash = \(bind: tokenHash)").run()
        }
    }

    // MARK: Throttling

    public func signInFailures(keys: [String]) async throws -> [String: (failures: Int, last: Date)] {
        guard !keys.isEmpty else { return [:] }
        return try await access.withDatabase { db in try await Self.failures(keys: keys, db) }
    }

    private static func failures(keys: [String], _ db: any SQLDatabase) async throws -> [String: (failures: Int, last: Date)] {
        var result: [String: (failures: Int, last: Date)] = [:]
        for row in try await db.raw("SELECT key, failures, last_failure_at FROM sign_in_failures WHERE key IN (\(binds: keys))").all() {
            result[try row.decode(column: "key", as: String.self)] =
                (try row.decode(column: "failures", as: Int.self), try date(row, "last_failure_at"))
        }
        return result
    }

    public func recordSignInFailure(keys: [String], at: Date) async throws {
        try await access.transaction { db in
            for key in keys {
                try await db.raw("""
                    INSERT INTO sign_in_failures (key, failures, last_failure_at) VALUES (\(bind: key), 1, \(bind: Self.time(at)))
                    ON CONFLICT (key) DO UPDATE SET failures = sign_in_failures.failures + 1, last_failure_at = excluded.last_failure_at
                    """).run()
            }
        }
    }

    public func countSignInAttempt(keys: [String], at: Date) async throws -> [String: (failures: Int, last: Date)] {
        guard !keys.isEmpty else { return [:] }
        // Read and count in one transaction that other counters wait for: concurrent attempts, on this
        // instance or another, each see the ones counted before them.
        let kind = access.kind
        return try await access.transaction { db in
            if let lock = kind.serializing("sign_in_failures") { try await db.raw("\(unsafeRaw: lock)").run() }
            let before = try await Self.failures(keys: keys, db)
            for key in keys {
                try await db.raw("""
                    INSERT INTO sign_in_failures (key, failures, last_failure_at) VALUES (\(bind: key), 1, \(bind: Self.time(at)))
                    ON CONFLICT (key) DO UPDATE SET failures = sign_in_failures.failures + 1, last_failure_at = excluded.last_failure_at
                    """).run()
            }
            return before
        }
    }

    public func uncountSignInAttempt(keys: [String]) async throws {
        guard !keys.isEmpty else { return }
        try await access.transaction { db in
            try await db.raw("UPDATE sign_in_failures SET failures = failures - 1 WHERE key IN (\(binds: keys)) AND failures > 0").run()
        }
    }

    public func clearSignInFailures(keys: [String]) async throws {
        guard !keys.isEmpty else { return }
        try await access.withDatabase { db in
            try await db.raw("DELETE FROM sign_in_failures WHERE key IN (\(binds: keys))").run()
        }
    }

    // MARK: Password resets

    public func createPasswordReset(tokenHash: String, account: Account.ID, expiresAt: Date) async throws {
        try await access.withDatabase { db in
            try await db.raw("""
                INSERT INTO password_resets (token_hash, account_id, created_at, expires_at)
                VALUES (\(bind: tokenHash), \(bind: account.rawValue), \(bind: Self.time(Timestamp.now())), \(bind: Self.time(expiresAt)))
                """).run()
        }
    }

    public func consumePasswordReset(tokenHash: String, now: Date) async throws -> Account.ID? {
        // One statement marks the link used only if it was not, so that two uses at once (on one
        // instance or two) cannot both succeed. Times are ISO 8601 text: they compare as they sort.
        try await access.withDatabase { db in
            try await db.raw("""
                UPDATE password_resets SET used_at = \(bind: Self.time(now))
                WHERE token_hash = \(bind: tokenHash) AND used_at IS NULL AND expires_at > \(bind: Self.time(now))
                RETURNING account_id
                """).first().map { Account.ID(rawValue: try $0.decode(column: "account_id", as: String.self)) }
        }
    }

    // MARK: Outbox and audit log

    public func send(_ message: OutboxMessage) async throws {
        try await access.withDatabase { db in try await Self.insert(message, db) }
        noted([message])
    }

    private static func insert(_ message: OutboxMessage, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO outbox (id, created_at, recipient, subject, body)
            VALUES (\(bind: message.id), \(bind: time(message.createdAt)), \(bind: message.recipient), \(bind: message.subject), \(bind: message.body))
            """).run()
    }

    public func outbox(limit: Int) async throws -> [OutboxMessage] {
        try await access.withDatabase { db in
            try await db.raw("SELECT * FROM outbox ORDER BY created_at DESC, id LIMIT \(literal: max(0, limit))").all().map { row in
                var message = OutboxMessage(recipient: try row.decode(column: "recipient", as: String.self),
                                            subject: try row.decode(column: "subject", as: String.self),
                                            body: try row.decode(column: "body", as: String.self),
                                            createdAt: try Self.date(row, "created_at"))
                message.id = try row.decode(column: "id", as: String.self)
                return message
            }
        }
    }

    public func record(_ entry: AuditEntry) async throws {
        try await access.withDatabase { db in try await Self.insert(entry, db) }
    }

    private static func insert(_ entry: AuditEntry, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO audit_log (id, at, actor, action, subject, note)
            VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: time(entry.at)), \(bind: entry.actor), \(bind: entry.action.rawValue),
                    \(bind: entry.subject), \(bind: entry.note))
            """).run()
    }

    public func auditLog(limit: Int) async throws -> [AuditEntry] {
        try await access.withDatabase { db in
            try await db.raw("SELECT * FROM audit_log ORDER BY at DESC, id LIMIT \(literal: max(0, limit))").all().compactMap { row in
                guard let action = AuditEntry.Action(rawValue: try row.decode(column: "action", as: String.self)) else { return nil }
                return AuditEntry(actor: try row.decode(column: "actor", as: String.self), action: action,
                                  subject: try row.decode(column: "subject", as: String.self),
                                  note: try row.decode(column: "note", as: String?.self), at: try Self.date(row, "at"))
            }
        }
    }

    // MARK: Drafts

    private static func drafts(where condition: SQLQueryString, order: String, _ db: any SQLDatabase) async throws -> [Draft] {
        var query = SQLQueryString("SELECT * FROM drafts WHERE ")
        query.appendInterpolation(condition)
        query.appendInterpolation(unsafeRaw: " ORDER BY " + order)
        return try await db.raw(query).all().compactMap { row in
            let id = Practice.ID(rawValue: try row.decode(column: "practice_id", as: String.self))
            guard let practice = Revision(practiceID: id, number: 0, author: "", createdAt: Date(), note: nil,
                                          content: try row.decode(column: "content", as: String.self)).practice(),
                  let state = Draft.State(rawValue: try row.decode(column: "state", as: String.self)) else { return nil }
            return Draft(practice: practice, state: state, authorID: Account.ID(rawValue: try row.decode(column: "author_id", as: String.self)),
                         editorNote: try row.decode(column: "editor_note", as: String?.self), createdAt: try date(row, "created_at"),
                         updatedAt: try date(row, "updated_at"),
                         submittedAt: try row.decode(column: "submitted_at", as: String?.self).flatMap(Timestamp.parse))
        }
    }

    public func draft(of id: Practice.ID) async throws -> Draft? {
        try await access.withDatabase { db in try await Self.drafts(where: "practice_id = \(bind: id.rawValue)", order: "practice_id", db).first }
    }

    public func drafts(author: Account.ID) async throws -> [Draft] {
        try await access.withDatabase { db in
            try await Self.drafts(where: "author_id = \(bind: author.rawValue)", order: "updated_at DESC, practice_id", db)
        }
    }

    public func draftCounts() async throws -> [Draft.State: Int] {
        try await access.withDatabase { db in
            var counts: [Draft.State: Int] = [:]
            for row in try await db.raw("SELECT state, COUNT(*) AS n FROM drafts GROUP BY state").all() {
                if let state = Draft.State(rawValue: try row.decode(column: "state", as: String.self)) {
                    counts[state] = try row.decode(column: "n", as: Int.self)
                }
            }
            return counts
        }
    }

    public func drafts(state: Draft.State) async throws -> [Draft] {
        try await access.withDatabase { db in
            try await Self.drafts(where: "state = \(bind: state.rawValue)", order: "submitted_at, updated_at, practice_id", db)
        }
    }

    public func saveDraft(_ draft: Draft, by actor: Account, note: RevisionNote) async throws {
        try await saveDraft(draft, by: actor, note: note, notify: [])
    }

    public func saveDraft(_ draft: Draft, by actor: Account, note: RevisionNote, notify messages: [OutboxMessage]) async throws {
        var working = draft.practice
        working.status = Practice.Status(rawValue: draft.state.rawValue) ?? .draft
        let practice = working
        let content = ExchangeWriter(format: .jsonl, includePrivate: true).jsonLine(practice)
        try await access.transaction { db in
            try await db.raw("""
                INSERT INTO drafts (practice_id, content, state, author_id, editor_note, created_at, updated_at, submitted_at)
                VALUES (\(bind: practice.id.rawValue), \(bind: content), \(bind: draft.state.rawValue), \(bind: draft.authorID.rawValue),
                        \(bind: draft.editorNote), \(bind: Self.time(draft.createdAt)), \(bind: Self.time(draft.updatedAt)),
                        \(bind: draft.submittedAt.map(Self.time)))
                ON CONFLICT (practice_id) DO UPDATE SET content = excluded.content, state = excluded.state,
                    editor_note = excluded.editor_note, updated_at = excluded.updated_at, submitted_at = excluded.submitted_at
                """).run()
            _ = try await SQLPracticeWriter(db: db).recordRevision(of: practice, by: actor.email, note: note.stored)
            if draft.state == .submitted {
                try await Self.insert(AuditEntry(actor: actor.email, action: .submitted, subject: practice.id.rawValue, note: practice.title), db)
            }
            for message in messages { try await Self.insert(message, db) }
        }
    }

    public func deleteDraft(_ id: Practice.ID, by actor: Account) async throws -> Bool {
        try await access.transaction { db in
            guard let draft = try await Self.drafts(where: "practice_id = \(bind: id.rawValue)", order: "practice_id", db).first,
                  try await SQLPracticeWriter(db: db).practices(ids: [id]).isEmpty else { return false }
            try await db.raw("DELETE FROM drafts WHERE practice_id = \(bind: id.rawValue)").run()
            try await db.raw("DELETE FROM revisions WHERE practice_id = \(bind: id.rawValue)").run()
            try await Self.insert(AuditEntry(actor: actor.email, action: .draftDeleted, subject: id.rawValue, note: draft.practice.title), db)
            return true
        }
    }

    public func publish(_ id: Practice.ID, by editor: Account, note: String?, slug: Slug?, now: Date,
                        notify messages: [OutboxMessage]) async throws -> Practice {
        let (practice, messages) = try await access.transaction { db -> (Practice, [OutboxMessage]) in
            guard let draft = try await Self.drafts(where: "practice_id = \(bind: id.rawValue)", order: "practice_id", db).first else {
                throw WorkflowError.noDraft(id)
            }
            let writer = SQLPracticeWriter(db: db)
            let existing = try await writer.practices(ids: [id]).first
            var practice = draft.practice
            if let slug { practice.slug = slug }
            practice.status = .published
            practice.updatedAt = now
            practice.createdAt = existing?.createdAt ?? draft.createdAt
            practice.publishedAt = existing?.publishedAt ?? now
            try await writer.save([existing == nil ? .create(practice) : .update(practice)], by: editor.email,
                                  note: (note.map(RevisionNote.written) ?? .published).stored)
            try await db.raw("DELETE FROM drafts WHERE practice_id = \(bind: id.rawValue)").run()
            try await Self.insert(AuditEntry(actor: editor.email, action: .published, subject: id.rawValue, note: note ?? practice.title), db)
            for message in messages { try await Self.insert(message, db) }
            return (practice, messages)
        }
        noted(messages)
        return practice
    }

    public func requestChanges(_ id: Practice.ID, by editor: Account, note: String, notify messages: [OutboxMessage]) async throws {
        let messages = try await access.transaction { db -> [OutboxMessage] in
            guard try await Self.drafts(where: "practice_id = \(bind: id.rawValue)", order: "practice_id", db).first != nil else {
                throw WorkflowError.noDraft(id)
            }
            try await db.raw("""
                UPDATE drafts SET state = \(bind: Draft.State.changesRequested.rawValue), editor_note = \(bind: note),
                    updated_at = \(bind: Self.time(Timestamp.now())) WHERE practice_id = \(bind: id.rawValue)
                """).run()
            try await Self.insert(AuditEntry(actor: editor.email, action: .changesRequested, subject: id.rawValue, note: note), db)
            for message in messages { try await Self.insert(message, db) }
            return messages
        }
        noted(messages)
    }

    public func unpublish(_ id: Practice.ID, by editor: Account, reason: String, notify messages: [OutboxMessage]) async throws -> Practice {
        let (practice, messages) = try await access.transaction { db -> (Practice, [OutboxMessage]) in
            let writer = SQLPracticeWriter(db: db)
            guard var practice = try await writer.practices(ids: [id]).first else { throw WorkflowError.noSuchPractice(id) }
            practice.status = .unpublished
            practice.updatedAt = Timestamp.now()
            try await writer.save([.update(practice)], by: editor.email, note: reason)
            try await Self.insert(AuditEntry(actor: editor.email, action: .unpublished, subject: id.rawValue, note: reason), db)
            for message in messages { try await Self.insert(message, db) }
            return (practice, messages)
        }
        noted(messages)
        return practice
    }

    public func lastContributor(of id: Practice.ID, besides editor: Account) async throws -> Account? {
        try await access.withDatabase { db in try await Self.lastContributor(of: id, besides: editor, db) }
    }

    /// The most recent author of a revision of the practice who has an account, other than `editor`.
    private static func lastContributor(of id: Practice.ID, besides editor: Account, _ db: any SQLDatabase) async throws -> Account? {
        let authors = try await db.raw("""
            SELECT author FROM revisions WHERE practice_id = \(bind: id.rawValue) ORDER BY number DESC
            """).all().map { try $0.decode(column: "author", as: String.self) }
        for author in authors where Account.normalized(email: author) != editor.email {
            if let (account, _) = try await accounts(where: "email = \(bind: Account.normalized(email: author))", db).first { return account }
        }
        return nil
    }

    public func restore(_ id: Practice.ID, revision number: Int, by editor: Account) async throws -> Practice {
        try await access.transaction { db in
            let writer = SQLPracticeWriter(db: db)
            guard let current = try await writer.practices(ids: [id]).first else { throw WorkflowError.noSuchPractice(id) }
            guard let row = try await db.raw("""
                SELECT content FROM revisions WHERE practice_id = \(bind: id.rawValue) AND number = \(bind: number)
                """).first(),
                var restored = Revision(practiceID: id, number: number, author: "", createdAt: Date(), note: nil,
                                        content: try row.decode(column: "content", as: String.self)).practice()
            else { throw WorkflowError.noSuchRevision(number) }
            // The content comes back; where the practice is in its life does not.
            restored.status = current.status
            restored.createdAt = current.createdAt
            restored.publishedAt = current.publishedAt
            restored.updatedAt = Timestamp.now()
            try await writer.save([.update(restored)], by: editor.email, note: RevisionNote.restored(revision: number).stored)
            try await Self.insert(AuditEntry(actor: editor.email, action: .restored, subject: id.rawValue, note: "revision \(number)"), db)
            return restored
        }
    }

    // MARK: The city register

    public func mergeCity(country: String, from: String, into: String, by editor: Account) async throws -> Int {
        guard from != into else { throw WorkflowError.sameCity }
        return try await access.transaction { db in
            let writer = SQLPracticeWriter(db: db)
            // First, as every catalogue write: concurrent merges and publications take turns.
            let registered = Set(try await db.raw("""
                SELECT name FROM cities WHERE country = \(bind: country) AND name IN (\(binds: [from, into]))
                """).all().map { try $0.decode(column: "name", as: String.self) })
            for name in [from, into] where !registered.contains(name) { throw WorkflowError.noSuchCity(name, country: country) }
            // The retired name, and the spellings retired into it before, now lead to the name kept.
            try await db.raw("UPDATE city_aliases SET name = \(bind: into) WHERE country = \(bind: country) AND name = \(bind: from)").run()
            try await db.raw("""
                INSERT INTO city_aliases (country, key, spelling, name) VALUES (\(bind: country), \(bind: CityRegister.key(from)), \(bind: from), \(bind: into))
                ON CONFLICT (country, key) DO UPDATE SET spelling = excluded.spelling, name = excluded.name
                """).run()
            try await db.raw("DELETE FROM cities WHERE country = \(bind: country) AND name = \(bind: from)").run()
            let ids = try await db.raw("""
                SELECT DISTINCT p.id FROM practices p JOIN practice_cities c ON c.practice_id = p.id
                WHERE p.country = \(bind: country) AND c.name = \(bind: from)
                """).all().map { Practice.ID(rawValue: try $0.decode(column: "id", as: String.self)) }
            let changes = try await writer.practices(ids: ids).map { practice -> PracticeChange in
                var renamed = practice
                renamed.cities = practice.cities.map { $0 == from ? into : $0 }
                return .update(renamed)
            }
            if changes.isEmpty {
                // Nothing to rewrite, but city pages now lead elsewhere: the catalogue changed.
                _ = try await writer.advanceCatalogSequence()
            } else {
                try await writer.save(changes, by: editor.email, note: RevisionNote.cityMerged(from: from, into: into).stored)
            }
            // Accounts name their cities without a country: only a name no other country has is renamed.
            let elsewhere = try await db.raw("SELECT country FROM cities WHERE name = \(bind: from) AND country <> \(bind: country)").first()
            if elsewhere == nil {
                try await db.raw("UPDATE account_cities SET name = \(bind: into) WHERE name = \(bind: from)").run()
            }
            try await Self.insert(AuditEntry(actor: editor.email, action: .cityMerged, subject: "\(country): \(from)", note: "→ \(into)"), db)
            return changes.count
        }
    }
}
