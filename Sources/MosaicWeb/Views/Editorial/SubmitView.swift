import MosaicCore

/// One field of the submission form, ready to show.
struct FormField {
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    enum Input {
        case text(String)
        case textarea(String)
        case select([Option])
        case checkboxes([Option])
    }

    let key: String
    let label: String
    let guidance: String?
    /// "required", "recommended" or "optional", in the reader's language.
    let requirement: String
    let error: String?
    let input: Input
    /// The language of the text typed in, when it is not the page's (a translation).
    var language: String? = nil

    func render() -> HTML {
        var html: HTML = "<div class=\"form-field\(HTML.when(error != nil, " has-error"))\">\n"
        if case .checkboxes(let options) = input {
            html += "<fieldset id=\"f-\(key)\"><legend>\(label) <span class=\"requirement\">\(requirement)</span></legend>\n"
            if let guidance { html += "<p class=\"guidance\">\(guidance)</p>" }
            html += "\n"
            if let error { html += "<p class=\"field-error\">\(error)</p>" }
            html += "\n<ul class=\"checkboxes\">"
            for option in options {
                html += "<li><input type=\"checkbox\" id=\"f-\(key)-\(option.value)\" name=\"\(key)\" value=\"\(option.value)\"\(HTML.when(option.selected, " checked"))>"
                html += "<label for=\"f-\(key)-\(option.value)\">\(option.label)</label></li>"
            }
            return html + "</ul>\n</fieldset>\n</div>\n"
        }
        html += "<label for=\"f-\(key)\">\(label) <span class=\"requirement\">\(requirement)</span></label>\n"
        if let guidance { html += "<p class=\"guidance\" id=\"g-\(key)\">\(guidance)</p>" }
        html += "\n"
        if let error { html += "<p class=\"field-error\" id=\"e-\(key)\">\(error)</p>" }
        html += "\n"
        let describedBy = [guidance == nil ? nil : "g-\(key)", error == nil ? nil : "e-\(key)"].compactMap { $0 }
        let attributes: HTML = "\(HTML.when(!describedBy.isEmpty, " aria-describedby=\"\(describedBy.joined(separator: " "))\""))\(HTML.when(error != nil, " aria-invalid=\"true\""))\(language.map { HTML.lang($0, page: "") } ?? HTML())"
        switch input {
        case .text(let value):
            html += "<input type=\"text\" id=\"f-\(key)\" name=\"\(key)\" value=\"\(value)\"\(attributes)>"
        case .textarea(let value):
            html += "<textarea id=\"f-\(key)\" name=\"\(key)\" rows=\"6\"\(attributes)>\(value)</textarea>"
        case .select(let options):
            html += "<select id=\"f-\(key)\" name=\"\(key)\"\(attributes)>"
            html += options.html { "<option value=\"\($0.value)\"\(HTML.when($0.selected, " selected"))>\($0.label)</option>" }
            html += "</select>"
        case .checkboxes:
            break
        }
        return html + "\n</div>\n"
    }
}

/// The submission form: the template field by field, what is missing, similar practices, an upload.
struct SubmitView {
    let t: Strings
    let csrf: String
    let heading: String
    /// Where the form is posted: a new practice, or the draft being edited.
    let action: Route
    let isNew: Bool
    let notice: String?
    let status: String?
    let editorNote: String?
    let publishedStays: Bool
    let ownCities: String?
    let problems: [FieldIssue]
    let completeness: (filled: Int, total: Int, missing: [String])
    let similar: [(title: String, href: String, place: String)]
    let fields: [FormField]
    let translations: [SubmissionForm.TranslationForm]
    /// After a request for changes: a field for the contributor's reply to the editor, sent with the draft.
    var asksForReply = false
    /// The page that deletes this draft, when it was never published.
    var deleteHref: String? = nil

    func render() -> HTML {
        let language = t.language
        var html: HTML = "<div class=\"wrap submit-page\">\n<h1>\(heading)</h1>\n"
        if let notice { html += "<p class=\"notice\" role=\"status\">\(notice)</p>\n" }
        if let status { html += "<p>\(t["account_status"]): <strong>\(status)</strong></p>\n" }
        if let editorNote { html += "<div class=\"editor-note\"><h2>\(t["editor_note"])</h2><p>\(editorNote)</p></div>\n" }
        if publishedStays { html += "<p class=\"note\">\(t["submit_published_stays"])</p>\n" }
        if let ownCities { html += "<p class=\"note\">\(ownCities)</p>\n" }
        if !problems.isEmpty {
            html += "<div class=\"form-error\" role=\"alert\"><h2>\(t.plural("form_problems", problems.count))</h2>\n<ul>"
            // Each problem names its field, and links to it.
            var labels: [String: String] = [:]
            for field in fields + translations.flatMap(\.fields) { labels[field.key] = field.label }
            labels["tr_new_language"] = t["translation_language"]
            html += problems.html { problem in
                let text = labels[problem.field].map { t.format("form_problem_item", ["field": $0, "message": problem.message]) } ?? problem.message
                return "<li><a href=\"#f-\(problem.field)\">\(text)</a></li>"
            }
            html += "</ul></div>\n"
        }
        let filled = t.plural("completeness", completeness.filled, with: ["total": t.number(completeness.total)])
        html += """
            <div class="completeness">
            <label for="completeness">\(t["completeness_label"])</label>
            <meter id="completeness" min="0" max="\(completeness.total)" value="\(completeness.filled)">\(filled)</meter>
            <p>\(filled)
            """
        if !completeness.missing.isEmpty { html += " \(t.format("completeness_missing", ["sections": completeness.missing.joined(separator: ", ")]))" }
        html += "</p>\n</div>\n"
        if isNew {
            html += """
                <details class="upload">
                <summary>\(t["upload_summary"])</summary>
                <p>\(t["upload_intro"]) <a href="\(Route.templateDocx.path(language))">\(t["template_download_docx"])</a> · <a href="\(Route.templateMarkdown.path(language))">\(t["template_download"])</a></p>
                <form method="post" action="\(Route.upload.path(language))" enctype="multipart/form-data" class="stacked-form">
                \(csrfField(csrf))
                <div class="form-field"><label for="document">\(t["upload_label"])</label>
                <input type="file" id="document" name="document" accept=".docx,.md,.markdown,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown"></div>
                <button type="submit" class="secondary">\(t["upload_submit"])</button>
                </form>
                </details>

                """
        }
        if !similar.isEmpty {
            html += """
                <section class="similar" aria-labelledby="similar-heading">
                <h2 id="similar-heading">\(t["similar_heading"])</h2>
                <p>\(t["similar_intro"])</p>
                <ul>\(similar.html { "<li><a href=\"\($0.href)\">\($0.title)</a> · \($0.place)</li>" })</ul>
                </section>

                """
        }
        html += "<form class=\"stacked-form template-form\" method=\"post\" action=\"\(action.path(language))\">\n\(csrfField(csrf))\n"
        html += fields.html { $0.render() }
        if !translations.isEmpty {
            html += "<section class=\"translations\" aria-labelledby=\"translations-heading\">\n<h2 id=\"translations-heading\">\(t["translations_heading"])</h2>\n"
            html += "<p class=\"guidance\">\(t["translations_intro"])</p>\n"
            for translation in translations {
                html += "<details class=\"translation\"\(HTML.when(translation.language != nil, " open"))><summary>\(translation.name)</summary>\n"
                if !translation.languages.isEmpty {
                    html += "<div class=\"form-field\"><label for=\"f-tr_new_language\">\(t["translation_language"])</label>\n"
                    html += "<select id=\"f-tr_new_language\" name=\"tr_new_language\">"
                    html += translation.languages.html { "<option value=\"\($0.value)\"\(HTML.when($0.selected, " selected"))>\($0.label)</option>" }
                    html += "</select></div>\n"
                }
                html += translation.fields.html { $0.render() }
                html += "</details>\n"
            }
            html += "</section>\n"
        }
        if asksForReply {
            html += "<div class=\"form-field\"><label for=\"f-reply\">\(t["submit_reply_label"])</label>\n"
            html += "<textarea id=\"f-reply\" name=\"reply\" rows=\"3\" maxlength=\"\(EditorialService.maximumReplyLength)\"></textarea></div>\n"
        }
        html += """
            <div class="form-actions">
            <button type="submit" name="action" value="save" class="secondary">\(t["submit_save"])</button>
            <button type="submit" name="action" value="submit">\(t["submit_send"])</button>
            </div>
            </form>

            """
        if let deleteHref { html += "<p class=\"delete-draft\"><a href=\"\(deleteHref)\">\(t["draft_delete"])</a></p>\n" }
        return html + "</div>\n"
    }
}

/// Asks before a draft is deleted: what goes, that it cannot be undone, and a way back.
struct DeleteDraftView {
    let t: Strings
    let csrf: String
    let title: String
    let action: Route
    let back: String

    func render() -> HTML {
        """
        <div class="wrap narrow">
        <h1>\(t.format("draft_delete_title", ["title": title]))</h1>
        <p class="lead">\(t["draft_delete_text"])</p>
        <form method="post" action="\(action.path(t.language))" class="form-actions">
        \(csrfField(csrf))
        <button type="submit" class="danger">\(t["draft_delete"])</button>
        <a href="\(back)">\(t["draft_delete_cancel"])</a>
        </form>
        </div>

        """
    }
}
