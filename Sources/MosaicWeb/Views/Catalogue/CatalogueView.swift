import MosaicCore
import MosaicSearch

/// The catalogue page (and the city, country and topic pages, which are catalogues with one filter
/// fixed): search box, facets with counts, active filters, sort and page size, the "Showing" line,
/// cards and pagination.
struct CatalogueView {
    struct FacetList {
        let key: String
        let label: String
        let values: [(label: String, count: Int, href: String, selected: Bool)]
    }

    let t: Strings
    let heading: String
    let summary: String?
    let query: CatalogQuery
    let search: SearchFormView
    let facets: [FacetList]
    /// The Year facet, as a range with its histogram.
    let yearRange: YearRangeView
    let chips: [(label: String, href: String)]
    let showing: String
    let notice: CatalogResult.Notice?
    /// "Did you mean": the query with its unknown words corrected, and its address.
    let suggestion: (text: String, href: String)?
    let cards: [CardView]
    /// The position in `cards` of the first that matches only some of the words.
    let firstPartial: Int?
    let pageCount: Int
    let total: Int
    let data: DataLinks

    /// Facet values shown before "Show all".
    static let visibleValues = 8
    /// Where every link that changes the list lands: the "Showing" line, so that keyboard and screen-reader
    /// users are at the results after a filter, a sort or a page change, not back at the top.
    static let landing = "showing"

    /// How many filters are selected (each value, the year range and "available" count one).
    var activeFilters: Int {
        CatalogQuery.Facet.allCases.reduce(0) { $0 + query.selection($1).count } + (query.hasYearRange ? 1 : 0) + (query.availableOnly ? 1 : 0)
    }

    func render() -> HTML {
        var html: HTML = "<div class=\"wrap\">\n<h1>\(heading)</h1>\n"
        if let summary { html += "<p class=\"lead\">\(summary)</p>\n" }
        html += search.render(t)
        html += """

            <p class="skip-results"><a href="#\(Self.landing)">\(t["skip_to_results"])</a></p>
            <div class="catalogue">

            """
        // The results first, in the markup as on the screen (the filters are beside them on a wide
        // screen, after them on a narrow one, where a link above the results leads to them).
        html += results()
        html += """
            <details class="filters-panel" id="filters" open>
            <summary>\(filtersLabel)</summary>
            <aside class="filters" aria-labelledby="filters-heading">
            <h2 id="filters-heading" tabindex="-1">\(t["filters_heading"])</h2>

            """
        // Practices the reader can read: written in their language or translated into it.
        let available = query.availableOnly
        var toggled = query
        toggled.availableOnly.toggle()
        toggled.page = 1
        html += """
            <section class="facet" aria-labelledby="facet-available">
            <h3 id="facet-available">\(t["facet_available"])</h3>
            <ul class="facet-values">
            <li><a class="facet-value\(HTML.when(available, " is-selected"))" href="\(toggled.url)#\(Self.landing)" rel="nofollow"><span class="check" aria-hidden="true"></span><span class="facet-label">\(t["available_only"])</span>\(available ? selectedMark : HTML())</a></li>
            </ul>
            </section>

            """
        for facet in facets where !facet.values.isEmpty || facet.key == "year" {
            if facet.key == "year" {
                html += yearRange.render()
                continue
            }
            html += """
                <section class="facet" aria-labelledby="facet-\(facet.key)">
                <h3 id="facet-\(facet.key)">\(facet.label)</h3>
                <ul class="facet-values">

                """
            html += facet.values.prefix(Self.visibleValues).html(item)
            html += "</ul>\n"
            if facet.values.count > Self.visibleValues {
                html += "<details class=\"facet-more\"><summary>\(t.format("facet_show_all", ["count": t.number(facet.values.count)]))</summary>"
                html += "<ul class=\"facet-values\">\n\(facet.values.dropFirst(Self.visibleValues).html(item))</ul></details>"
            }
            html += "\n</section>\n"
        }
        return html + "</aside>\n</details>\n</div>\n</div>\n"
    }

    /// "Filters" or "Filters (2 active)".
    private var filtersLabel: String {
        activeFilters == 0 ? t["filters_heading"] : t.plural("filters_active", activeFilters)
    }

    /// The active filters, sort and page size, the "Showing" line, the cards and the pages.
    private func results() -> HTML {
        var html: HTML = "<div class=\"results\">\n<p class=\"filters-jump\"><a href=\"#filters\">\(filtersLabel)</a></p>\n"
        if !chips.isEmpty || query.availableOnly { html += chipList() }
        html += controls()
        html += "<p class=\"showing\" id=\"showing\" role=\"status\" aria-live=\"polite\">\(showing)</p>\n"
        if let suggestion {
            html += "<p class=\"notice did-you-mean\">\(t["did_you_mean"]) <a href=\"\(suggestion.href)\">\(suggestion.text)</a></p>\n"
        }
        switch notice {
        case .relaxed: html += "<p class=\"notice\">\(t["relaxed_notice"])</p>\n"
        case .noGoodMatch: html += "<p class=\"notice\">\(t["no_good_match"])</p>\n"
        case nil: break
        }
        if total > 0 {
            html += """
                <p class="data-links"><span class="data-label">\(t.plural("download_results", total))</span> \
                <a href="\(data.csv)" download>\(t["download_csv"])</a> · <a href="\(data.jsonl)" download>\(t["download_jsonl"])</a> · \
                <a href="\(data.atom)" type="application/atom+xml">\(t["subscribe"])</a></p>

                """
        }
        if cards.isEmpty {
            html += "<div class=\"empty\">\n<h2>\(t["no_results"])</h2>\n<p>\(t["no_results_help"])</p>\n"
            if !chips.isEmpty {
                // The active filters again, as sentences.
                html += "<ul>"
                for chip in chips { html += "<li><a href=\"\(chip.href)\">\(t.format("no_results_remove", ["label": chip.label]))</a></li>" }
                html += "<li><a href=\"\(query.withoutFilters.url)\">\(t["clear_all"])</a></li></ul>"
            }
            html += "\n</div>\n"
        } else {
            let split = firstPartial ?? cards.count
            let start = (query.page - 1) * query.perPage
            html += "<h2 class=\"visually-hidden\">\(t["results_heading"])</h2>\n"
            if split > 0 { html += "<ol class=\"cards\"\(HTML.when(start > 0, " start=\"\(start + 1)\""))>\n\(Array(cards[..<split]).render())</ol>\n" }
            if split < cards.count {
                // Practices that match only some of the words, after those that match them all, and said so.
                if notice != .relaxed { html += "<h2 class=\"partial-heading\">\(t["partial_heading"])</h2>\n" }
                html += "<ol class=\"cards partial\" start=\"\(start + split + 1)\">\n\(Array(cards[split...]).render())</ol>\n"
            }
        }
        if pageCount > 1 { html += pagination() }
        return html + "</div>\n"
    }

    private func item(_ value: (label: String, count: Int, href: String, selected: Bool)) -> HTML {
        // One interpolation per value: a catalogue page lists a few hundred.
        """
        <li><a class="facet-value\(HTML.when(value.selected, " is-selected"))" href="\(value.href)#\(Self.landing)" rel="nofollow"><span class="check" aria-hidden="true"></span><span class="facet-label">\(value.label)</span> <span class="facet-count">\(t.number(value.count))</span>\(value.selected ? selectedMark : HTML())</a></li>

        """
    }

    private var selectedMark: HTML { "<span class=\"visually-hidden\"> (\(t["facet_selected"]))</span>" }

    /// The active filters as removable chips, and "clear all".
    private func chipList() -> HTML {
        let prefix = t.format("remove_filter", ["label": ""]).trimmed
        var html: HTML = "<div class=\"chips\">\n<h2 class=\"visually-hidden\">\(t["active_filters"])</h2>\n<ul>"
        var everyone = query
        everyone.availableOnly = false
        everyone.page = 1
        let all = chips + (query.availableOnly ? [(t["available_only"], everyone.url)] : [])
        for chip in all {
            html += "<li><a class=\"chip\" href=\"\(chip.href)#\(Self.landing)\"><span class=\"visually-hidden\">\(prefix) </span>"
            html += "<span aria-hidden=\"true\">×</span> \(chip.label)</a></li>"
        }
        return html + "<li><a class=\"chip clear\" href=\"\(query.withoutFilters.url)#\(Self.landing)\">\(t["clear_all"])</a></li></ul>\n</div>\n"
    }

    /// The form that changes the sort and the page size, keeping the text and filters.
    private func controls() -> HTML {
        var html: HTML = "<form class=\"controls\" method=\"get\" action=\"\(Route.practices.path(t.language))#\(Self.landing)\">\n"
        var hidden: [(String, String)] = query.hasText ? [("q", query.text)] : []
        for facet in CatalogQuery.Facet.allCases {
            for value in query.selection(facet) { hidden.append((facet.rawValue, value)) }
        }
        if query.availableOnly { hidden.append(("available", "1")) }
        for (name, value) in hidden { html += "<input type=\"hidden\" name=\"\(name)\" value=\"\(value)\">\n" }
        html += "<div class=\"control\"><label for=\"sort\">\(t["sort_label"])</label>\n<select id=\"sort\" name=\"sort\">"
        let sorts: [CatalogQuery.Sort] = query.hasText ? [.relevance, .newest, .title, .period] : [.newest, .title, .period]
        for sort in sorts {
            html += "<option value=\"\(sort.rawValue)\"\(HTML.when(sort == query.effectiveSort, " selected"))>\(t["sort_\(sort.rawValue)"])</option>"
        }
        html += "</select></div>\n<div class=\"control\"><label for=\"per_page\">\(t["per_page_label"])</label>\n"
        html += "<select id=\"per_page\" name=\"per_page\">"
        for size in CatalogQuery.pageSizes {
            html += "<option value=\"\(size)\"\(HTML.when(size == query.perPage, " selected"))>\(size)</option>"
        }
        return html + "</select></div>\n<button type=\"submit\" class=\"secondary\" id=\"apply-controls\">\(t["apply"])</button>\n</form>\n"
    }

    /// Previous, the first and last pages, the pages around the current one with gaps, next.
    private func pagination() -> HTML {
        let pages = pageCount
        let current = min(query.page, pages)
        var numbers = Set([1, pages, current - 1, current, current + 1].filter { (1...pages).contains($0) })
        if current <= 3 { numbers.formUnion(1...min(pages, 4)) }
        if current >= pages - 2 { numbers.formUnion(max(1, pages - 3)...pages) }
        var html: HTML = "<nav class=\"pagination\" aria-label=\"\(t["pagination_label"])\">\n<ul>"
        if current > 1 { html += "<li><a href=\"\(query.onPage(current - 1).url)#\(Self.landing)\" rel=\"prev\">\(t["previous"])</a></li>" }
        var previous = 0
        for number in numbers.sorted() {
            if number > previous + 1 { html += "<li><span class=\"gap\">…</span></li>" }
            html += "<li><a href=\"\(query.onPage(number).url)#\(Self.landing)\"\(HTML.when(number == current, " aria-current=\"page\""))>"
            html += "<span class=\"visually-hidden\">\(t.format("page_n", ["page": t.number(number)]))</span>"
            html += "<span aria-hidden=\"true\">\(t.number(number))</span></a></li>"
            previous = number
        }
        if current < pages { html += "<li><a href=\"\(query.onPage(current + 1).url)#\(Self.landing)\" rel=\"next\">\(t["next"])</a></li>" }
        return html + "</ul>\n</nav>\n"
    }
}
