import Foundation
import HTTPTypes
import Hummingbird
import MosaicCore
import MosaicSearch
import MosaicStore

/// Submission, review, history and the audit log.
struct EditorialPages: Sendable {
    let site: Site

    func addRoutes(to router: Router<MosaicContext>) {
        for language in Localizer.languages {
            let prefix = language == Localizer.defaultLanguage ? "" : "/\(language)"
            router.get(RouterPath(prefix + "/submit")) { request, _ in try await submitForm(request, id: nil, language: language) }
            router.post(RouterPath(prefix + "/upload")) { request, _ in try await upload(request, language: language) }
            router.get(RouterPath(prefix + "/template.docx")) { request, _ in try templateDocx(request, language: language) }
            router.post(RouterPath(prefix + "/submit")) { request, _ in try await submit(request, id: nil, language: language) }
            router.get(RouterPath(prefix + "/submit/:id")) { request, context in
                try await submitForm(request, id: context.parameters.get("id"), language: language)
            }
            router.post(RouterPath(prefix + "/submit/:id")) { request, context in
                try await submit(request, id: context.parameters.get("id"), language: language)
            }
            router.get(RouterPath(prefix + "/review")) { request, _ in try await queue(request, language: language) }
            router.get(RouterPath(prefix + "/review/:id")) { request, context in
                try await review(request, id: context.parameters.get("id") ?? "", language: language)
            }
            router.post(RouterPath(prefix + "/review/:id/:action")) { request, context in
                try await decide(request, id: context.parameters.get("id") ?? "", action: context.parameters.get("action") ?? "", language: language)
            }
            router.get(RouterPath(prefix + "/practices/:slug/history")) { request, context in
                try await history(request, slug: context.parameters.get("slug") ?? "", language: language)
            }
            router.post(RouterPath(prefix + "/practices/:slug/history/:number/restore")) { request, context in
                try await restore(request, slug: context.parameters.get("slug") ?? "", number: context.parameters.get("number", as: Int.self) ?? 0,
                                  language: language)
            }
            router.get(RouterPath(prefix + "/admin/audit")) { request, _ in try await audit(request, language: language) }
            router.post(RouterPath(prefix + "/admin/accounts/:id/role")) { request, context in
                try await setRole(request, id: context.parameters.get("id") ?? "", language: language)
            }
        }
    }

    // MARK: Submission

    /// The version to edit: the open draft, else a copy of the practice as stored, else a new one.
    private func working(_ id: String?, account: Account) async throws -> (practice: Practice, draft: Draft?, published: Practice?)? {
        guard let id else {
            let practice = Practice(slug: Slug(making: "new-practice"), title: "", country: Country.Code(rawValue: ""),
                                    cities: account.canReview ? [] : Array(account.cities.prefix(1)), status: .draft)
            return (practice, nil, nil)
        }
        let practiceID = Practice.ID(rawValue: id)
        let stored = try await site.store.practice(id: practiceID)
        if let draft = try await site.workflow.draft(of: practiceID) { return (draft.practice, draft, stored) }
        if let stored { return (stored, nil, stored) }
        return nil
    }

    /// Whether the account may work on this practice (and its draft).
    private func mayWork(_ account: Account, on practice: Practice, draft: Draft?) -> Bool {
        if account.canReview { return true }
        if let draft, draft.authorID == account.id { return true }
        return account.mayEdit(practice)
    }

    func submitForm(_ request: Request, id: String?, language: String) async throws -> Response {
        let visitor = try await site.accounts.visitor(for: request)
        guard let account = visitor.account else { return site.signInFirst(request, language: language) }
        guard let (practice, draft, published) = try await working(id, account: account) else {
            throw HTTPError(.notFound)
        }
        guard mayWork(account, on: practice, draft: draft) else { return site.forbidden(visitor, request, language: language) }
        return formPage(practice, draft: draft, published: published, issues: [], notice: nil, visitor: visitor, account: account,
                        request: request, language: language)
    }

    func formPage(_ practice: Practice, draft: Draft?, published: Practice?, issues: [FieldIssue], notice: String?,
                          visitor: Visitor, account: Account, request: Request, language: String,
                          status: HTTPResponse.Status = .ok) -> Response {
        let t = site.localizer.strings(language)
        let form = SubmissionForm(t: t, countries: site.catalog.catalog.countries, taxonomy: site.catalog.catalog.taxonomy)
        let completeness = form.completeness(practice)
        let isNew = draft == nil && published == nil
        // Similar practices already in the catalogue, found by the search engine from the title.
        var similar: [Fields] = []
        if !practice.title.isEmpty {
            let catalog = site.catalog.catalog
            let result = catalog.search(CatalogQuery(text: practice.title, perPage: 4, language: language))
            similar = result.hits.filter { $0.practice.id != practice.id }.prefix(3).map { hit in
                ["title": Localized.title(of: hit.practice, in: language).text, "href": SitePath.practice(hit.practice.slug, language: language),
                 "place": ([hit.practice.cities.joined(separator: ", ")] + [catalog.countries[hit.practice.country]?.name(in: language) ?? ""])
                    .filter { !$0.isEmpty }.joined(separator: ", ")]
            }
        }
        let heading = isNew ? t["submit_title"] : t.format("submit_edit_title", ["title": practice.title.isEmpty ? t["untitled"] : practice.title])
        return site.privatePage("submit", [
            "heading": heading,
            "action": SitePath.path(isNew ? "/submit" : "/submit/\(practice.id.rawValue)", language: language),
            "practiceID": isNew ? nil : practice.id.rawValue,
            "notice": notice,
            "problemCount": issues.isEmpty ? nil : t.plural("form_problems", issues.count),
            "problems": issues.map { ["field": $0.field, "message": $0.message] as Fields },
            "status": draft.map { t["state_\($0.state.rawValue)"] } ?? published.map { t["state_\($0.status.rawValue)"] },
            "editorNote": draft?.editorNote,
            "publishedStays": published?.status == .published ? t["submit_published_stays"] : nil,
            "completeness": t.format("completeness", ["filled": String(completeness.filled), "total": String(completeness.total)]),
            "completenessValue": String(completeness.filled), "completenessMax": String(completeness.total),
            "missingSections": completeness.missing.isEmpty ? nil : t.format("completeness_missing", ["sections": completeness.missing.joined(separator: ", ")]),
            "similar": similar, "hasSimilar": !similar.isEmpty,
            "fields": form.fields(for: practice, issues: issues),
            "uploadAction": isNew ? SitePath.path("/upload", language: language) : nil,
            "templateDocxHref": SitePath.path("/template.docx", language: language),
            "templateMarkdownHref": SitePath.path("/template.md", language: language),
            "ownCities": account.canReview ? nil : t.format("form_own_cities", ["cities": account.cities.joined(separator: ", ")]),
        ], title: heading, path: isNew ? "/submit" : "/submit/\(practice.id.rawValue)", visitor: visitor, request: request,
           language: language, status: status)
    }

    func submit(_ request: Request, id: String?, language: String) async throws -> Response {
        let visitor = try await site.accounts.visitor(for: request)
        let form = try await FormData.read(request)
        guard let account = visitor.account else { return site.forbidden(visitor, request, language: language) }
        guard site.accounts.acceptsToken(form["csrf"], from: visitor) else { return site.badToken(visitor, request, language: language) }
        guard let (base, draft, published) = try await working(id, account: account) else { throw HTTPError(.notFound) }
        guard mayWork(account, on: base, draft: draft) else { return site.forbidden(visitor, request, language: language) }
        let t = site.localizer.strings(language)
        let submission = SubmissionForm(t: t, countries: site.catalog.catalog.countries, taxonomy: site.catalog.catalog.taxonomy)
        var (practice, issues) = submission.practice(from: form, base: base)
        if let problem = submission.cityProblem(practice, account: account) { issues.append(problem) }
        let submitting = form["action"] == "submit"
        if submitting { issues += submission.problemsBeforeReview(practice, account: account) }
        if !issues.isEmpty {
            // Nothing is saved; the form comes back with what the contributor typed and what to fix.
            return formPage(practice, draft: draft, published: published, issues: issues, notice: nil, visitor: visitor, account: account,
                            request: request, language: language, status: .unprocessableContent)
        }
        let now = Timestamp.now()
        let saved = Draft(practice: practice, state: submitting ? .submitted : .draft, authorID: draft?.authorID ?? account.id,
                          editorNote: submitting ? nil : draft?.editorNote, createdAt: draft?.createdAt ?? now, updatedAt: now,
                          submittedAt: submitting ? now : nil)
        try await site.workflow.saveDraft(saved, by: account)
        let notice = submitting ? t["submit_sent"] : t["submit_saved"]
        return formPage(saved.practice, draft: saved, published: published, issues: [], notice: notice, visitor: visitor, account: account,
                        request: request, language: language)
    }

    // MARK: Review

    private func editor(_ request: Request, language: String) async throws -> (Visitor, Account?, Response?) {
        let visitor = try await site.accounts.visitor(for: request)
        guard let account = visitor.account else { return (visitor, nil, site.signInFirst(request, language: language)) }
        guard account.canReview else { return (visitor, account, site.forbidden(visitor, request, language: language)) }
        return (visitor, account, nil)
    }

    func queue(_ request: Request, language: String) async throws -> Response {
        let (visitor, _, refusal) = try await editor(request, language: language)
        if let refusal { return refusal }
        let t = site.localizer.strings(language)
        let state = request.uri.queryParameters.get("state").flatMap(Draft.State.init(rawValue:)) ?? .submitted
        let country = request.uri.queryParameters.get("country").map { $0.uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
        let drafts = try await site.workflow.drafts(state: state).filter { country == nil || $0.practice.country.rawValue == country }
        let countries = site.catalog.catalog.countries
        return site.privatePage("review-queue", [
            "heading": t["review_title"],
            "action": SitePath.path("/review", language: language),
            "states": Draft.State.allCases.map { ["value": $0.rawValue, "label": t["state_\($0.rawValue)"], "selected": $0 == state] as Fields },
            "country": country ?? "",
            "count": t.plural("review_count", drafts.count),
            "items": drafts.map { draft in
                [
                    "title": draft.practice.title.isEmpty ? t["untitled"] : draft.practice.title,
                    "href": SitePath.path("/review/\(draft.practice.id.rawValue)", language: language),
                    "place": (draft.practice.cities + [countries[draft.practice.country]?.name(in: language) ?? draft.practice.country.rawValue])
                        .filter { !$0.isEmpty }.joined(separator: ", "),
                    "submitted": draft.submittedAt.map { t.date($0) } ?? t.date(draft.updatedAt),
                ] as Fields
            },
            "empty": drafts.isEmpty,
        ], title: t["review_title"], path: "/review", visitor: visitor, request: request, language: language)
    }

    func review(_ request: Request, id: String, language: String, error: String? = nil,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let (visitor, _, refusal) = try await editor(request, language: language)
        if let refusal { return refusal }
        let t = site.localizer.strings(language)
        let practiceID = Practice.ID(rawValue: id)
        let draft = try await site.workflow.draft(of: practiceID)
        let published = try await site.store.practice(id: practiceID)
        guard let shown = draft?.practice ?? published else { throw HTTPError(.notFound) }
        let diff = PracticeDiff(from: published, to: shown)
        let title = shown.title.isEmpty ? t["untitled"] : shown.title
        let base = "/review/\(id)"
        return site.privatePage("review", [
            "heading": t.format("review_practice_title", ["title": title]),
            "error": error,
            "status": draft.map { t["state_\($0.state.rawValue)"] } ?? published.map { t["state_\($0.status.rawValue)"] },
            "hasDraft": draft != nil,
            "hasPublished": published != nil,
            "comparedWith": published == nil ? t["review_new_practice"] : t["review_compared"],
            "changes": draft == nil ? [] : diffFields(diff, t: t),
            "noChanges": draft != nil && diff.isEmpty,
            "editorNote": draft?.editorNote,
            "editHref": SitePath.path("/submit/\(id)", language: language),
            "publishAction": SitePath.path(base + "/publish", language: language),
            "changesAction": SitePath.path(base + "/request-changes", language: language),
            "unpublishAction": published?.status == .published ? SitePath.path(base + "/unpublish", language: language) : nil,
            "historyHref": published.map { SitePath.path("/practices/\($0.slug.rawValue)/history", language: language) },
            "queueHref": SitePath.path("/review", language: language),
        ], title: t.format("review_practice_title", ["title": title]), path: base, visitor: visitor, request: request,
           language: language, status: status)
    }

    func diffFields(_ diff: PracticeDiff, t: Strings) -> [Fields] {
        diff.changes.map { change in
            [
                "label": fieldLabel(change.field, t: t),
                "segments": change.segments.map { segment in
                    ["text": segment.text, "same": segment.kind == .same, "added": segment.kind == .added, "removed": segment.kind == .removed] as Fields
                },
            ]
        }
    }

    func fieldLabel(_ field: String, t: Strings) -> String {
        if let section = Practice.Section(rawValue: field) { return t["section_\(section.rawValue)"] }
        if field.hasPrefix("translation_") { return t.format("field_translation", ["language": String(field.dropFirst("translation_".count))]) }
        return t["field_\(field)"]
    }

    func decide(_ request: Request, id: String, action: String, language: String) async throws -> Response {
        let visitor = try await site.accounts.visitor(for: request)
        let form = try await FormData.read(request)
        guard let account = visitor.account, account.canReview else { return site.forbidden(visitor, request, language: language) }
        guard site.accounts.acceptsToken(form["csrf"], from: visitor) else { return site.badToken(visitor, request, language: language) }
        let t = site.localizer.strings(language)
        let practiceID = Practice.ID(rawValue: id)
        let note = form.text("note")
        do {
            switch action {
            case "publish":
                guard let draft = try await site.workflow.draft(of: practiceID) else { throw WorkflowError.noDraft(practiceID) }
                // The slug follows the title, numbered past any other practice's current or former slug.
                let practice = try await site.workflow.publish(practiceID, by: account, note: note, slug: try await freeSlug(for: draft.practice),
                                                               now: Timestamp.now())
                site.catalog.update { $0.updating(practice) }
                return site.redirect(SitePath.path("/review", language: language) + "?done=published")
            case "request-changes":
                guard let note else {
                    return try await review(request, id: id, language: language, error: t["review_note_required"], status: .unprocessableContent)
                }
                try await site.workflow.requestChanges(practiceID, by: account, note: note)
                return site.redirect(SitePath.path("/review", language: language) + "?done=changes")
            case "unpublish":
                guard let note else {
                    return try await review(request, id: id, language: language, error: t["review_reason_required"], status: .unprocessableContent)
                }
                let practice = try await site.workflow.unpublish(practiceID, by: account, reason: note)
                site.catalog.update { $0.updating(practice) }
                return site.redirect(SitePath.path("/review/\(id)", language: language))
            default:
                throw HTTPError(.notFound)
            }
        } catch let error as WorkflowError {
            return site.message(t["review_title"], error.description, link: (SitePath.path("/review", language: language), t["review_title"]),
                                visitor: visitor, request: request, language: language, status: .conflict)
        }
    }

    /// The practice's title as a slug, numbered ("-2", "-3"...) past slugs other practices have or had.
    private func freeSlug(for practice: Practice) async throws -> Slug {
        let base = Slug(making: practice.title.isEmpty ? "practice" : practice.title)
        var number = 1
        while let found = try await site.store.lookup(slug: base.numbered(number)), found.id != practice.id {
            number += 1
        }
        return base.numbered(number)
    }

    // MARK: History

    func history(_ request: Request, slug: String, language: String) async throws -> Response {
        let visitor = try await site.accounts.visitor(for: request)
        let t = site.localizer.strings(language)
        guard let slugValue = Slug(rawValue: slug), let found = try await site.store.lookup(slug: slugValue) else { throw HTTPError(.notFound) }
        let id: Practice.ID
        switch found {
        case .current(let current): id = current
        case .former(_, let current): return site.redirect(SitePath.path("/practices/\(current.rawValue)/history", language: language))
        }
        guard let practice = try await site.store.practice(id: id) else { throw HTTPError(.notFound) }
        let isEditor = visitor.account?.canReview ?? false
        // Readers see the published versions of a published practice; editors see every revision.
        guard practice.status == .published || isEditor else { throw HTTPError(.notFound) }
        let revisions = try await site.store.revisions(of: id)
        let versions: [(revision: Revision, practice: Practice)] = revisions.compactMap { revision in
            guard let version = revision.practice(), isEditor || version.status == .published else { return nil }
            return (revision, version)
        }
        var rows: [Fields] = []
        var previous: Practice?
        for (revision, version) in versions {
            let changed = PracticeDiff(from: previous, to: version).changedFields.map { fieldLabel($0, t: t) }
            rows.append([
                "number": String(revision.number), "date": t.date(revision.createdAt),
                "status": t["state_\(version.status.rawValue)"],
                "changed": previous == nil ? t["history_first"] : (changed.isEmpty ? t["history_no_change"] : changed.joined(separator: ", ")),
                "author": isEditor ? revision.author : nil, "note": isEditor ? revision.note.map { systemNote($0, t: t) } : nil,
                "restoreAction": isEditor ? SitePath.path("/practices/\(slug)/history/\(revision.number)/restore", language: language) : nil,
            ])
            previous = version
        }
        rows.reverse()
        // A readable difference between any two shown versions.
        let numbers = versions.map(\.revision.number)
        let to = request.uri.queryParameters.get("to", as: Int.self).flatMap { numbers.contains($0) ? $0 : nil } ?? numbers.last
        let from = request.uri.queryParameters.get("from", as: Int.self).flatMap { numbers.contains($0) ? $0 : nil }
            ?? to.flatMap { number in numbers.last { $0 < number } }
        var comparison: [Fields] = []
        if let from, let to, let old = versions.first(where: { $0.revision.number == from })?.practice,
           let new = versions.first(where: { $0.revision.number == to })?.practice {
            comparison = diffFields(PracticeDiff(from: old, to: new), t: t)
        }
        let title = t.format("history_title", ["title": practice.title])
        return site.privatePage("history", [
            "heading": title,
            "practiceHref": practice.status == .published ? SitePath.practice(practice.slug, language: language) : nil,
            "rows": rows,
            "options": versions.reversed().map { ["value": String($0.revision.number), "label": "\(t["history_version"]) \($0.revision.number) · \(t.date($0.revision.createdAt))",
                                                 "from": $0.revision.number == from, "to": $0.revision.number == to] as Fields },
            "canCompare": versions.count > 1,
            "compareAction": SitePath.path("/practices/\(slug)/history", language: language),
            "comparison": comparison,
            "comparisonHeading": from.flatMap { f in to.map { t.format("history_compare_heading", ["from": String(f), "to": String($0)]) } },
            "noDifference": from != nil && comparison.isEmpty,
            "isEditor": isEditor,
        ], title: title, path: "/practices/\(slug)/history", visitor: visitor, request: request, language: language)
    }

    /// The notes the workflow writes itself, in the reader's language; an editor's own note as written.
    func systemNote(_ note: String, t: Strings) -> String {
        switch note {
        case "draft saved": t["revision_draft_saved"]
        case "submitted for review": t["revision_submitted"]
        case "published": t["revision_published"]
        default: note
        }
    }

    func restore(_ request: Request, slug: String, number: Int, language: String) async throws -> Response {
        let visitor = try await site.accounts.visitor(for: request)
        let form = try await FormData.read(request)
        guard let account = visitor.account, account.canReview else { return site.forbidden(visitor, request, language: language) }
        guard site.accounts.acceptsToken(form["csrf"], from: visitor) else { return site.badToken(visitor, request, language: language) }
        guard let slugValue = Slug(rawValue: slug), case .current(let id)? = try await site.store.lookup(slug: slugValue) else {
            throw HTTPError(.notFound)
        }
        do {
            let practice = try await site.workflow.restore(id, revision: number, by: account)
            site.catalog.update { $0.updating(practice) }
            return site.redirect(SitePath.path("/practices/\(practice.slug.rawValue)/history", language: language))
        } catch let error as WorkflowError {
            let t = site.localizer.strings(language)
            return site.message(t["history_restore"], error.description, visitor: visitor, request: request, language: language, status: .notFound)
        }
    }

    // MARK: Accounts and audit log

    func setRole(_ request: Request, id: String, language: String) async throws -> Response {
        let visitor = try await site.accounts.visitor(for: request)
        let form = try await FormData.read(request)
        guard let account = visitor.account, account.canManageAccounts else { return site.forbidden(visitor, request, language: language) }
        guard site.accounts.acceptsToken(form["csrf"], from: visitor) else { return site.badToken(visitor, request, language: language) }
        let target = Account.ID(rawValue: id)
        guard target != account.id, let role = form["role"].flatMap(Account.Role.init(rawValue:)),
              try await site.workflow.account(id: target) != nil else {
            let t = site.localizer.strings(language)
            return site.message(t["audit_title"], t["role_refused"], link: (SitePath.path("/admin/audit", language: language), t["audit_title"]),
                                visitor: visitor, request: request, language: language, status: .unprocessableContent)
        }
        try await site.workflow.setRole(role, of: target, by: account.email)
        return site.redirect(SitePath.path("/admin/audit", language: language))
    }

    func audit(_ request: Request, language: String) async throws -> Response {
        let visitor = try await site.accounts.visitor(for: request)
        guard let account = visitor.account else { return site.signInFirst(request, language: language) }
        guard account.canManageAccounts else { return site.forbidden(visitor, request, language: language) }
        let t = site.localizer.strings(language)
        let entries = try await site.workflow.auditLog(limit: 500)
        return site.privatePage("audit", [
            "heading": t["audit_title"],
            "entries": entries.map { entry in
                ["at": Timestamp.format(entry.at), "actor": entry.actor, "action": t["audit_\(entry.action.rawValue)"],
                 "subject": entry.subject, "note": entry.note ?? ""] as Fields
            },
            "accounts": try await site.workflow.accounts().map { other in
                [
                    "email": other.email, "name": other.name, "role": t["role_\(other.role.rawValue)"], "cities": other.cities.joined(separator: ", "),
                    "id": other.id.rawValue,
                    // An administrator does not change their own role: the site always keeps one.
                    "roleAction": other.id == account.id ? nil : SitePath.path("/admin/accounts/\(other.id.rawValue)/role", language: language),
                    "roles": Account.Role.allCases.map { ["value": $0.rawValue, "label": t["role_\($0.rawValue)"], "selected": $0 == other.role] as Fields },
                ] as Fields
            },
        ], title: t["audit_title"], path: "/admin/audit", visitor: visitor, request: request, language: language)
    }
}
