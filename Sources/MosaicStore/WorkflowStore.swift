import Foundation
import MosaicCore

/// A contributor's working copy of a practice: a new one, or the next version of a published one. The
/// published version (if any) stays in the practice store, online, until an editor publishes the draft.
public struct Draft: Sendable, Hashable {
    public enum State: String, Sendable, CaseIterable {
        case draft, submitted
        case changesRequested = "changes_requested"
    }

    /// The working copy; its id is the practice's.
    public var practice: Practice
    public var state: State
    public var authorID: Account.ID
    /// The editor's note when changes were requested.
    public var editorNote: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var submittedAt: Date?

    public init(practice: Practice, state: State, authorID: Account.ID, editorNote: String? = nil,
                createdAt: Date = Timestamp.now(), updatedAt: Date = Timestamp.now(), submittedAt: Date? = nil) {
        self.practice = practice
        self.state = state
        self.authorID = authorID
        self.editorNote = editorNote
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.submittedAt = submittedAt
    }
}

/// A signed-in session as stored: only a hash of its token is kept.
public struct StoredSession: Sendable, Hashable {
    public var account: Account
    public var csrf: String
    public var expiresAt: Date
}

/// A message that would have been e-mailed. There is no mail server: the outbox keeps it for an
/// administrator (`mosaic outbox`).
public struct OutboxMessage: Sendable, Hashable {
    public var id: String
    public var createdAt: Date
    public var recipient: String
    public var subject: String
    public var body: String

    public init(recipient: String, subject: String, body: String, createdAt: Date = Timestamp.now()) {
        id = UUID().uuidString.lowercased()
        self.createdAt = createdAt
        self.recipient = recipient
        self.subject = subject
        self.body = body
    }
}

/// One line of the audit log.
public struct AuditEntry: Sendable, Hashable {
    public enum Action: String, Sendable, CaseIterable {
        case signIn = "sign_in"
        case signInFailed = "sign_in_failed"
        case signOut = "sign_out"
        case accountCreated = "account_created"
        case roleChanged = "role_changed"
        case passwordChanged = "password_changed"
        case submitted
        case changesRequested = "changes_requested"
        case published
        case unpublished
        case restored
        case draftDeleted = "draft_deleted"
        case cityMerged = "city_merged"
    }

    public var at: Date
    /// Who did it: an account's e-mail address, or "-" for someone not signed in.
    public var actor: String
    public var action: Action
    /// What it was done to: an account's address or a practice's id.
    public var subject: String
    public var note: String?

    public init(actor: String, action: Action, subject: String, note: String? = nil, at: Date = Timestamp.now()) {
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.note = note
    }
}

/// Accounts, sessions and the editorial workflow: everything that is not the practices themselves.
/// Every operation that changes several things does so in one transaction.
public protocol WorkflowStore: Sendable {
    // Accounts
    func createAccount(_ account: Account, passwordHash: String, by actor: String) async throws
    func account(id: Account.ID) async throws -> Account?
    /// The account with this address (compared without case) and its password hash.
    func account(email: String) async throws -> (account: Account, passwordHash: String)?
    func accounts() async throws -> [Account]
    func setRole(_ role: Account.Role, of id: Account.ID, by actor: String) async throws
    /// Sets the password and ends every session of the account.
    func setPasswordHash(_ hash: String, of id: Account.ID, by actor: String) async throws
    /// The interface language the account reads pages and messages in (nil: the site's default).
    func setLanguage(_ language: String?, of id: Account.ID) async throws

    // Sessions
    func createSession(tokenHash: String, account: Account.ID, csrf: String, expiresAt: Date) async throws
    /// The live session with this token hash (expired ones are not returned).
    func session(tokenHash: String, now: Date) async throws -> StoredSession?
    func deleteSession(tokenHash: String) async throws

    // Sign-in throttling
    /// Failures recorded under each key, with the time of the last one.
    func signInFailures(keys: [String]) async throws -> [String: (failures: Int, last: Date)]
    func recordSignInFailure(keys: [String], at: Date) async throws
    /// Counts an attempt against every key before it is checked, in one transaction, and returns the
    /// keys' records as they were before it: concurrent attempts cannot all pass a threshold together.
    func countSignInAttempt(keys: [String], at: Date) async throws -> [String: (failures: Int, last: Date)]
    /// Takes back one counted attempt (a sign-in that succeeded) without forgetting the others.
    func uncountSignInAttempt(keys: [String]) async throws
    func clearSignInFailures(keys: [String]) async throws

    // Password resets
    func createPasswordReset(tokenHash: String, account: Account.ID, expiresAt: Date) async throws
    /// Marks the reset used and returns its account, when it exists, has not expired and was never used.
    func consumePasswordReset(tokenHash: String, now: Date) async throws -> Account.ID?

    // Outbox and audit log
    func send(_ message: OutboxMessage) async throws
    func outbox(limit: Int) async throws -> [OutboxMessage]
    func record(_ entry: AuditEntry) async throws
    func auditLog(limit: Int) async throws -> [AuditEntry]

    // Drafts and review
    func draft(of id: Practice.ID) async throws -> Draft?
    func drafts(author: Account.ID) async throws -> [Draft]
    /// Drafts in a state, oldest submission (then oldest change) first.
    func drafts(state: Draft.State) async throws -> [Draft]
    /// How many drafts are in each state (the review queue names them), without reading them.
    func draftCounts() async throws -> [Draft.State: Int]
    /// Saves a draft and records a revision of it with `note`; a submitted draft is also written to the audit log.
    func saveDraft(_ draft: Draft, by actor: Account, note: RevisionNote) async throws
    /// `saveDraft`, with `messages` put in the outbox in the same transaction (the editors told of a submission).
    func saveDraft(_ draft: Draft, by actor: Account, note: RevisionNote, notify messages: [OutboxMessage]) async throws
    /// Deletes a draft of a practice that was never published, with its revisions, and records who did
    /// it in the audit log, in one transaction. False, and nothing deleted, when there is no such draft or
    /// the practice was published once (its history is public).
    func deleteDraft(_ id: Practice.ID, by actor: Account) async throws -> Bool
    /// Publishes the draft: the practice store gets the new version (under `slug` when given), the
    /// draft is closed, and `messages` go to the outbox, all in one transaction. Returns the published practice.
    func publish(_ id: Practice.ID, by editor: Account, note: String?, slug: Slug?, now: Date, notify messages: [OutboxMessage]) async throws -> Practice
    /// Sends the draft back to its author with the editor's note; `messages` go to the outbox in the same transaction.
    func requestChanges(_ id: Practice.ID, by editor: Account, note: String, notify messages: [OutboxMessage]) async throws
    /// Takes a published practice offline (and puts `messages` in the outbox). Returns it as it now is.
    func unpublish(_ id: Practice.ID, by editor: Account, reason: String, notify messages: [OutboxMessage]) async throws -> Practice
    /// The most recent author of a revision of the practice who has an account, other than `editor`.
    func lastContributor(of id: Practice.ID, besides editor: Account) async throws -> Account?
    /// Makes an earlier revision the current version (itself a new revision). Returns it.
    func restore(_ id: Practice.ID, revision: Int, by editor: Account) async throws -> Practice

    /// Merges two names of one city of `country`: every practice naming `from` names `into` instead (a
    /// new revision of each), `from` leaves the register and stays as a spelling of `into`, accounts'
    /// cities follow, and the audit log says who did it. Returns how many practices changed.
    func mergeCity(country: String, from: String, into: String, by editor: Account) async throws -> Int
}

public enum WorkflowError: Error, CustomStringConvertible, Equatable {
    case emailTaken(String)
    case noSuchAccount(String)
    case noDraft(Practice.ID)
    case noSuchPractice(Practice.ID)
    case noSuchRevision(Int)
    case noSuchCity(String, country: String)
    case sameCity

    public var description: String {
        switch self {
        case .emailTaken(let email): "an account with the address \(email) already exists"
        case .noSuchAccount(let who): "there is no account \(who)"
        case .noDraft(let id): "practice \(id) has no draft waiting"
        case .noSuchPractice(let id): "there is no practice \(id)"
        case .noSuchRevision(let number): "there is no revision \(number)"
        case .noSuchCity(let name, let country): "\(name) is not a city of \(country) in the register"
        case .sameCity: "a city cannot be merged into itself"
        }
    }
}
