import MosaicCore
import MosaicSearch

/// The Year filter: "From" and "To" fields, quick links (the last five years, since 2015, not dated) and
/// a small histogram of practices per year. Its counts are those of the Year facet: every other filter
/// applies, the years themselves do not.
struct YearRangeView {
    let t: Strings
    let query: CatalogQuery
    /// The Year facet's values: years (as text) and "undated", with their counts.
    let values: [(label: String, count: Int, href: String, selected: Bool)]
    let facetValues: [String]
    /// What the form must keep: the text, the other filters, the sort and page size.
    let kept: [(name: String, value: String)]
    let currentYear: Int

    /// The year that "Since …" starts from.
    static let sinceYear = 2015

    func render() -> HTML {
        var counts: [(year: Int, count: Int)] = []
        var undated: (count: Int, href: String, selected: Bool)?
        for (value, facet) in zip(facetValues, values) {
            if let year = Int(value) { counts.append((year, facet.count)) } else { undated = (facet.count, facet.href, facet.selected) }
        }
        counts.sort { $0.year < $1.year }
        var html: HTML = """
            <section class="facet year-range" aria-labelledby="facet-year">
            <h3 id="facet-year">\(t["facet_year"])</h3>
            <form class="year-form" action="\(Route.practices.path(t.language))#\(CatalogueView.landing)" method="get">

            """
        for field in kept { html += "<input type=\"hidden\" name=\"\(field.name)\" value=\"\(field.value)\">\n" }
        let from = query.yearFrom.map(String.init) ?? "", to = query.yearTo.map(String.init) ?? ""
        html += """
            <p class="hint" id="year-range-hint">\(t["year_range_hint"])</p>
            <div class="year-fields">
            <label for="year-from">\(t["year_from"])</label> <input id="year-from" name="year_from" type="number" inputmode="numeric" min="1000" max="9999" value="\(from)" aria-describedby="year-range-hint">
            <label for="year-to">\(t["year_to"])</label> <input id="year-to" name="year_to" type="number" inputmode="numeric" min="1000" max="9999" value="\(to)" aria-describedby="year-range-hint">
            </div>
            <button type="submit">\(t["year_apply"])</button>
            </form>

            """
        if !counts.isEmpty { html += histogram(counts) }
        html += "<ul class=\"facet-values year-quick\">\n"
        html += quickLink(t["year_last_five"], from: currentYear - 4, to: nil)
        html += quickLink(t.format("year_since", ["year": String(Self.sinceYear)]), from: Self.sinceYear, to: nil)
        if let undated {
            html += """
                <li><a class="facet-value\(HTML.when(undated.selected, " is-selected"))" href="\(undated.href)#\(CatalogueView.landing)" rel="nofollow"><span class="check" aria-hidden="true"></span><span class="facet-label">\(t["year_undated"])</span> <span class="facet-count">\(t.number(undated.count))</span>\(undated.selected ? "<span class=\"visually-hidden\"> (\(t["facet_selected"]))</span>" : "")</a></li>

                """
        }
        return html + "</ul>\n</section>\n"
    }

    private func quickLink(_ label: String, from: Int?, to: Int?) -> HTML {
        var target = query
        let selected = query.yearFrom == from && query.yearTo == to
        (target.yearFrom, target.yearTo) = selected ? (nil, nil) : (from, to)
        target.page = 1
        return """
            <li><a class="facet-value\(HTML.when(selected, " is-selected"))" href="\(target.url)#\(CatalogueView.landing)" rel="nofollow"><span class="check" aria-hidden="true"></span><span class="facet-label">\(label)</span>\(selected ? "<span class=\"visually-hidden\"> (\(t["facet_selected"]))</span>" : "")</a></li>

            """
    }

    /// Bars of practices per year, from the first year with a practice to the last, the selected range
    /// darker; its text alternative names the years and counts.
    private func histogram(_ counts: [(year: Int, count: Int)]) -> HTML {
        let first = counts.first!.year, last = counts.last!.year
        let byYear = Dictionary(uniqueKeysWithValues: counts.map { ($0.year, $0.count) })
        let highest = max(1, counts.map(\.count).max() ?? 1)
        let barWidth = 6, gap = 2, height = 40
        let width = (last - first + 1) * (barWidth + gap)
        let title = t.format("year_histogram", ["from": String(first), "to": String(last)])
        let description = counts.map { "\($0.year): \(t.number($0.count))" }.joined(separator: ", ")
        let widthAttribute = "\" width=\"\(barWidth)\" height=\""
        var bars = ""
        bars.reserveCapacity(counts.count * 72)
        for year in first...last {
            let count = byYear[year] ?? 0
            guard count > 0 else { continue }
            let barHeight = max(2, count * height / highest)
            let inRange = (query.yearFrom ?? .min) <= year && year <= (query.yearTo ?? .max) && query.hasYearRange
            bars += "<rect x=\""
            bars += String((year - first) * (barWidth + gap))
            bars += "\" y=\""
            bars += String(height - barHeight)
            bars += widthAttribute
            bars += String(barHeight)
            bars += inRange ? "\" class=\"in-range\"></rect>" : "\"></rect>"
        }
        return """
            <figure class="histogram">
            <svg viewBox="0 0 \(width) \(height)" preserveAspectRatio="none" role="img" aria-labelledby="year-histogram-title" aria-describedby="year-histogram-desc"><title id="year-histogram-title">\(title)</title><desc id="year-histogram-desc">\(description)</desc>\(HTML(trusted: bars))</svg>
            <figcaption aria-hidden="true"><span>\(String(first))</span><span>\(String(last))</span></figcaption>
            </figure>

            """
    }
}
