import Foundation
import Testing
import MosaicCore
@testable import MosaicStore
@testable import MosaicTestSupport

/// `mosaic copy`: a whole site moves between databases, every engine to every engine, verified, and
/// never into a database that has data.
@Suite("Copying a site between databases")
struct CopyTests {
    static let ana = Account(email: "ana@lisboa.example", name: "Ana", role: .contributor, cities: ["Lisbon", "Sintra"])
    static let ed = Account(email: "ed@example.org", name: "Ed", role: .editor)

    /// A site with something in every table: practices (one renamed, one unpublished), a draft, accounts
    /// with cities, a session, a reset, throttling records, messages and the audit log.
    static func fill(_ store: SQLPracticeStore) async throws {
        try await SampleContent.loadIfEmpty(into: store)
        let workflow = SQLWorkflowStore(sharing: store)
        try await workflow.createAccount(ana, passwordHash: "$2b$04$hash", by: "test")
        try await workflow.createAccount(ed, passwordHash: "$2b$04$other", by: "test")
        try await workflow.createSession(tokenHash: "token", account: ana.id, csrf: "csrf", expiresAt: Date().addingTimeInterval(3600))
        try await workflow.createPasswordReset(tokenHash: "reset", account: ed.id, expiresAt: Date().addingTimeInterval(600))
        try await workflow.recordSignInFailure(keys: ["email:ed@example.org"], at: Date())
        var renamed = try #require(try await store.practice(id: Practice.ID(rawValue: "sample-01")))
        renamed.slug = Slug(making: "a new name for an old practice")
        try await store.save([.update(renamed)], by: "ed@example.org", note: "renamed")
        _ = try await workflow.unpublish(Practice.ID(rawValue: "sample-02"), by: ed, reason: "outdated", notify: [
            OutboxMessage(recipient: ana.email, subject: "Unpublished", body: "Ça change — « vraiment »"),
        ])
        let draft = Practice(slug: Slug(making: "Harbour walks"), title: "Harbour walks", country: Country.Code(rawValue: "PT"),
                             cities: ["Lisbon"], sections: [.purpose: "Walks."])
        try await workflow.saveDraft(Draft(practice: draft, state: .submitted, authorID: ana.id, submittedAt: Date()), by: ana, note: .submitted)
        // Two names of one country merged, so that the register has a retired spelling too.
        _ = try await workflow.mergeCity(country: "PT", from: "Loures", into: "Amadora", by: ed)
    }

    static var pairs: [(TestEngine, TestEngine)] {
        TestEngine.all.flatMap { from in TestEngine.all.map { (from, $0) } }
    }

    @Test("Everything arrives, and both sides count and checksum the same", arguments: pairs)
    func copiesEverything(_ from: TestEngine, _ to: TestEngine) async throws {
        try await withDatabase(from) { source in
            try await Self.fill(source.store)
            try await withDatabase(to) { target in
                let report = try await DatabaseCopy(from: source.store, to: target.store).run()
                #expect(report.lines.map(\.table) == DatabaseCopy.tables.map(\.name))
                #expect(report.lines.allSatisfy { $0.rows > 0 }, "a table was empty, so the test proves less: \(report)")
                #expect(report.catalogSequence == (try await source.store.catalogSequence()))
                #expect(try await target.store.catalogSequence() == report.catalogSequence)
                #expect(try await dump(target.store) == (try await dump(source.store)))
                #expect(try await target.store.lookup(slug: Slug(rawValue: "anti-rumour-network")!) != nil)
                let workflow = SQLWorkflowStore(sharing: target.store)
                #expect(try await workflow.session(tokenHash: "token", now: Date())?.account.email == Self.ana.email)
                #expect(try await workflow.account(email: Self.ana.email)?.account.cities == ["Lisbon", "Sintra"])
                #expect(try await workflow.outbox(limit: 5).first?.body == "Ça change — « vraiment »")
                #expect(try await workflow.drafts(state: .submitted).map(\.practice.title) == ["Harbour walks"])
                // The copy goes on as the original would: the next write takes the next number.
                try await target.store.save([.create(samplePractice("After the move"))], by: "test")
                #expect(try await target.store.catalogSequence() == report.catalogSequence + 1)
            }
        }
    }

    @Test("A target with data is refused, and nothing is written to it", arguments: TestEngine.all)
    func refusesATargetWithData(_ engine: TestEngine) async throws {
        try await withDatabase(.sqlite) { source in
            try await Self.fill(source.store)
            try await withDatabase(engine) { target in
                try await SQLWorkflowStore(sharing: target.store).createAccount(Self.ed, passwordHash: "h", by: "test")
                let before = try await dump(target.store)
                await #expect(throws: DatabaseCopy.Failure.targetNotEmpty(table: "accounts", rows: 1)) {
                    try await DatabaseCopy(from: source.store, to: target.store).run()
                }
                #expect(try await dump(target.store) == before)
                #expect(try await target.store.count(statuses: nil) == 0)
            }
        }
    }
}
