import MosaicCore

/// The chrome every page shares: language, title, navigation, language switcher, alternates.
struct Layout: Sendable {
    enum Section { case home, practices, template, account, none }

    let t: Strings
    let pageTitle: String
    let description: String
    /// The page's path without its language prefix, and the query to keep when switching language.
    let path: String
    let query: String?
    let section: Section
    let assetVersion: String
    /// The site's public address, for canonical and alternate links; relative links when nil.
    let baseURL: String?
    /// The same content in other formats (feeds, downloads), for `<link rel="alternate">`.
    var alternates: [(type: String, title: String, href: String)] = []
    /// A JSON-LD description of the page (schema.org, DCAT), in a script element.
    var structuredData: String? = nil
    /// Whether the catalogue shows sample practices (the footer says they are invented).
    var showsSampleContent = false

    var language: String { t.language }

    func link(_ language: String) -> String {
        Languages.prefixed(path, language: language) + (query.map { $0.isEmpty ? "" : "?" + $0 } ?? "")
    }

    private func absolute(_ path: String) -> String { (baseURL ?? "") + path }

    /// The whole document around a page's own markup.
    func render(_ body: HTML, languageNames: (String) -> String) -> HTML {
        let language = self.language
        var html = HTML(capacity: body.utf8Count + 4096)
        html += """
            <!DOCTYPE html>
            <html lang="\(language)"\(HTML.when(t["language_direction"] == "rtl", " dir=\"rtl\""))>
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(pageTitle) · \(t["site_name"])</title>
            <meta name="description" content="\(description)">
            <link rel="stylesheet" href="\(Route.asset("mosaic.css").path)?v=\(assetVersion)">

            """
        if baseURL != nil { html += "<link rel=\"canonical\" href=\"\(absolute(link(language)))\">\n" }
        for other in Localizer.languages {
            html += "<link rel=\"alternate\" hreflang=\"\(other)\" href=\"\(absolute(link(other)))\">\n"
        }
        html += "<link rel=\"alternate\" hreflang=\"x-default\" href=\"\(absolute(link(Localizer.defaultLanguage)))\">\n"
        for alternate in alternates {
            html += "<link rel=\"alternate\" type=\"\(alternate.type)\" title=\"\(alternate.title)\" href=\"\(alternate.href)\">\n"
        }
        if let structuredData {
            // JSON is inert in a script element once "<" is escaped (no "</script>" can end it early).
            html += "<script type=\"application/ld+json\">\(HTML(scriptJSON: structuredData))</script>\n"
        }
        html += """
            <script src="\(Route.asset("mosaic.js").path)?v=\(assetVersion)" defer></script>
            </head>
            <body>
            <a class="skip-link" href="#main">\(t["skip_to_content"])</a>
            <header class="site-header">
            <div class="wrap header-row">
            <a class="brand" href="\(Route.home.path(language))"><span class="brand-name">\(t["site_name"])</span> <span class="brand-tagline">\(t["site_tagline"])</span></a>
            <nav class="site-nav" aria-label="\(t["nav_label"])">
            <ul>
            """
        let nav: [(String, Route, Section)] = [("nav_home", .home, .home), ("nav_practices", .practices, .practices),
                                               ("nav_template", .template, .template), ("nav_account", .account, .account)]
        for (key, route, section) in nav {
            html += "<li><a href=\"\(route.path(language))\"\(HTML.when(section == self.section, " aria-current=\"page\""))>\(t[key])</a></li>"
        }
        // Thirteen languages: a disclosure (no script needed) that opens on the current one's name. Each
        // link goes through /language/xx, which remembers the choice for the home page.
        html += "</ul>\n</nav>\n<nav class=\"languages\" aria-label=\"\(t["language_switch_label"])\">\n<details>"
        html += "<summary><span class=\"visually-hidden\">\(t["language_switch_label"]): </span><span lang=\"\(language)\">\(languageNames(language))</span></summary>\n<ul>"
        for (code, href) in Route.languageChoices(next: path + (query.map { $0.isEmpty ? "" : "?" + $0 } ?? "")) {
            html += code == language
                ? "<li><span class=\"current-language\" lang=\"\(code)\" aria-current=\"true\">\(languageNames(code))</span></li>"
                : "<li><a href=\"\(href)\" hreflang=\"\(code)\" lang=\"\(code)\" rel=\"nofollow\">\(languageNames(code))</a></li>"
        }
        html += "</ul>\n</details>\n</nav>\n</div>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n\n"
        html += body
        html += """
            </main>
            <footer class="site-footer">
            <div class="wrap"><p>\(t["footer_text"])\(showsSampleContent ? " \(t["footer_sample"])" : "")</p>
            <p class="footer-links"><a href="\(Route.data.path(language))">\(t["footer_data"])</a> · <a href="\(Route.api.path(language))">\(t["footer_api"])</a></p></div>
            </footer>
            </body>
            </html>

            """
        return html
    }
}

/// The search form, on the home, catalogue and not-found pages.
struct SearchFormView {
    let action: String
    let id: String
    let text: String
    /// Filters kept when searching again from the catalogue.
    var hidden: [(name: String, value: String)] = []

    func render(_ t: Strings) -> HTML {
        var html: HTML = """
            <form class="search-form" role="search" action="\(action)" method="get">
            <label for="\(id)">\(t["search_label"])</label>
            <div class="search-row">
            <input id="\(id)" name="q" type="search" value="\(text)" placeholder="\(t["search_placeholder"])" autocomplete="off" data-suggest="\(Route.apiSuggest.path(t.language))">
            <button type="submit">\(t["search_button"])</button>
            </div>
            <p class="hint" id="\(id)-hint" hidden>\(t["suggest_hint"])</p>

            """
        for field in hidden { html += "<input type=\"hidden\" name=\"\(field.name)\" value=\"\(field.value)\">\n" }
        return html + "</form>\n"
    }
}

/// A short page that says one thing (done, refused, expired), with a link onwards.
struct MessageView {
    let heading: String
    let text: String
    var link: (href: String, label: String)?

    func render() -> HTML {
        var html: HTML = "<div class=\"wrap narrow\">\n<h1>\(heading)</h1>\n<p class=\"lead\">\(text)</p>\n"
        if let link { html += "<p><a href=\"\(link.href)\">\(link.label)</a></p>\n" }
        return html + "</div>\n"
    }
}

/// The hidden field every form carries.
func csrfField(_ token: String) -> HTML {
    "<input type=\"hidden\" name=\"csrf\" value=\"\(token)\">"
}

/// One changed field of a difference: its label, its words, and the language they are written in (nil:
/// the reader's, for values Mosaic names itself, such as a country).
typealias DiffRow = (label: String, segments: [PracticeDiff.Segment], language: String?)

/// A practice's text as a page shows it: in a `span` with its language when that is not the page's.
func spoken(_ text: String, in language: String, page: String) -> HTML {
    language == page || language.isEmpty ? "\(text)" : "<span lang=\"\(language)\">\(text)</span>"
}

/// The parts of a difference between two versions: unchanged, added and removed words. Added and
/// removed words are also said in words ("removed: …"), for readers who do not see the colours.
func diffList(_ changes: [DiffRow], _ t: Strings) -> HTML {
    var html: HTML = "<dl class=\"diff\">\n"
    for change in changes {
        let other = change.language.map { HTML.lang($0, page: t.language) } ?? HTML()
        // In a text of another language, "added:" and "removed:" are still said in the page's.
        let own: HTML = other.isEmpty ? HTML() : " lang=\"\(t.language)\""
        html += "<dt>\(change.label)</dt>\n<dd\(other)>"
        for segment in change.segments {
            let piece: HTML = switch segment.kind {
            case .same: "<span>\(segment.text)</span>"
            case .added: "<ins><span class=\"visually-hidden\"\(own)>\(t["diff_added"]) </span>\(segment.text)</ins>"
            case .removed: "<del><span class=\"visually-hidden\"\(own)>\(t["diff_removed"]) </span>\(segment.text)</del>"
            }
            html += piece
        }
        html += "</dd>\n"
    }
    return html + "</dl>\n"
}
