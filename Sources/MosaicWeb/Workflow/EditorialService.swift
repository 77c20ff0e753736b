import Foundation
import MosaicCore
import MosaicSearch
import MosaicStore

/// What may happen to a practice on its way through review, in one place: who may work on it, the
/// moves of the workflow (save, submit, publish, request changes, unpublish, restore), the slug a
/// published practice gets, and what the catalogue snapshot must learn. The stores only persist.
struct EditorialService: Sendable {
    let store: any PracticeStore
    let workflow: any WorkflowStore
    let catalog: CatalogHolder

    /// The version to edit: the open draft, else a copy of the practice as stored, else a new one.
    func working(_ id: Practice.ID?, account: Account) async throws -> (practice: Practice, draft: Draft?, published: Practice?)? {
        guard let id else {
            let practice = Practice(slug: Slug(making: "new-practice"), title: "", country: Country.Code(rawValue: ""),
                                    cities: account.canReview ? [] : Array(account.cities.prefix(1)), status: .draft)
            return (practice, nil, nil)
        }
        let stored = try await store.practice(id: id)
        if let draft = try await workflow.draft(of: id) { return (draft.practice, draft, stored) }
        if let stored { return (stored, nil, stored) }
        return nil
    }

    /// Whether the account may work on this practice (and its draft).
    static func mayWork(_ account: Account, on practice: Practice, draft: Draft?) -> Bool {
        if account.canReview { return true }
        if let draft, draft.authorID == account.id { return true }
        return account.mayEdit(practice)
    }

    /// Saves the contributor's version; `submitting` sends it to review (and clears the editor's note).
    func save(_ practice: Practice, over draft: Draft?, submitting: Bool, by account: Account) async throws -> Draft {
        let now = Timestamp.now()
        let saved = Draft(practice: practice, state: submitting ? .submitted : .draft, authorID: draft?.authorID ?? account.id,
                          editorNote: submitting ? nil : draft?.editorNote, createdAt: draft?.createdAt ?? now, updatedAt: now,
                          submittedAt: submitting ? now : nil)
        try await workflow.saveDraft(saved, by: account)
        return saved
    }

    /// Publishes the draft under a slug made from its title, and puts it in the catalogue at once.
    func publish(_ id: Practice.ID, by editor: Account, note: String?) async throws -> Practice {
        guard let draft = try await workflow.draft(of: id) else { throw WorkflowError.noDraft(id) }
        let practice = try await workflow.publish(id, by: editor, note: note, slug: try await freeSlug(for: draft.practice), now: Timestamp.now())
        catalog.update { $0.updating(practice) }
        return practice
    }

    func requestChanges(_ id: Practice.ID, by editor: Account, note: String) async throws {
        try await workflow.requestChanges(id, by: editor, note: note)
    }

    /// Takes a practice out of the catalogue, telling its contributor why.
    func unpublish(_ id: Practice.ID, by editor: Account, reason: String) async throws -> Practice {
        let practice = try await workflow.unpublish(id, by: editor, reason: reason)
        catalog.update { $0.updating(practice) }
        return practice
    }

    /// Makes an earlier revision the current version.
    func restore(_ id: Practice.ID, revision: Int, by editor: Account) async throws -> Practice {
        let practice = try await workflow.restore(id, revision: revision, by: editor)
        catalog.update { $0.updating(practice) }
        return practice
    }

    /// The practice's title as a slug, numbered ("-2", "-3"...) past slugs other practices have or had.
    func freeSlug(for practice: Practice) async throws -> Slug {
        let base = Slug(making: practice.title.isEmpty ? "practice" : practice.title)
        var number = 1
        while let found = try await store.lookup(slug: base.numbered(number)), found.id != practice.id {
            number += 1
        }
        return base.numbered(number)
    }
}
