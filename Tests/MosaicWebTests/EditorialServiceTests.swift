import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MosaicCore
import MosaicStore
import Testing
@testable import MosaicWeb
@testable import MosaicTestSupport

/// The workflow's rules, through the service the pages call: what each move writes, who is told what,
/// in which language, and what the catalogue learns.
@Suite("Editorial workflow")
struct EditorialServiceTests {
    static let frenchContributor = Account(email: "lea@geneve.example", name: "Léa Favre", role: .contributor, cities: ["Geneva"], language: "fr")

    func draft(_ service: EditorialService, title: String = "Promenades de quartier", by author: Account) async throws -> Draft {
        var practice = Practice(slug: Slug(making: title), title: title, country: Country.Code(rawValue: "CH"), cities: author.cities,
                                sections: [.purpose: "Faire connaître le quartier aux nouveaux habitants."])
        practice.language = "fr"
        return try await service.save(practice, over: nil, submitting: true, by: author)
    }

    @Test("Publishing tells the author in their language, with the practice's address, and the catalogue has it at once")
    func publishing() async throws {
        try await withSite { _, test in
            let workflow = test.site.workflow, service = test.site.editorial
            try await workflow.createAccount(Self.frenchContributor, passwordHash: "h", by: "test")
            try await workflow.createAccount(People.editor, passwordHash: "h", by: "test")
            let submitted = try await draft(service, by: Self.frenchContributor)
            #expect(try await workflow.drafts(state: .submitted).map(\.practice.id) == [submitted.practice.id])

            let published = try await service.publish(submitted.practice.id, by: People.editor, note: "Merci !")
            #expect(published.slug.rawValue == "promenades-de-quartier")
            #expect(test.site.catalog.catalog.practice(slug: published.slug) != nil)
            let message = try #require(try await workflow.outbox(limit: 5).first { $0.recipient == Self.frenchContributor.email })
            #expect(message.recipient == Self.frenchContributor.email)
            #expect(message.subject == "Publiée\u{a0}: Promenades de quartier")
            #expect(message.body.contains("publiée par Edith Editor"))
            #expect(message.body.contains("Note\u{a0}: Merci !"))
            #expect(message.body.hasSuffix("/fr/practices/promenades-de-quartier"))
            // The revisions' notes are typed: the history translates the workflow's own.
            let notes = try await test.store.revisions(of: published.id).compactMap { $0.note.map(RevisionNote.init(stored:)) }
            #expect(notes == [.submitted, .written("Merci !")])
        }
    }

    @Test("Changes requested and unpublication are sent with a link to the draft; a restore is noted by number")
    func changesUnpublishRestore() async throws {
        try await withSite { _, test in
            let workflow = test.site.workflow, service = test.site.editorial
            try await workflow.createAccount(People.contributor, passwordHash: "h", by: "test")
            try await workflow.createAccount(People.editor, passwordHash: "h", by: "test")
            let lisbon = try #require(test.site.catalog.catalog.practices.first { $0.cities.contains("Lisbon") })
            let submitted = try await draft(service, title: "Harbour walks", by: People.contributor)
            try await service.requestChanges(submitted.practice.id, by: People.editor, note: "Say what changed.")
            let asked = try #require(try await workflow.outbox(limit: 5).first { $0.recipient == People.contributor.email })
            #expect(asked.subject == "Changes requested: Harbour walks")
            #expect(asked.body.contains("Say what changed.") && asked.body.hasSuffix("/submit/\(submitted.practice.id.rawValue)"))
            #expect(try await workflow.draft(of: submitted.practice.id)?.state == .changesRequested)

            // A practice the contributor worked on is taken offline: they are told why.
            var edited = lisbon
            edited.sections[.impact] = "Forty volunteers."
            _ = try await service.save(edited, over: nil, submitting: true, by: People.contributor)
            _ = try await service.publish(lisbon.id, by: People.editor, note: nil)
            let offline = try await service.unpublish(lisbon.id, by: People.editor, reason: "Duplicate")
            #expect(offline.status == .unpublished)
            #expect(test.site.catalog.catalog.practice(id: lisbon.id) == nil)
            let told = try #require(try await workflow.outbox(limit: 5).first { $0.subject.hasPrefix("Unpublished") })
            #expect(told.recipient == People.contributor.email && told.body.contains("Duplicate"))

            let revisions = try await test.store.revisions(of: lisbon.id)
            let restored = try await service.restore(lisbon.id, revision: revisions[0].number, by: People.editor)
            #expect(restored.sections[.impact] == lisbon.sections[.impact])
            let note = try #require(try await test.store.revisions(of: lisbon.id).last?.note)
            #expect(EditorialService.explain(RevisionNote(stored: note), try Localizer.load().strings("fr")) == "restaurée depuis la version 1")
            await #expect(throws: WorkflowError.noDraft(lisbon.id)) { try await service.publish(lisbon.id, by: People.editor, note: nil) }
            #expect(EditorialService.explain(WorkflowError.noDraft(lisbon.id), try Localizer.load().strings("fr")).hasPrefix("Cette pratique n’a pas de brouillon"))
        }
    }

    @Test("Who may work on a practice")
    func permissions() {
        let lisbon = Practice(slug: Slug(making: "x"), title: "x", country: Country.Code(rawValue: "PT"), cities: ["Lisbon"])
        let oslo = Practice(slug: Slug(making: "y"), title: "y", country: Country.Code(rawValue: "NO"), cities: ["Oslo"])
        #expect(EditorialService.mayWork(People.contributor, on: lisbon, draft: nil))
        #expect(!EditorialService.mayWork(People.contributor, on: oslo, draft: nil))
        #expect(EditorialService.mayWork(People.editor, on: oslo, draft: nil))
        let own = Draft(practice: oslo, state: .draft, authorID: People.contributor.id)
        #expect(EditorialService.mayWork(People.contributor, on: oslo, draft: own), "the author of a draft keeps working on it")
    }

    @Test("A reset link is written in the account's language")
    func resetInLanguage() async throws {
        try await withSite { _, test in
            try await test.site.workflow.createAccount(Self.frenchContributor, passwordHash: "h", by: "test")
            try await test.site.accounts.requestReset(email: Self.frenchContributor.email, clientAddress: "127.0.0.1")
            let message = try #require(try await test.site.workflow.outbox(limit: 1).first)
            #expect(message.subject == "Réinitialiser votre mot de passe Mosaic")
            #expect(message.body.contains("/fr/password/reset/"))
        }
    }
}
