import MosaicCore

/// A practice page: every section of the template that has text, the facts (place, period, topics,
/// languages, evidence), links, how to reach the owner, and related practices.
struct PracticeView {
    let t: Strings
    let practice: Practice
    let countryName: String
    let topics: [(label: String, href: String)]
    let availableLanguages: String
    /// Where "Back" goes and what it says: the list the reader came from, or the whole catalogue.
    let back: (href: String, label: String)
    let related: [CardView]
    /// "Cite this practice", when its history is known.
    var citation: Citation? = nil

    func render() -> HTML {
        let language = t.language
        let title = Localized.title(of: practice, in: language)
        var html: HTML = """
            <div class="wrap practice-page">
            <p class="back-link"><a href="\(back.href)"><span aria-hidden="true">←</span> \(back.label)</a></p>
            <article class="practice" aria-labelledby="practice-title">
            <header class="practice-header">
            <h1 id="practice-title"\(HTML.lang(title.language, page: language))>\(title.text)</h1>

            """
        if let subtitle = Localized.subtitle(of: practice, in: language) {
            html += "<p class=\"subtitle\"\(HTML.lang(subtitle.language, page: language))>\(subtitle.text)</p>\n"
        }
        html += "<dl class=\"facts\">\n<div><dt>\(t["location"])</dt><dd>"
        for city in practice.cities { html += "<a href=\"\(Route.city(name: city).path(language))\">\(city)</a>, " }
        html += "<a href=\"\(Route.country(practice.country).path(language))\">\(countryName)</a></dd></div>\n"
        let period = Localized.period(of: practice, in: language, periods: PeriodTexts(t))
        if let period {
            html += "<div><dt>\(t["period"])</dt><dd><span\(HTML.lang(period.language, page: language))>\(period.text)</span>"
            // What Mosaic read, and what the city wrote.
            if let written = Localized.writtenPeriod(of: practice, besides: period) {
                let (before, after) = t["period_as_written"].splitAround("{text}")
                html += " <span class=\"as-written\">(\(before)<span lang=\"\(written.language)\">\(written.text)</span>\(after))</span>"
            }
            html += "</dd></div>\n"
        }
        if !topics.isEmpty {
            html += "<div><dt>\(t["topics"])</dt><dd><ul class=\"tags\">"
            html += topics.html { "<li><a href=\"\($0.href)\">\($0.label)</a></li>" }
            html += "</ul></dd></div>\n"
        }
        html += "<div><dt>\(t["available_languages"])</dt><dd>\(availableLanguages)</dd></div>\n"
        if let evidence = practice.evidence { html += "<div><dt>\(t["evidence"])</dt><dd>\(t["evidence_\(evidence.rawValue)"])</dd></div>\n" }
        html += "</dl>\n"
        var sections = HTML()
        var untranslated = false
        for section in Practice.Section.allCases {
            guard let text = Localized.section(section, of: practice, in: language), !text.text.trimmed.isEmpty else { continue }
            if text.language != language { untranslated = true }
            sections += """
                <section class="practice-section" aria-labelledby="section-\(section.rawValue)">
                <h2 id="section-\(section.rawValue)">\(t["section_\(section.rawValue)"])</h2>
                <div class="text"\(HTML.lang(text.language, page: language))>\(PracticeText.html(text.text))</div>
                </section>

                """
        }
        if untranslated {
            let note = t.format("original_language_note", ["language": LanguageNames.name(of: practice.language, in: language)])
            html += "<p class=\"note\">\(note)</p>\n"
        }
        html += "<p class=\"print-row\"><button type=\"button\" class=\"secondary\" data-print hidden>\(t["print"])</button></p>\n</header>\n"
        html += sections
        if !practice.links.isEmpty {
            html += "<section class=\"practice-section\" aria-labelledby=\"section-links\">\n<h2 id=\"section-links\">\(t["links"])</h2>\n<ul>"
            html += practice.links.html { link in
                "<li><a href=\"\(link.url)\" rel=\"noopener noreferrer nofollow\">\(link.title.isEmpty ? link.url : link.title)</a> <span class=\"url\">\(link.url)</span></li>"
            }
            html += "</ul>\n</section>\n"
        }
        html += """
            <section class="practice-section contact" aria-labelledby="section-contact">
            <h2 id="section-contact">\(t["contact_heading"])</h2>
            <p>\(t["contact_text"])</p>
            </section>
            <p class="published">\(t.format("published_on", ["date": t.date(practice.publishedAt ?? practice.createdAt)])) · <a href="\(Route.history(practice.slug).path(language))">\(t["history_link"])</a></p>

            """
        if let citation { html += citation.render() }
        html += """
            </article>

            """
        if !related.isEmpty {
            html += """
                <aside class="related" aria-labelledby="related-heading">
                <h2 id="related-heading">\(t["related_heading"])</h2>
                <ol class="cards compact">
                \(related.render())</ol>
                </aside>

                """
        }
        return html + "</div>\n"
    }
}

/// The template page: every field with whether it is required and what to write.
struct TemplateView {
    let t: Strings

    func render() -> HTML {
        let language = t.language
        var html: HTML = """
            <div class="wrap template-page">
            <h1>\(t["template_title"])</h1>
            <p class="lead">\(t["template_intro"])</p>
            <p class="template-actions"><a class="button" href="\(Route.templateDocx.path(language))" download>\(t["template_download_docx"])</a> <a class="button" href="\(Route.templateMarkdown.path(language))" download>\(t["template_download"])</a> <button type="button" class="secondary" data-print hidden>\(t["print"])</button></p>
            <p class="note">\(t["template_submit"]) <a href="\(Route.submit.path(language))">\(t["submit_new"])</a></p>
            <ol class="template-fields">

            """
        for field in PracticeTemplate.fields {
            html += """
                <li>
                <h2 id="field-\(field.key)">\(t[field.labelKey]) <span class="requirement requirement-\(field.requirement.rawValue)">\(t["template_\(field.requirement.rawValue)"])</span></h2>
                <p>\(t[field.guidanceKey])</p>
                </li>

                """
        }
        return html + "</ol>\n</div>\n"
    }

    /// The template as Markdown, to fill in with any editor and upload.
    static func markdown(_ t: Strings) -> String {
        var text = "# \(t["template_title"])\n\n\(t["template_intro"])\n\n"
        for field in PracticeTemplate.fields {
            text += "## \(t[field.labelKey]) (\(t["template_\(field.requirement.rawValue)"]))\n\n_\(t[field.guidanceKey])_\n\n\n"
        }
        return text
    }
}
