import Foundation
import MosaicSearch

/// The items of a facet list, as HTML, every value escaped.
enum FacetHTML {
    static func item(label: String, count: String, href: String, selected: Bool, selectedText: String) -> String {
        var html = "<li><a class=\"facet-value"
        if selected { html += " is-selected" }
        html += "\" href=\"" + PracticeText.escape(href) + "\" rel=\"nofollow\">"
        html += "<span class=\"check\" aria-hidden=\"true\"></span><span class=\"facet-label\">"
        html += PracticeText.escape(label) + "</span> <span class=\"facet-count\">" + PracticeText.escape(count) + "</span>"
        if selected { html += "<span class=\"visually-hidden\"> (" + PracticeText.escape(selectedText) + ")</span>" }
        return html + "</a></li>\n"
    }
}

/// The other parts of a catalogue page that repeat per value (chips, the sort and page-size controls,
/// pagination), written in Swift like `FacetHTML`, every value escaped (see docs/architecture.md).
enum CatalogueHTML {
    private static func e(_ text: String) -> String { FastHTMLEscaping.escape(text) }

    /// The active filters as removable chips, and "clear all".
    static func chips(_ chips: [(label: String, href: String)], clearHref: String, t: Strings) -> String {
        let prefix = e(t.format("remove_filter", ["label": ""]).trimmingCharacters(in: .whitespaces))
        var html = "<div class=\"chips\">\n<h2 class=\"visually-hidden\">\(e(t["active_filters"]))</h2>\n<ul>"
        for chip in chips {
            html += "<li><a class=\"chip\" href=\"\(e(chip.href))\"><span class=\"visually-hidden\">\(prefix) </span>"
                + "<span aria-hidden=\"true\">×</span> \(e(chip.label))</a></li>"
        }
        return html + "<li><a class=\"chip clear\" href=\"\(e(clearHref))\">\(e(t["clear_all"]))</a></li></ul>\n</div>\n"
    }

    /// The form that changes the sort and the page size, keeping the text and filters.
    static func controls(query: CatalogQuery, action: String, t: Strings) -> String {
        var html = "<form class=\"controls\" method=\"get\" action=\"\(e(action))\">\n"
        var hidden: [(String, String)] = query.hasText ? [("q", query.text)] : []
        for facet in CatalogQuery.Facet.allCases {
            for value in query.selection(facet) { hidden.append((facet.rawValue, value)) }
        }
        for (name, value) in hidden { html += "<input type=\"hidden\" name=\"\(e(name))\" value=\"\(e(value))\">\n" }
        html += "<div class=\"control\"><label for=\"sort\">\(e(t["sort_label"]))</label>\n<select id=\"sort\" name=\"sort\" data-autosubmit>"
        let sorts: [CatalogQuery.Sort] = query.hasText ? [.relevance, .newest, .title, .period] : [.newest, .title, .period]
        for sort in sorts {
            html += "<option value=\"\(sort.rawValue)\"\(sort == query.effectiveSort ? " selected" : "")>\(e(t["sort_\(sort.rawValue)"]))</option>"
        }
        html += "</select></div>\n<div class=\"control\"><label for=\"per_page\">\(e(t["per_page_label"]))</label>\n"
            + "<select id=\"per_page\" name=\"per_page\" data-autosubmit>"
        for size in CatalogQuery.pageSizes {
            html += "<option value=\"\(size)\"\(size == query.perPage ? " selected" : "")>\(size)</option>"
        }
        return html + "</select></div>\n<button type=\"submit\" class=\"secondary\" data-autosubmit-button>\(e(t["apply"]))</button>\n</form>\n"
    }

    /// Previous, the first and last pages, the pages around the current one with gaps, next.
    static func pagination(query: CatalogQuery, pages: Int, t: Strings) -> String {
        let current = min(query.page, pages)
        var numbers = Set([1, pages, current - 1, current, current + 1].filter { (1...pages).contains($0) })
        if current <= 3 { numbers.formUnion(1...min(pages, 4)) }
        if current >= pages - 2 { numbers.formUnion(max(1, pages - 3)...pages) }
        var html = "<nav class=\"pagination\" aria-label=\"\(e(t["pagination_label"]))\">\n<ul>"
        if current > 1 { html += "<li><a href=\"\(e(query.onPage(current - 1).url))\" rel=\"prev\">\(e(t["previous"]))</a></li>" }
        var previous = 0
        for number in numbers.sorted() {
            if number > previous + 1 { html += "<li><span class=\"gap\">…</span></li>" }
            html += "<li><a href=\"\(e(query.onPage(number).url))\"\(number == current ? " aria-current=\"page\"" : "")>"
                + "<span class=\"visually-hidden\">\(e(t.format("page_n", ["page": t.number(number)])))</span>"
                + "<span aria-hidden=\"true\">\(e(t.number(number)))</span></a></li>"
            previous = number
        }
        if current < pages { html += "<li><a href=\"\(e(query.onPage(current + 1).url))\" rel=\"next\">\(e(t["next"]))</a></li>" }
        return html + "</ul>\n</nav>\n"
    }
}
