import Foundation
import HTTPTypes
import Hummingbird
import MosaicCore
import MosaicSearch
import MosaicStore

/// Submission (form and upload), review, history and the accounts and audit page. Who may use each
/// route is decided by the middleware of its group; the forms arrive read and checked.
struct EditorialController: Sendable {
    let site: Site
    var editorial: EditorialService { site.editorial }

    func addRoutes(to group: RouterGroup<MosaicContext>) {
        group.get(.templateDocx, use: templateDocx)
        // Readers see the published versions; editors see every revision and may restore one.
        group.get(.history, use: history)
        let contributors = group.group().add(middleware: RequireAccount(role: .any, site: site))
        contributors.get(.submit) { request, context in try await submitForm(request, context, id: nil) }
        contributors.get(.editDraft) { request, context in try await submitForm(request, context, id: draftID(context)) }
        contributors.get(.deleteDraft) { request, context in try await confirmDelete(request, context) }
        let forms = contributors.group().add(middleware: CSRFMiddleware(site: site))
        forms.post(.submit) { request, context in try await submit(request, context, id: nil) }
        forms.post(.editDraft) { request, context in try await submit(request, context, id: draftID(context)) }
        forms.post(.deleteDraft) { request, context in try await deleteDraft(request, context) }
        contributors.group().add(middleware: CSRFMiddleware(site: site, acceptsFiles: true)).post(.upload, use: upload)

        let editors = group.group().add(middleware: RequireAccount(role: .editor, site: site))
        editors.get(.review, use: queue)
        editors.get(.reviewPractice) { request, context in try await review(request, context) }
        editors.get(.thesaurus, use: thesaurus)
        editors.get(.cityRegister, use: cityRegister)
        let decisions = editors.group().add(middleware: CSRFMiddleware(site: site))
        decisions.post(.mergeCities, use: mergeCities)
        decisions.post(.publish, use: publish)
        decisions.post(.requestChanges, use: requestChanges)
        decisions.post(.unpublish, use: unpublish)
        decisions.post(.restore, use: restore)

        let admins = group.group().add(middleware: RequireAccount(role: .admin, site: site))
        admins.get(.audit, use: audit)
        admins.group().add(middleware: CSRFMiddleware(site: site)).post(.accountRole, use: setRole)
    }

    private func draftID(_ context: MosaicContext) -> Practice.ID? {
        context.parameters.get("id").map(Practice.ID.init(rawValue:))
    }

    // MARK: Submission

    func submitForm(_ request: Request, _ context: MosaicContext, id: Practice.ID?) async throws -> Response {
        let account = try context.account()
        guard let (practice, draft, published) = try await editorial.working(id, account: account, language: context.language) else { throw HTTPError(.notFound) }
        guard EditorialService.mayWork(account, on: practice, draft: draft) else { return site.forbidden(request, context) }
        return formPage(practice, draft: draft, published: published, issues: [], notice: doneNotice(request, context.t), request, context)
    }

    /// What the form page says after a save or an upload redirected to it (`?done=`).
    func doneNotice(_ request: Request, _ t: Strings) -> String? {
        let parameters = request.uri.queryParameters
        switch parameters.get("done") {
        case "saved": return t["submit_saved"]
        case "sent": return t["submit_sent"]
        case "updated": return t["submit_still_submitted"]
        case "uploaded":
            // What the upload read and what it could not place, carried in the address (bounded).
            var report = [t.format("upload_read", ["count": String(min(Int(parameters.get("read") ?? "") ?? 0, 999))])]
            for item in parameters.getAll("skipped").prefix(Self.maximumReported) {
                let value = String(item.dropFirst(2).prefix(120))
                switch item.prefix(2) {
                case "h:": report.append(t.format("upload_unrecognised", ["headings": value]))
                case "t:": report.append(t.format("upload_unknown_topic", ["topic": value]))
                case "e:": report.append(t.format("upload_unknown_evidence", ["value": value]))
                case "c:": report.append(t.format("upload_unknown_country", ["country": value]))
                default: continue
                }
            }
            return report.joined(separator: " ")
        default: return nil
        }
    }

    static let maximumReported = 20

    /// The page that asks before a draft is deleted.
    func confirmDelete(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let (draft, _) = try await deletableDraft(context)
        let t = context.t
        let title = draft.practice.title.isEmpty ? t["untitled"] : draft.practice.title
        let view = DeleteDraftView(t: t, csrf: context.visitor.csrf, title: title, action: .deleteDraft(draft.practice.id),
                                   back: Route.editDraft(draft.practice.id).path(t.language))
        return site.privatePage(view.render(), title: t.format("draft_delete_title", ["title": title]), route: .deleteDraft(draft.practice.id),
                                request, context)
    }

    /// Deletes a draft that was never published; its author (or an editor) may.
    func deleteDraft(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let (draft, account) = try await deletableDraft(context)
        guard try await site.workflow.deleteDraft(draft.practice.id, by: account) else { throw HTTPError(.notFound) }
        return site.redirect(Route.account.path(context.language) + "?done=deleted")
    }

    /// The draft of the address, when the visitor may delete it: never published, and theirs to work on.
    private func deletableDraft(_ context: MosaicContext) async throws -> (Draft, Account) {
        let account = try context.account()
        guard let id = draftID(context), let draft = try await site.workflow.draft(of: id),
              try await site.store.practice(id: id) == nil else { throw HTTPError(.notFound) }
        guard EditorialService.mayWork(account, on: draft.practice, draft: draft) else { throw HTTPError(.forbidden) }
        return (draft, account)
    }

    func formPage(_ practice: Practice, draft: Draft?, published: Practice?, issues: [FieldIssue], notice: String?,
                  _ request: Request, _ context: MosaicContext, status: HTTPResponse.Status = .ok,
                  pendingTranslation: Practice.Translation? = nil) -> Response {
        let t = context.t, language = t.language
        let account = context.visitor.account
        let catalog = site.catalog.catalog
        let form = SubmissionForm(t: t, countries: catalog.countries, taxonomy: catalog.taxonomy)
        let isNew = draft == nil && published == nil
        // Similar practices already in the catalogue, found by the search engine from the title.
        var similar: [(title: String, href: String, place: String)] = []
        if !practice.title.isEmpty {
            // The title as a query: no longer than a title may be.
            let text = String(practice.title.prefix(PracticeValidator.maximumTitleLength))
            let result = catalog.search(CatalogQuery(text: text, perPage: 4, language: language))
            similar = result.hits.map(\.listed).filter { $0.id != practice.id }.prefix(3).map { hit in
                (Localized.title(of: hit, in: language).text, hit.url(language: language),
                 PlaceLine.draftText(of: hit, countries: catalog.countries, language: language))
            }
        }
        let heading = isNew ? t["submit_title"] : t.format("submit_edit_title", ["title": practice.title.isEmpty ? t["untitled"] : practice.title])
        let view = SubmitView(
            t: t, csrf: context.visitor.csrf, heading: heading, action: isNew ? .submit : .editDraft(practice.id), isNew: isNew,
            notice: notice,
            status: draft.map { t["state_\($0.state.rawValue)"] } ?? published.map { t["state_\($0.status.rawValue)"] },
            editorNote: draft?.editorNote, publishedStays: published?.status == .published,
            ownCities: account.flatMap { $0.canReview ? nil : t.format("form_own_cities", ["cities": $0.cities.joined(separator: ", ")]) },
            problems: issues, completeness: form.completeness(practice), similar: similar,
            fields: form.fields(for: practice, issues: issues, citiesRequired: !(account?.canReview ?? true)), translations: form.translationForms(for: practice, pending: pendingTranslation),
            asksForReply: draft?.state == .changesRequested,
            deleteHref: draft != nil && published == nil ? Route.deleteDraft(practice.id).path(language) : nil)
        return site.privatePage(view.render(), title: heading, route: isNew ? .submit : .editDraft(practice.id), request, context, status: status)
    }

    func submit(_ request: Request, _ context: MosaicContext, id: Practice.ID?) async throws -> Response {
        let account = try context.account()
        guard let (base, draft, published) = try await editorial.working(id, account: account, language: context.language) else { throw HTTPError(.notFound) }
        guard EditorialService.mayWork(account, on: base, draft: draft) else { return site.forbidden(request, context) }
        let t = context.t
        let catalog = site.catalog.catalog
        let submission = SubmissionForm(t: t, countries: catalog.countries, taxonomy: catalog.taxonomy,
                                        register: try await site.store.cityRegister())
        var (practice, issues) = submission.practice(from: context.form, base: base)
        if let problem = submission.cityProblem(practice, account: account) { issues.append(problem) }
        // Editing a practice waiting for review keeps it waiting: the editors see the latest version, so
        // it must stay complete enough to review.
        let keepsWaiting = context.form["action"] != "submit" && draft?.state == .submitted
        let submitting = context.form["action"] == "submit" || keepsWaiting
        if submitting {
            issues += submission.problemsBeforeReview(practice, account: account)
        } else {
            issues += editorial.problemsInDraft(practice).filter { problem in !issues.contains { $0.field == problem.field } }
        }
        if !issues.isEmpty {
            // Nothing is saved; the form comes back with what the contributor typed and what to fix.
            return formPage(practice, draft: draft, published: published, issues: issues, notice: nil, request, context,
                            status: .unprocessableContent,
                            pendingTranslation: issues.contains { $0.field == "tr_new_language" } ? submission.pendingTranslation(from: context.form) : nil)
        }
        // A resubmission after a request for changes may carry the contributor's reply to the editor.
        let reply = draft?.state == .changesRequested && context.form["action"] == "submit" ? context.form.text("reply") : nil
        let saved = try await editorial.save(practice, over: draft, submitting: submitting, reply: reply, by: account)
        // To the draft's own page, which says what happened: reloading it sends nothing again.
        let done = keepsWaiting ? "updated" : submitting ? "sent" : "saved"
        return site.redirect(Route.editDraft(saved.practice.id).path(t.language) + "?done=" + done)
    }

    /// The template as a Word document.
    @Sendable func templateDocx(_ request: Request, _ context: MosaicContext) throws -> Response {
        let t = context.t
        let data = try TemplateDocument.docx(t)
        var headers = HTTPFields()
        headers[.contentType] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        headers[.contentDisposition] = "attachment; filename=\"mosaic-template-\(t.language).docx\""
        headers[.cacheControl] = "public, max-age=3600"
        return site.body(ByteBuffer(bytes: data), headers: headers, request: request)
    }

    /// Field keys by the folded label of their heading, in every language of the site.
    func headingLabels() -> [String: String] {
        var labels: [String: String] = [:]
        for language in Localizer.languages {
            let t = site.localizer.strings(language)
            for field in PracticeTemplate.fields {
                labels[TextFolding.fold(t[field.labelKey])] = field.key == "contact" ? "contact_name" : field.key
            }
        }
        return labels
    }

    /// A filled-in template (`.docx` or Markdown) becomes a new draft; what was not recognised is listed.
    @Sendable func upload(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let account = try context.account()
        let t = context.t, language = t.language
        let backToForm = (Route.submit.path(language), t["submit_title"])
        guard let file = context.multipart?["document"], !file.data.isEmpty else {
            return site.message(MessageView(heading: t["upload_title"], text: t["upload_no_file"], link: backToForm), request, context,
                                status: .unprocessableContent)
        }
        let parts: [TemplateDocument.Part]
        do {
            let name = (file.filename ?? "").lowercased()
            if file.data.starts(with: [0x50, 0x4B]) || name.hasSuffix(".docx") {
                parts = try TemplateDocument.readDocx(Data(file.data))
            } else if name.hasSuffix(".md") || name.hasSuffix(".markdown") || name.hasSuffix(".txt") {
                guard file.data.count <= TemplateDocument.maximumUpload, String(validating: file.data, as: UTF8.self) != nil else {
                    throw TemplateDocument.Refusal.unreadableXML
                }
                parts = TemplateDocument.readMarkdown(file.text)
            } else {
                throw TemplateDocument.Refusal.notADocument
            }
        } catch let refusal as TemplateDocument.Refusal {
            return site.message(MessageView(heading: t["upload_title"], text: t[refusal.key], link: backToForm), request, context,
                                status: .unprocessableContent)
        }
        try context.stopIfClientHasGone()
        let (found, unrecognised) = TemplateDocument.recognise(parts, labels: headingLabels())
        // The document's fields, as the online form would have sent them.
        var pairs: [(String, String)] = found.filter { $0.key != "topics" && $0.key != "evidence" }.map { ($0.key, $0.value) }
        // What could not be placed: a sentence now, a short code for the address of the page after.
        var unread: [(sentence: String, code: String)] = []
        let catalog = site.catalog.catalog
        if let topics = found["topics"] {
            for label in topics.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == ";" }).map({ String($0).trimmed }) where !label.isEmpty {
                if let topic = catalog.taxonomy.topics.first(where: { topic in
                    topic.key.rawValue == label || topic.labels.values.contains { TextFolding.fold($0) == TextFolding.fold(label) }
                }) {
                    pairs.append(("topics", topic.key.rawValue))
                } else {
                    unread.append((t.format("upload_unknown_topic", ["topic": label]), "t:" + label))
                }
            }
        }
        if let evidence = found["evidence"] {
            if let value = Practice.Evidence.allCases.first(where: { value in
                Localizer.languages.contains { TextFolding.fold(site.localizer.strings($0)["evidence_\(value.rawValue)"]) == TextFolding.fold(evidence) }
            }) {
                pairs.append(("evidence", value.rawValue))
            } else {
                unread.append((t.format("upload_unknown_evidence", ["value": evidence]), "e:" + evidence))
            }
        }
        if let country = found["country"], catalog.countries.find(country) == nil {
            unread.append((t.format("upload_unknown_country", ["country": country]), "c:" + country))
            pairs.removeAll { $0.0 == "country" }
        }
        if found["language"] == nil { pairs.append(("language", language)) }
        if found["cities"] == nil, !account.canReview, let city = account.cities.first { pairs.append(("cities", city)) }
        let submission = SubmissionForm(t: t, countries: catalog.countries, taxonomy: catalog.taxonomy,
                                        register: try await site.store.cityRegister())
        let blank = Practice(slug: Slug(making: "new-practice"), title: "", country: Country.Code(rawValue: ""), status: .draft)
        var (practice, issues) = submission.practice(from: FormData(pairs: pairs), base: blank)
        if let problem = submission.cityProblem(practice, account: account) { issues.append(problem) }
        issues += editorial.problemsInDraft(practice).filter { problem in !issues.contains { $0.field == problem.field } }
        var report = [t.format("upload_read", ["count": String(found.count)])]
        if !unrecognised.isEmpty { report.append(t.format("upload_unrecognised", ["headings": unrecognised.joined(separator: "; ")])) }
        report += unread.map(\.sentence)
        if !issues.isEmpty {
            return formPage(practice, draft: nil, published: nil, issues: issues, notice: report.joined(separator: " "), request, context,
                            status: .unprocessableContent)
        }
        let draft = try await editorial.save(practice, over: nil, submitting: false, by: account)
        // To the new draft's page, with the report: reloading it does not upload the file again.
        var address = Route.editDraft(draft.practice.id).path(t.language) + "?done=uploaded&read=\(found.count)"
        let skipped = (unrecognised.isEmpty ? [] : ["h:" + unrecognised.joined(separator: "; ")]) + unread.map(\.code)
        for item in skipped.prefix(Self.maximumReported) { address += "&skipped=" + CatalogQuery.encode(String(item.prefix(122))) }
        return site.redirect(address)
    }

    // MARK: Review

    @Sendable func queue(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let t = context.t, language = t.language
        let state = request.uri.queryParameters.get("state").flatMap(Draft.State.init(rawValue:)) ?? .submitted
        // A code or a name in any language ("PT", "Portugal", "Portogallo"); what cannot be read filters nothing out.
        let typed = request.uri.queryParameters.get("country").map { String($0).trimmed } ?? ""
        let country = typed.isEmpty ? nil : site.catalog.catalog.countries.find(typed)?.code.rawValue ?? typed.uppercased()
        let drafts = try await site.workflow.drafts(state: state).filter { country == nil || $0.practice.country.rawValue == country }
        let countries = site.catalog.catalog.countries
        var view = ReviewQueueView(t: t, state: state, country: country ?? "", items: drafts.map { draft in
            ReviewQueueView.Item(title: draft.practice.title.isEmpty ? t["untitled"] : draft.practice.title,
                                 language: draft.practice.title.isEmpty ? language : draft.practice.language,
                                 href: Route.reviewPractice(draft.practice.id).path(language),
                                 place: PlaceLine.draftText(of: draft.practice, countries: countries, language: language),
                                 submitted: t.date(draft.submittedAt ?? draft.updatedAt))
        })
        view.counts = try await site.workflow.draftCounts()
        // After a decision: what was done, said on the queue the editor comes back to.
        switch request.uri.queryParameters.get("done") {
        case "published": view.notice = t["review_done_published"]
        case "changes": view.notice = t["review_done_changes"]
        default: break
        }
        return site.privatePage(view.render(), title: t["review_title"], route: .review, request, context)
    }

    func review(_ request: Request, _ context: MosaicContext, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let t = context.t
        let id = Practice.ID(rawValue: context.parameters.get("id") ?? "")
        let draft = try await site.workflow.draft(of: id)
        let published = try await site.store.practice(id: id)
        guard let shown = draft?.practice ?? published else { throw HTTPError(.notFound) }
        let diff = PracticeDiff(from: published, to: shown, names: names(t))
        let heading = t.format("review_practice_title", ["title": shown.title.isEmpty ? t["untitled"] : shown.title])
        let headingHTML = t.formatHTML("review_practice_title", ["title": shown.title.isEmpty ? "\(t["untitled"])" : spoken(shown.title, in: shown.language, page: t.language)])
        // Sent again after a request for changes: what changed since the version the editor asked to
        // change (the submission before this one), and the contributor's reply.
        var sinceRequest: [DiffRow]?
        var reply: String?
        if let draft, draft.state == .submitted, draft.editorNote != nil {
            let submissions = try await site.store.revisions(of: id).filter { revision in
                switch revision.note.map(RevisionNote.init(stored:)) {
                case .submitted?, .written?: true
                default: false
                }
            }
            if submissions.count >= 2, let asked = submissions[submissions.count - 2].practice() {
                sinceRequest = changes(PracticeDiff(from: asked, to: shown, names: names(t)), of: shown, t: t)
                if case .written(let text)? = submissions.last?.note.map(RevisionNote.init(stored:)) { reply = text }
            }
        }
        let view = ReviewView(
            t: t, csrf: context.visitor.csrf, id: id, heading: headingHTML, error: error,
            status: draft.map { t["state_\($0.state.rawValue)"] } ?? published.map { t["state_\($0.status.rawValue)"] },
            editorNote: draft?.editorNote, hasDraft: draft != nil, isNew: published == nil,
            changes: draft == nil ? [] : changes(diff, of: shown, t: t), history: published.map { Route.history($0.slug) },
            canUnpublish: published?.status == .published, sinceRequest: sinceRequest, reply: reply)
        return site.privatePage(view.render(), title: heading, route: .reviewPractice(id), request, context, status: status)
    }

    /// The difference's fields, labelled, each in its language: what the practice's authors wrote in the
    /// practice's language (a translation in its own), what Mosaic names (a country, topics, the
    /// language, the evidence) in the reader's.
    func changes(_ diff: PracticeDiff, of practice: Practice, t: Strings) -> [DiffRow] {
        diff.changes.map { change in
            let language: String? = switch change.field {
            case "country", "topics", "language", "evidence": nil
            case let field where field.hasPrefix("translation_"): String(field.dropFirst("translation_".count))
            default: practice.language
            }
            return (fieldLabel(change.field, t: t), change.segments, language)
        }
    }

    /// Coded values (country, topics, language, evidence) as the reader's language names them.
    func names(_ t: Strings) -> PracticeDiff.Names {
        let catalog = site.catalog.catalog
        let countries = catalog.countries, taxonomy = catalog.taxonomy, language = t.language
        let evidence = Dictionary(uniqueKeysWithValues: Practice.Evidence.allCases.map { ($0.rawValue, t["evidence_\($0.rawValue)"]) })
        return PracticeDiff.Names(
            country: { countries[Country.Code(rawValue: $0)]?.name(in: language) ?? $0 },
            topic: { taxonomy[Topic.Key(rawValue: $0)]?.label(in: language) ?? $0 },
            language: { LanguageNames.name(of: $0, in: language) },
            evidence: { evidence[$0] ?? $0 })
    }

    func fieldLabel(_ field: String, t: Strings) -> String {
        if let section = Practice.Section(rawValue: field) { return t["section_\(section.rawValue)"] }
        if field.hasPrefix("translation_") {
            return t.format("field_translation", ["language": LanguageNames.name(of: String(field.dropFirst("translation_".count)), in: t.language)])
        }
        return t["field_\(field)"]
    }

    private func decided(_ request: Request, _ context: MosaicContext, _ decision: () async throws -> Response) async throws -> Response {
        do {
            return try await decision()
        } catch let error as WorkflowError {
            let t = context.t
            return site.message(MessageView(heading: t["review_title"], text: EditorialService.explain(error, t), link: (Route.review.path(t.language), t["review_title"])),
                                request, context, status: .conflict)
        }
    }

    @Sendable func publish(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let editor = try context.account()
        let id = Practice.ID(rawValue: context.parameters.get("id") ?? "")
        do {
            return try await decided(request, context) {
                _ = try await editorial.publish(id, by: editor, note: context.form.text("note"))
                return site.redirect(Route.review.path(context.language) + "?done=published")
            }
        } catch EditorialService.Refusal.invalid(let issues) {
            let t = context.t
            let problems = issues.map { "\(fieldLabel($0.field, t: t)): \($0.message)" }.joined(separator: " · ")
            return try await review(request, context, error: t.format("review_cannot_publish", ["problems": problems]), status: .unprocessableContent)
        }
    }

    @Sendable func requestChanges(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let editor = try context.account()
        let id = Practice.ID(rawValue: context.parameters.get("id") ?? "")
        guard let note = context.form.text("note") else {
            return try await review(request, context, error: context.t["review_note_required"], status: .unprocessableContent)
        }
        return try await decided(request, context) {
            try await editorial.requestChanges(id, by: editor, note: note)
            return site.redirect(Route.review.path(context.language) + "?done=changes")
        }
    }

    @Sendable func unpublish(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let editor = try context.account()
        let id = Practice.ID(rawValue: context.parameters.get("id") ?? "")
        guard let reason = context.form.text("note") else {
            return try await review(request, context, error: context.t["review_reason_required"], status: .unprocessableContent)
        }
        return try await decided(request, context) {
            _ = try await editorial.unpublish(id, by: editor, reason: reason)
            return site.redirect(Route.reviewPractice(id).path(context.language))
        }
    }

    // MARK: History

    @Sendable func history(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let t = context.t, language = t.language
        let slug = context.parameters.get("slug") ?? ""
        guard let slugValue = Slug(rawValue: slug), let found = try await site.store.lookup(slug: slugValue) else { throw HTTPError(.notFound) }
        let id: Practice.ID
        switch found {
        case .current(let current): id = current
        case .former(_, let current): return site.redirect(Route.history(current).path(language))
        }
        guard let practice = try await site.store.practice(id: id) else { throw HTTPError(.notFound) }
        let isEditor = context.visitor.account?.canReview ?? false
        // Readers see the published versions of a published practice; editors see every revision.
        guard practice.status == .published || isEditor else { throw HTTPError(.notFound) }
        let revisions = try await site.store.revisions(of: id)
        let versions: [(revision: Revision, practice: Practice)] = revisions.compactMap { revision in
            guard let version = revision.practice(), isEditor || version.status == .published else { return nil }
            return (revision, version)
        }
        // Readers count the published versions 1, 2, 3; editors also see the drafts between them.
        let public_ = PublicVersions.numbered(versions)
        func label(_ revision: Revision) -> String { public_[revision.number].map(String.init) ?? "–" }
        let naming = names(t)
        var rows: [HistoryView.Row] = []
        var previous: Practice?
        for (revision, version) in versions {
            let changed = PracticeDiff(from: previous, to: version, names: naming).changedFields.map { fieldLabel($0, t: t) }
            rows.append(HistoryView.Row(
                number: revision.number, version: label(revision), date: t.date(revision.createdAt),
                changed: previous == nil ? t["history_first"] : (changed.isEmpty ? t["history_no_change"] : changed.joined(separator: ", ")),
                note: isEditor ? revision.note.map { EditorialService.explain(RevisionNote(stored: $0), t) } : nil,
                status: t["state_\(version.status.rawValue)"], author: revision.author))
            previous = version
        }
        // A readable difference between any two shown versions.
        let numbers = versions.map(\.revision.number)
        let to = request.uri.queryParameters.get("to", as: Int.self).flatMap { numbers.contains($0) ? $0 : nil } ?? numbers.last
        let from = request.uri.queryParameters.get("from", as: Int.self).flatMap { numbers.contains($0) ? $0 : nil }
            ?? to.flatMap { number in numbers.last { $0 < number } }
        var comparison: [DiffRow] = []
        if let from, let to, let old = versions.first(where: { $0.revision.number == from })?.practice,
           let new = versions.first(where: { $0.revision.number == to })?.practice {
            comparison = changes(PracticeDiff(from: old, to: new, names: naming), of: new, t: t)
        }
        let heading = t.format("history_title", ["title": practice.title])
        let view = HistoryView(
            t: t, csrf: context.visitor.csrf, slug: practice.slug,
            heading: t.formatHTML("history_title", ["title": spoken(practice.title, in: practice.language, page: language)]), headingText: heading,
            practiceHref: practice.status == .published ? practice.url(language: language) : nil, isEditor: isEditor,
            rows: rows.reversed(),
            versions: versions.reversed().map { ($0.revision.number, "\(t["history_version"]) \(label($0.revision)) · \(t.date($0.revision.createdAt))") },
            versionLabels: Dictionary(uniqueKeysWithValues: versions.map { ($0.revision.number, label($0.revision)) }),
            from: versions.count > 1 ? from : nil, to: versions.count > 1 ? to : nil, comparison: comparison)
        return site.privatePage(view.render(), title: heading, route: .history(practice.slug), request, context)
    }

    @Sendable func restore(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let editor = try context.account()
        let number = context.parameters.get("number", as: Int.self) ?? 0
        guard let slug = context.parameters.get("slug").flatMap(Slug.init(rawValue:)),
              case .current(let id)? = try await site.store.lookup(slug: slug) else {
            throw HTTPError(.notFound)
        }
        do {
            let practice = try await editorial.restore(id, revision: number, by: editor)
            return site.redirect(Route.history(practice.slug).path(context.language))
        } catch let error as WorkflowError {
            return site.message(MessageView(heading: context.t["history_restore"], text: EditorialService.explain(error, context.t)),
                                request, context, status: .notFound)
        }
    }

    // MARK: Accounts and audit log

    @Sendable func setRole(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let admin = try context.account()
        let target = Account.ID(rawValue: context.parameters.get("id") ?? "")
        guard target != admin.id, let role = context.form["role"].flatMap(Account.Role.init(rawValue:)),
              try await site.workflow.account(id: target) != nil else {
            let t = context.t
            return site.message(MessageView(heading: t["audit_title"], text: t["role_refused"], link: (Route.audit.path(t.language), t["audit_title"])),
                                request, context, status: .unprocessableContent)
        }
        try await site.workflow.setRole(role, of: target, by: admin.email)
        return site.redirect(Route.audit.path(context.language))
    }

    /// The thesaurus search expands queries with, as the snapshot in use has it.
    @Sendable func thesaurus(_ request: Request, _ context: MosaicContext) async throws -> Response {
        _ = try context.account()
        let view = ThesaurusView(t: context.t, thesaurus: site.catalog.catalog.thesaurus)
        return site.privatePage(view.render(), title: context.t["thesaurus_title"], route: .thesaurus, request, context)
    }

    @Sendable func audit(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let admin = try context.account()
        let t = context.t
        let view = AuditView(
            t: t, csrf: context.visitor.csrf,
            // An administrator does not change their own role: the site always keeps one.
            accounts: try await site.workflow.accounts().map { AuditView.AccountRow(account: $0, roleAction: $0.id == admin.id ? nil : .accountRole($0.id)) },
            entries: try await site.workflow.auditLog(limit: 500))
        return site.privatePage(view.render(), title: t["audit_title"], route: .audit, request, context)
    }

    // MARK: The city register

    /// The register: names that look alike (to merge in one step), a form to merge any two, and every
    /// name with its practices and other spellings.
    @Sendable func cityRegister(_ request: Request, _ context: MosaicContext) async throws -> Response {
        try await cityRegisterPage(request, context, error: nil, status: .ok)
    }

    private func cityRegisterPage(_ request: Request, _ context: MosaicContext, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let t = context.t
        let register = try await site.store.cityRegister()
        let counts = try await site.store.publishedPracticesByCity()
        let countries = site.catalog.catalog.countries
        let query = Dictionary(CatalogQuery.pairs(request.uri.query ?? ""), uniquingKeysWith: { first, _ in first })
        // The notice names what was merged only if the register says so: a link cannot make it up.
        var notice: String?
        if query["done"] == "merged", let country = query["country"], let from = query["from"], let into = query["into"],
           from.components(separatedBy: ", ").allSatisfy({ register.resolve($0, country: country) == into && !register.names.contains(CityRegister.Name(country: country, name: $0)) }) {
            notice = t.plural("cities_merged", min(Int(query["count"] ?? "") ?? 0, 1_000_000), with: ["from": from, "into": into])
        }
        let view = CityRegisterView.make(t: t, csrf: context.visitor.csrf, register: register, counts: counts, countries: countries,
                                         notice: notice, error: error, form: error == nil ? nil : context.form)
        return site.privatePage(view.render(), title: t["cities_title"], route: .cityRegister, request, context, status: status)
    }

    /// Merges names into the one kept: one name (the form with two fields) or every other name of a
    /// group of look-alikes.
    @Sendable func mergeCities(_ request: Request, _ context: MosaicContext) async throws -> Response {
        let account = try context.account()
        let t = context.t
        let form = context.form
        let country = (form.text("country") ?? "").uppercased()
        let into = form.text("into") ?? ""
        let group = form.all("names").map(\.trimmed).filter { !$0.isEmpty }
        let retired = group.isEmpty ? [form.text("from") ?? ""] : group.filter { $0 != into }
        // A group is a handful of names; more is not a form this page wrote.
        guard retired.count <= 20 else { throw HTTPError(.badRequest) }
        var changed = 0
        do {
            if retired.isEmpty || into.isEmpty || retired.contains("") { throw WorkflowError.sameCity }
            for from in retired {
                changed += try await site.workflow.mergeCity(country: country, from: from, into: into, by: account)
            }
        } catch let error as WorkflowError {
            await site.follower.catchUpAfterWrite()
            return try await cityRegisterPage(request, context, error: EditorialService.explain(error, t), status: .unprocessableContent)
        }
        await site.follower.catchUpAfterWrite()
        let pairs = [("done", "merged"), ("country", country), ("from", retired.joined(separator: ", ")), ("into", into), ("count", String(changed))]
        return site.redirect(Route.cityRegister.path(t.language) + "?" + pairs.map { "\($0.0)=\(CatalogQuery.encode($0.1))" }.joined(separator: "&"))
    }
}
