import MosaicCore
import MosaicSearch
import MosaicStore

/// The review queue: drafts in one state, filtered by country.
struct ReviewQueueView {
    struct Item {
        let title: String
        /// The title's language.
        let language: String
        let href: String
        let place: String
        let submitted: String
    }

    let t: Strings
    let state: Draft.State
    let country: String
    let items: [Item]
    /// How many drafts wait in each state (the queue names them beside each state).
    var counts: [Draft.State: Int] = [:]
    /// What the editor just did ("The practice is published"), after the redirect.
    var notice: String? = nil

    func render() -> HTML {
        let heading = t["review_title"]
        var html: HTML = """
            <div class="wrap">
            <h1>\(heading)</h1>
            \(notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>\n" as HTML } ?? HTML())<form class="controls" method="get" action="\(Route.review.path(t.language))">
            <div class="control"><label for="state">\(t["account_status"])</label>
            <select id="state" name="state">
            """
        html += Draft.State.allCases.html { state in
            let count = " (\(t.number(counts[state] ?? 0)))"
            return "<option value=\"\(state.rawValue)\"\(HTML.when(state == self.state, " selected"))>\(t["state_\(state.rawValue)"])\(count)</option>"
        }
        html += """
            </select></div>
            <div class="control"><label for="country">\(t["field_country"])</label>
            <input type="text" id="country" name="country" value="\(country)" size="4"></div>
            <button type="submit" class="secondary">\(t["apply"])</button>
            </form>
            <p class="showing" role="status">\(t.plural("review_count", items.count))</p>

            """
        if items.isEmpty {
            html += "<p>\(t["review_empty"])</p>\n"
        } else {
            html += """
                <div class="table-scroll" role="region" tabindex="0" aria-label="\(heading)">
                <table class="data-table">
                <thead><tr><th scope="col">\(t["account_practice"])</th><th scope="col">\(t["review_place"])</th><th scope="col">\(t["review_submitted"])</th></tr></thead>
                <tbody>
                \(items.html { "<tr><td><a href=\"\($0.href)\"\(HTML.lang($0.language, page: t.language))>\($0.title)</a></td><td>\($0.place)</td><td>\($0.submitted)</td></tr>\n" })</tbody>
                </table>
                </div>

                """
        }
        return html + "</div>\n"
    }
}

/// One practice under review: what the draft changes, and the editor's decisions.
struct ReviewView {
    let t: Strings
    let csrf: String
    let id: Practice.ID
    /// "Review: <title>", the title in its own language.
    let heading: HTML
    let error: String?
    let status: String?
    let editorNote: String?
    let hasDraft: Bool
    let isNew: Bool
    let changes: [DiffRow]
    let history: Route?
    let canUnpublish: Bool
    /// For a practice sent again after a request for changes: what changed since, and the reply.
    var sinceRequest: [DiffRow]? = nil
    var reply: String? = nil

    func render() -> HTML {
        let language = t.language
        var html: HTML = "<div class=\"wrap\">\n<p class=\"back-link\"><a href=\"\(Route.review.path(language))\">\(t["review_back"])</a></p>\n<h1>\(heading)</h1>\n"
        if let error { html += "<p class=\"form-error\" role=\"alert\">\(error)</p>\n" }
        if let status { html += "<p>\(t["account_status"]): <strong>\(status)</strong></p>\n" }
        if let editorNote {
            html += "<div class=\"editor-note\"><h2>\(sinceRequest == nil ? t["editor_note"] : t["review_you_asked"])</h2><p>\(editorNote)</p></div>\n"
        }
        if let reply { html += "<div class=\"editor-note reply\"><h2>\(t["review_reply"])</h2><p>\(reply)</p></div>\n" }
        if let sinceRequest {
            html += "<h2>\(t["review_since_request"])</h2>\n"
            if sinceRequest.isEmpty { html += "<p>\(t["review_no_changes"])</p>\n" }
            html += diffList(sinceRequest, t)
        }
        if hasDraft {
            html += "<h2>\(isNew ? t["review_new_practice"] : t["review_compared"])</h2>\n"
            if changes.isEmpty { html += "<p>\(t["review_no_changes"])</p>\n" }
            html += diffList(changes, t)
            html += """
                <p class="note">\(t["diff_legend"])</p>
                <div class="review-actions">
                <form method="post" action="\(Route.publish(id).path(language))" class="stacked-form">
                \(csrfField(csrf))
                <div class="form-field"><label for="publish-note">\(t["review_publish_note"])</label>
                <input type="text" id="publish-note" name="note"></div>
                <button type="submit">\(t["review_publish"])</button>
                </form>
                <form method="post" action="\(Route.requestChanges(id).path(language))" class="stacked-form">
                \(csrfField(csrf))
                <div class="form-field"><label for="changes-note">\(t["review_changes_note"])</label>
                <textarea id="changes-note" name="note" rows="4" required></textarea></div>
                <button type="submit" class="secondary">\(t["review_request_changes"])</button>
                </form>
                </div>

                """
        } else {
            html += "<p>\(t["review_no_draft"])</p>\n"
        }
        html += "<p><a href=\"\(Route.editDraft(id).path(language))\">\(t["review_edit"])</a>"
        if let history { html += " · <a href=\"\(history.path(language))\">\(t["history_link"])</a>" }
        html += "</p>\n"
        if canUnpublish {
            html += """
                <form method="post" action="\(Route.unpublish(id).path(language))" class="stacked-form">
                \(csrfField(csrf))
                <div class="form-field"><label for="unpublish-reason">\(t["review_unpublish_reason"])</label>
                <input type="text" id="unpublish-reason" name="note" required></div>
                <button type="submit" class="secondary">\(t["review_unpublish"])</button>
                </form>

                """
        }
        return html + "</div>\n"
    }
}

/// The history of a practice: its versions, and the difference between any two.
struct HistoryView {
    struct Row {
        /// The revision (what restoring and comparing name).
        let number: Int
        /// Its public version number ("–" for a draft between versions).
        let version: String
        let date: String
        let changed: String
        let note: String?
        let status: String
        let author: String
    }

    let t: Strings
    let csrf: String
    let slug: Slug
    /// "History of <title>", the title in its own language; `headingText` the same as plain text.
    let heading: HTML
    let headingText: String
    /// The practice page, when it is public.
    let practiceHref: String?
    let isEditor: Bool
    /// Newest first.
    let rows: [Row]
    let versions: [(number: Int, label: String)]
    /// Revision → public version number, for the comparison's heading.
    let versionLabels: [Int: String]
    let from: Int?
    let to: Int?
    let comparison: [DiffRow]

    func render() -> HTML {
        let language = t.language
        var html: HTML = "<div class=\"wrap\">\n"
        if let practiceHref { html += "<p class=\"back-link\"><a href=\"\(practiceHref)\">\(t["history_back"])</a></p>\n" }
        html += """
            <h1>\(heading)</h1>
            <p class="lead">\(isEditor ? t["history_intro_editor"] : t["history_intro"])</p>
            <div class="table-scroll" role="region" tabindex="0" aria-label="\(headingText)">
            <table class="data-table">
            <thead><tr><th scope="col">\(t["history_version"])</th><th scope="col">\(t["history_date"])</th><th scope="col">\(t["history_changed"])</th>
            """
        if isEditor {
            html += "<th scope=\"col\">\(t["account_status"])</th><th scope=\"col\">\(t["history_author"])</th><th scope=\"col\"><span class=\"visually-hidden\">\(t["account_actions"])</span></th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr><td>\(row.version)</td><td>\(row.date)</td><td>\(row.changed)"
            if let note = row.note { html += "<br><small>\(note)</small>" }
            html += "</td>"
            if isEditor {
                html += "<td>\(row.status)</td><td>\(row.author)</td><td><form method=\"post\" action=\"\(Route.restore(slug, revision: row.number).path(language))\">"
                html += "\(csrfField(csrf))<button type=\"submit\" class=\"secondary\">\(t["history_restore"])<span class=\"visually-hidden\"> \(row.version == "–" ? row.date : row.version)</span></button></form></td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n</div>\n"
        if versions.count > 1 {
            html += """
                <h2>\(t["history_compare"])</h2>
                <form class="controls" method="get" action="\(Route.history(slug).path(language))">
                <div class="control"><label for="from">\(t["history_from"])</label>
                <select id="from" name="from">\(options(selected: from))</select></div>
                <div class="control"><label for="to">\(t["history_to"])</label>
                <select id="to" name="to">\(options(selected: to))</select></div>
                <button type="submit" class="secondary">\(t["history_show"])</button>
                </form>

                """
            if let from, let to {
                html += "<h3>\(t.format("history_compare_heading", ["from": versionLabels[from] ?? String(from), "to": versionLabels[to] ?? String(to)]))</h3>\n"
            }
            if from != nil && comparison.isEmpty { html += "<p>\(t["history_no_difference"])</p>\n" }
            html += diffList(comparison, t)
            html += "<p class=\"note\">\(t["diff_legend"])</p>\n"
        }
        return html + "</div>\n"
    }

    private func options(selected: Int?) -> HTML {
        versions.html { "<option value=\"\($0.number)\"\(HTML.when($0.number == selected, " selected"))>\($0.label)</option>" }
    }
}

/// Accounts with their roles (administrators change them here) and the audit log.
struct AuditView {
    struct AccountRow {
        let account: Account
        /// Nil for the administrator's own account: the site always keeps one.
        let roleAction: Route?
    }

    let t: Strings
    let csrf: String
    let accounts: [AccountRow]
    let entries: [AuditEntry]

    func render() -> HTML {
        var html: HTML = """
            <div class="wrap">
            <h1>\(t["audit_title"])</h1>
            <h2>\(t["audit_accounts"])</h2>
            <div class="table-scroll" role="region" tabindex="0" aria-label="\(t["audit_accounts"])">
            <table class="data-table">
            <thead><tr><th scope="col">\(t["login_email"])</th><th scope="col">\(t["audit_name"])</th><th scope="col">\(t["audit_role"])</th><th scope="col">\(t["field_cities"])</th></tr></thead>
            <tbody>

            """
        for row in accounts {
            let account = row.account
            html += "<tr><td>\(account.email)</td><td>\(account.name)</td><td>"
            if let action = row.roleAction {
                html += "<form method=\"post\" action=\"\(action.path(t.language))\" class=\"inline-form\">\(csrfField(csrf))"
                html += "<label for=\"role-\(account.id.rawValue)\" class=\"visually-hidden\">\(t["audit_role"]) · \(account.email)</label>"
                html += "<select id=\"role-\(account.id.rawValue)\" name=\"role\">"
                html += Account.Role.allCases.html { "<option value=\"\($0.rawValue)\"\(HTML.when($0 == account.role, " selected"))>\(t["role_\($0.rawValue)"])</option>" }
                html += "</select> <button type=\"submit\" class=\"secondary\">\(t["role_change"])</button></form>"
            } else {
                html += "\(t["role_\(account.role.rawValue)"])"
            }
            html += "</td><td>\(account.cities.joined(separator: ", "))</td></tr>\n"
        }
        html += """
            </tbody>
            </table>
            </div>
            <h2>\(t["audit_log"])</h2>
            <div class="table-scroll" role="region" tabindex="0" aria-label="\(t["audit_log"])">
            <table class="data-table">
            <thead><tr><th scope="col">\(t["audit_at"])</th><th scope="col">\(t["audit_actor"])</th><th scope="col">\(t["audit_action"])</th><th scope="col">\(t["audit_subject"])</th><th scope="col">\(t["audit_note"])</th></tr></thead>
            <tbody>

            """
        for entry in entries {
            html += "<tr><td>\(Timestamp.format(entry.at))</td><td>\(entry.actor)</td><td>\(t["audit_\(entry.action.rawValue)"])</td><td>\(entry.subject)</td><td>\(entry.note ?? "")</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n</div>\n"
    }
}

/// The thesaurus that expands searches, for editors to read: each concept with its English and French
/// terms, its broader and narrower concepts, as in the file they edit.
struct ThesaurusView {
    let t: Strings
    let thesaurus: Thesaurus

    func render() -> HTML {
        var html: HTML = """
            <div class="wrap">
            <h1>\(t["thesaurus_title"])</h1>
            <p class="lead">\(t["thesaurus_intro"])</p>
            <p>\(t.plural("thesaurus_count", thesaurus.concepts.count))</p>
            <div class="table-scroll" role="region" tabindex="0" aria-label="\(t["thesaurus_title"])">
            <table class="data-table thesaurus">
            <thead><tr><th scope="col">\(t["thesaurus_key"])</th><th scope="col">\(t["thesaurus_english"])</th><th scope="col">\(t["thesaurus_french"])</th><th scope="col">\(t["thesaurus_broader"])</th><th scope="col">\(t["thesaurus_narrower"])</th></tr></thead>
            <tbody>

            """
        for concept in thesaurus.concepts {
            let narrower = thesaurus.narrowerKeys(of: concept)
            html += """
                <tr id="concept-\(concept.key)"><th scope="row"><code>\(concept.key)</code></th>\
                <td lang="en">\(concept.english.joined(separator: " · "))</td><td lang="fr">\(concept.french.joined(separator: " · "))</td>\
                <td>\(links(concept.broader))</td><td>\(links(narrower))</td></tr>

                """
        }
        return html + "</tbody>\n</table>\n</div>\n</div>\n"
    }

    private func links(_ keys: [String]) -> HTML {
        var html = HTML()
        for (index, key) in keys.enumerated() {
            if index > 0 { html += ", " }
            html += "<a href=\"#concept-\(key)\">\(key)</a>"
        }
        return html
    }
}
