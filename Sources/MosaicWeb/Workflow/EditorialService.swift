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
    /// Puts this instance's writes in its snapshot before the request answers (and others' with them).
    let follower: CatalogFollower
    let notices: Notices

    /// The version to edit: the open draft, else a copy of the practice as stored, else a new one.
    /// The practice a form works on: a new one (written in `language`, the reader's, until they say
    /// otherwise), a draft, or the published version.
    func working(_ id: Practice.ID?, account: Account, language: String = "en") async throws -> (practice: Practice, draft: Draft?, published: Practice?)? {
        guard let id else {
            // A contributor's new practice starts in their first city, and in that city's country when the
            // catalogue knows it.
            let cities = account.canReview ? [] : Array(account.cities.prefix(1))
            let country = cities.first.flatMap { catalog.catalog.countryOfCities[TextFolding.fold($0)] } ?? ""
            let practice = Practice(slug: Slug(making: "new-practice"), title: "", country: Country.Code(rawValue: country),
                                    cities: cities, language: language, status: .draft)
            return (practice, nil, nil)
        }
        let stored = try await store.practice(id: id)
        if let draft = try await workflow.draft(of: id) { return (draft.practice, draft, stored) }
        if let stored { return (stored, nil, stored) }
        return nil
    }

    /// A move the workflow refuses, with what to fix.
    enum Refusal: Error, Equatable {
        /// The draft is not complete or valid enough to publish.
        case invalid([FieldIssue])
    }

    /// Problems in a draft that must be fixed before it is saved at all: lengths and forms the template
    /// does not allow (a draft may be incomplete, but not unbounded).
    func problemsInDraft(_ practice: Practice) -> [FieldIssue] {
        var candidate = practice
        candidate.status = .draft
        return PracticeValidator(countries: catalog.catalog.countries, taxonomy: catalog.catalog.taxonomy).validate(candidate).filter { issue in
            switch issue.field {
            case "title": !practice.title.trimmed.isEmpty
            case "country": !practice.country.rawValue.isEmpty
            default: true
            }
        }
    }

    /// Whether the account may work on this practice (and its draft).
    static func mayWork(_ account: Account, on practice: Practice, draft: Draft?) -> Bool {
        if account.canReview { return true }
        if let draft, draft.authorID == account.id { return true }
        return account.mayEdit(practice)
    }

    /// Saves the contributor's version; `submitting` sends it to review (and clears the editor's note).
    /// The longest reply a contributor may send with a resubmission.
    static let maximumReplyLength = 2_000

    /// Saves a draft, or sends it for review. The editor's request for changes stays with it (the review
    /// page shows it beside what changed since); `reply`, the contributor's answer, is the revision's note.
    func save(_ practice: Practice, over draft: Draft?, submitting: Bool, reply: String? = nil, by account: Account) async throws -> Draft {
        let now = Timestamp.now()
        let saved = Draft(practice: practice, state: submitting ? .submitted : .draft, authorID: draft?.authorID ?? account.id,
                          editorNote: draft?.editorNote, createdAt: draft?.createdAt ?? now, updatedAt: now,
                          submittedAt: submitting ? now : nil)
        let reply = reply.map { String($0.prefix(Self.maximumReplyLength)) }
        // Editors hear of a practice sent for review (not of every later save while it waits), in their language.
        var messages: [OutboxMessage] = []
        if submitting, draft?.state != .submitted {
            messages = try await workflow.accounts().filter { $0.canReview && $0.id != account.id }
                .map { notices.submitted(practice, by: account, to: $0) }
        }
        let note: RevisionNote = submitting ? (reply.map(RevisionNote.written) ?? .submitted) : .draftSaved
        try await workflow.saveDraft(saved, by: account, note: note, notify: messages)
        return saved
    }

    /// Publishes the draft under a slug made from its title, tells its author (in their language, with
    /// the link), and puts it in the catalogue at once.
    func publish(_ id: Practice.ID, by editor: Account, note: String?) async throws -> Practice {
        guard let draft = try await workflow.draft(of: id) else { throw WorkflowError.noDraft(id) }
        var published = draft.practice
        published.slug = try await freeSlug(for: draft.practice)
        // What is published must be what an import would accept, so that every export imports again.
        published.status = .published
        let issues = PracticeValidator(countries: catalog.catalog.countries, taxonomy: catalog.catalog.taxonomy).validate(published)
        guard issues.isEmpty else { throw Refusal.invalid(issues) }
        let author = try await workflow.account(id: draft.authorID)
        let messages = author.map { [notices.published(published, by: editor, note: note, to: $0)] } ?? []
        let practice = try await workflow.publish(id, by: editor, note: note, slug: published.slug, now: Timestamp.now(), notify: messages)
        await follower.catchUpAfterWrite()
        return practice
    }

    /// Sends the draft back to its author with what to change.
    func requestChanges(_ id: Practice.ID, by editor: Account, note: String) async throws {
        guard let draft = try await workflow.draft(of: id) else { throw WorkflowError.noDraft(id) }
        let author = try await workflow.account(id: draft.authorID)
        let messages = author.map { [notices.changesRequested(draft.practice, by: editor, note: note, to: $0)] } ?? []
        try await workflow.requestChanges(id, by: editor, note: note, notify: messages)
    }

    /// Takes a practice out of the catalogue, telling its last contributor why (imported practices may have none).
    func unpublish(_ id: Practice.ID, by editor: Account, reason: String) async throws -> Practice {
        guard let current = try await store.practice(id: id) else { throw WorkflowError.noSuchPractice(id) }
        let contributor = try await workflow.lastContributor(of: id, besides: editor)
        let messages = contributor.map { [notices.unpublished(current, by: editor, reason: reason, to: $0)] } ?? []
        let practice = try await workflow.unpublish(id, by: editor, reason: reason, notify: messages)
        await follower.catchUpAfterWrite()
        return practice
    }

    /// Makes an earlier revision the current version.
    func restore(_ id: Practice.ID, revision: Int, by editor: Account) async throws -> Practice {
        let practice = try await workflow.restore(id, revision: revision, by: editor)
        await follower.catchUpAfterWrite()
        return practice
    }

    /// A workflow error in the reader's words.
    static func explain(_ error: WorkflowError, _ t: Strings) -> String {
        switch error {
        case .noDraft: t["workflow_no_draft"]
        case .noSuchPractice: t["workflow_no_practice"]
        case .noSuchRevision(let number): t.format("workflow_no_revision", ["number": String(number)])
        case .emailTaken, .noSuchAccount: t["role_refused"]
        case .noSuchCity(let name, let country): t.format("cities_error_unknown", ["name": name, "country": country])
        case .sameCity: t["cities_error_same"]
        }
    }

    /// A revision's note in the reader's words: the workflow's own notes translated, people's as written.
    static func explain(_ note: RevisionNote, _ t: Strings) -> String {
        switch note {
        case .draftSaved: t["revision_draft_saved"]
        case .submitted: t["revision_submitted"]
        case .published: t["revision_published"]
        case .restored(let number): t.format("revision_restored", ["number": String(number)])
        case .cityMerged(let from, let into): t.format("revision_city_merged", ["from": from, "into": into])
        case .written(let text): text
        }
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
