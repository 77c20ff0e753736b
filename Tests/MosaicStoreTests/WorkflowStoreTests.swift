import Foundation
import Testing
import MosaicCore
@testable import MosaicStore
@testable import MosaicTestSupport

/// The workflow store on a real database (SQLite, and PostgreSQL when the tests have one): accounts, sessions, resets, throttling records, drafts and
/// the transactions of publishing.
@Suite("Workflow store")
struct WorkflowStoreTests {
    func withWorkflow(_ engine: TestEngine, _ body: (SQLPracticeStore, SQLWorkflowStore) async throws -> Void) async throws {
        let database = try await TemporaryDatabase.make(engine)
        do { try await body(database.store, SQLWorkflowStore(sharing: database.store)) } catch { await database.close(); throw error }
        await database.close()
    }

    static let ana = Account(email: "Ana@Lisboa.example ", name: "Ana", role: .contributor, cities: ["Lisbon", "Sintra"])
    static let ed = Account(email: "ed@example.org", name: "Ed", role: .editor)

    @Test("Accounts: addresses compared without case, one account per address, cities kept in order", arguments: TestEngine.all)
    func accounts(_ engine: TestEngine) async throws {
        try await withWorkflow(engine) { _, workflow in
            try await workflow.createAccount(Self.ana, passwordHash: "hash-1", by: "test")
            let found = try #require(try await workflow.account(email: "ANA@lisboa.EXAMPLE"))
            #expect(found.account.email == "ana@lisboa.example")
            #expect(found.account.cities == ["Lisbon", "Sintra"])
            #expect(found.passwordHash == "hash-1")
            await #expect(throws: WorkflowError.emailTaken("ana@lisboa.example")) {
                try await workflow.createAccount(Account(email: "ana@lisboa.example", name: "Other", role: .admin), passwordHash: "h", by: "test")
            }
            #expect(try await workflow.accounts().count == 1)
            try await workflow.setRole(.editor, of: Self.ana.id, by: "root")
            #expect(try await workflow.account(id: Self.ana.id)?.role == .editor)
            await #expect(throws: WorkflowError.noSuchAccount("nobody")) {
                try await workflow.setRole(.admin, of: Account.ID(rawValue: "nobody"), by: "root")
            }
            let actions = try await workflow.auditLog(limit: 10).map(\.action)
            #expect(actions.contains(.accountCreated) && actions.contains(.roleChanged))
        }
    }

    @Test("Sessions expire, end on sign-out, and all end when the password changes", arguments: TestEngine.all)
    func sessions(_ engine: TestEngine) async throws {
        try await withWorkflow(engine) { _, workflow in
            try await workflow.createAccount(Self.ana, passwordHash: "h", by: "test")
            let now = Date()
            try await workflow.createSession(tokenHash: "live", account: Self.ana.id, csrf: "c1", expiresAt: now.addingTimeInterval(60))
            try await workflow.createSession(tokenHash: "old", account: Self.ana.id, csrf: "c2", expiresAt: now.addingTimeInterval(-1))
            #expect(try await workflow.session(tokenHash: "live", now: now)?.csrf == "c1")
            #expect(try await workflow.session(tokenHash: "old", now: now) == nil)
            try await workflow.deleteSession(tokenHash: "live")
            #expect(try await workflow.session(tokenHash: "live", now: now) == nil)
            try await workflow.createSession(tokenHash: "again", account: Self.ana.id, csrf: "c3", expiresAt: now.addingTimeInterval(60))
            try await workflow.setPasswordHash("new", of: Self.ana.id, by: "ana")
            #expect(try await workflow.session(tokenHash: "again", now: now) == nil)
            #expect(try await workflow.account(email: Self.ana.email)?.passwordHash == "new")
        }
    }

    @Test("A reset works once and not after it expires", arguments: TestEngine.all)
    func resets(_ engine: TestEngine) async throws {
        try await withWorkflow(engine) { _, workflow in
            try await workflow.createAccount(Self.ana, passwordHash: "h", by: "test")
            let now = Date()
            try await workflow.createPasswordReset(tokenHash: "r1", account: Self.ana.id, expiresAt: now.addingTimeInterval(3600))
            try await workflow.createPasswordReset(tokenHash: "r2", account: Self.ana.id, expiresAt: now.addingTimeInterval(3600))
            #expect(try await workflow.consumePasswordReset(tokenHash: "r1", now: now) == Self.ana.id)
            #expect(try await workflow.consumePasswordReset(tokenHash: "r1", now: now) == nil)
            #expect(try await workflow.consumePasswordReset(tokenHash: "r2", now: now.addingTimeInterval(3601)) == nil)
            #expect(try await workflow.consumePasswordReset(tokenHash: "unknown", now: now) == nil)
            // Used twenty times at once (PostgreSQL runs them side by side): one use succeeds.
            try await workflow.createPasswordReset(tokenHash: "r3", account: Self.ana.id, expiresAt: now.addingTimeInterval(3600))
            let uses = try await withThrowingTaskGroup(of: Account.ID?.self) { group in
                for _ in 0..<20 { group.addTask { try await workflow.consumePasswordReset(tokenHash: "r3", now: now) } }
                return try await group.reduce(into: [Account.ID?]()) { $0.append($1) }
            }
            #expect(uses.compactMap { $0 } == [Self.ana.id])
        }
    }

    @Test("Sign-in failures add up per key and are cleared", arguments: TestEngine.all)
    func failures(_ engine: TestEngine) async throws {
        try await withWorkflow(engine) { _, workflow in
            let at = Date(timeIntervalSince1970: 1_800_000_000)
            try await workflow.recordSignInFailure(keys: ["account:a", "address:1"], at: at)
            try await workflow.recordSignInFailure(keys: ["account:a"], at: at.addingTimeInterval(5))
            let recorded = try await workflow.signInFailures(keys: ["account:a", "address:1", "address:2"])
            #expect(recorded["account:a"]?.failures == 2)
            #expect(recorded["account:a"]?.last == at.addingTimeInterval(5))
            #expect(recorded["address:1"]?.failures == 1)
            #expect(recorded["address:2"] == nil)
            try await workflow.clearSignInFailures(keys: ["account:a"])
            #expect(try await workflow.signInFailures(keys: ["account:a"]).isEmpty)
        }
    }

    @Test("Drafts are revisions too; publishing writes the practice, closes the draft and tells the author, together", arguments: TestEngine.all)
    func publishing(_ engine: TestEngine) async throws {
        try await withWorkflow(engine) { store, workflow in
            try await workflow.createAccount(Self.ana, passwordHash: "h", by: "test")
            try await workflow.createAccount(Self.ed, passwordHash: "h", by: "test")
            var practice = Practice(slug: Slug(making: "Harbour walks"), title: "Harbour walks", country: Country.Code(rawValue: "PT"),
                                    cities: ["Lisbon"], sections: [.purpose: "Walks."])
            try await workflow.saveDraft(Draft(practice: practice, state: .draft, authorID: Self.ana.id), by: Self.ana, note: .draftSaved)
            practice.sections[.process] = "Every Saturday."
            let submitted = Date()
            try await workflow.saveDraft(Draft(practice: practice, state: .submitted, authorID: Self.ana.id, submittedAt: submitted), by: Self.ana, note: .submitted)
            #expect(try await store.revisions(of: practice.id).count == 2)
            #expect(try await workflow.drafts(state: .submitted).map(\.practice.id) == [practice.id])
            #expect(try await workflow.draftCounts() == [.submitted: 1])
            #expect(try await store.practice(id: practice.id) == nil, "nothing public before publishing")

            let told = OutboxMessage(recipient: Self.ana.email, subject: "Published", body: "Thanks")
            let published = try await workflow.publish(practice.id, by: Self.ed, note: "Thanks", slug: nil, now: Date(), notify: [told])
            #expect(published.status == .published)
            #expect(try await store.practice(id: practice.id)?.status == .published)
            #expect(try await workflow.draft(of: practice.id) == nil)
            #expect(try await store.revisions(of: practice.id).map(\.number) == [1, 2, 3])
            #expect(try await workflow.outbox(limit: 5) == [told])
            #expect(try await store.revisions(of: practice.id).map { $0.note.map(RevisionNote.init(stored:)) } == [.draftSaved, .submitted, .written("Thanks")])
            await #expect(throws: WorkflowError.noDraft(practice.id)) {
                try await workflow.publish(practice.id, by: Self.ed, note: nil, slug: nil, now: Date(), notify: [])
            }
        }
    }

    @Test("A draft never published can be deleted, with its revisions; one of a published practice cannot", arguments: TestEngine.all)
    func deletingDrafts(_ engine: TestEngine) async throws {
        try await withWorkflow(engine) { store, workflow in
            try await workflow.createAccount(Self.ana, passwordHash: "h", by: "test")
            let fresh = Practice(slug: Slug(making: "Tram stories"), title: "Tram stories", country: Country.Code(rawValue: "PT"),
                                 cities: ["Lisbon"], sections: [.purpose: "Stories."])
            try await workflow.saveDraft(Draft(practice: fresh, state: .draft, authorID: Self.ana.id), by: Self.ana, note: .draftSaved)
            #expect(try await workflow.deleteDraft(fresh.id, by: Self.ana))
            #expect(try await workflow.draft(of: fresh.id) == nil)
            #expect(try await store.revisions(of: fresh.id).isEmpty)
            // (Entries of the same second come in any order: the one of the deletion is looked for.)
            let entry = try #require(try await workflow.auditLog(limit: 5).first { $0.action == .draftDeleted })
            #expect(entry.subject == fresh.id.rawValue && entry.note == "Tram stories")
            #expect(try await workflow.deleteDraft(fresh.id, by: Self.ana) == false, "nothing left to delete")

            // A practice that was published keeps its draft and its public history.
            var published = Practice(slug: Slug(making: "Harbour walks"), title: "Harbour walks", country: Country.Code(rawValue: "PT"),
                                     sections: [.purpose: "Walks."], status: .published)
            try await store.save([.create(published)], by: "test")
            published.sections[.process] = "Saturdays."
            try await workflow.saveDraft(Draft(practice: published, state: .draft, authorID: Self.ana.id), by: Self.ana, note: .draftSaved)
            #expect(try await workflow.deleteDraft(published.id, by: Self.ana) == false)
            #expect(try await workflow.draft(of: published.id) != nil)
            #expect(try await store.revisions(of: published.id).count == 2)
        }
    }

    @Test("A publication that fails leaves the draft, the practices and the outbox as they were", arguments: TestEngine.all)
    func failedPublicationChangesNothing(_ engine: TestEngine) async throws {
        try await withWorkflow(engine) { store, workflow in
            try await workflow.createAccount(Self.ana, passwordHash: "h", by: "test")
            try await workflow.createAccount(Self.ed, passwordHash: "h", by: "test")
            // A published practice already has the slug the draft asks for.
            let existing = Practice(slug: Slug(making: "Harbour walks"), title: "Harbour walks", country: Country.Code(rawValue: "PT"),
                                    sections: [.purpose: "Old."], status: .published)
            try await store.save([.create(existing)], by: "test")
            let draft = Practice(slug: Slug(making: "Harbour walks"), title: "Harbour walks", country: Country.Code(rawValue: "PT"),
                                 cities: ["Lisbon"], sections: [.purpose: "New."])
            try await workflow.saveDraft(Draft(practice: draft, state: .submitted, authorID: Self.ana.id), by: Self.ana, note: .draftSaved)
            await #expect(throws: (any Error).self) {
                try await workflow.publish(draft.id, by: Self.ed, note: nil, slug: nil, now: Date(),
                                           notify: [OutboxMessage(recipient: Self.ana.email, subject: "Published", body: "-")])
            }
            #expect(try await workflow.draft(of: draft.id)?.state == .submitted)
            #expect(try await store.practice(id: draft.id) == nil)
            #expect(try await workflow.outbox(limit: 5).isEmpty)
            #expect(try await workflow.auditLog(limit: 10).allSatisfy { $0.action != .published })
        }
    }

    @Test("Restoring a revision makes a new one with the old content and keeps where the practice is in its life", arguments: TestEngine.all)
    func restoring(_ engine: TestEngine) async throws {
        try await withWorkflow(engine) { store, workflow in
            try await workflow.createAccount(Self.ed, passwordHash: "h", by: "test")
            var practice = Practice(slug: Slug(making: "Walks"), title: "Walks", country: Country.Code(rawValue: "PT"),
                                    sections: [.purpose: "First."], status: .published, publishedAt: Date(timeIntervalSince1970: 1_700_000_000))
            try await store.save([.create(practice)], by: "test")
            practice.sections[.purpose] = "Second."
            try await store.save([.update(practice)], by: "test")
            let restored = try await workflow.restore(practice.id, revision: 1, by: Self.ed)
            #expect(restored.sections[.purpose] == "First.")
            #expect(restored.status == .published)
            #expect(try await store.revisions(of: practice.id).count == 3)
            #expect(try await store.revisions(of: practice.id).last?.note.map(RevisionNote.init(stored:)) == .restored(revision: 1))
            await #expect(throws: WorkflowError.noSuchRevision(9)) { try await workflow.restore(practice.id, revision: 9, by: Self.ed) }
        }
    }
}
