import ArgumentParser
import Foundation
import MosaicCore
import MosaicSearch
import MosaicStore
import MosaicWeb

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the published practices, with filters and facet counts.",
        discussion: """
            Words must all match (ranked with BM25F); "quoted phrases" match word for word; -word excludes; the last word also matches as a prefix; small typos are forgiven. Filters can be repeated: values of one filter combine with OR, filters combine with AND.

            Examples:
              mosaic search "anti-rumour" --country ES
              mosaic search welcoming --topic education --topic language --year 2019 --json
              mosaic search --year undated --sort title
            """)

    @OptionGroup var options: DatabaseOptions

    @Argument(help: "The words to search for.")
    var query: [String] = []

    @OptionGroup var filters: FilterOptions

    @Option(name: .long, help: "The page to show.")
    var page = 1

    @Option(name: .long, help: "Results per page (1 to 100).")
    var perPage = CatalogQuery.defaultPageSize

    @Option(name: .long, help: ArgumentHelp("The reader's language for labels and translations (en or fr).", valueName: "code"))
    var lang = "en"

    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        guard page >= 1 else { throw ValidationError("--page must be 1 or more.") }
        guard (1...100).contains(perPage) else { throw ValidationError("--per-page must be between 1 and 100.") }
    }

    func run() async throws {
        let store = try await options.openStore()
        let catalog = try await Catalog.load(from: store)
        try await store.close()
        var request = filters.query(text: query.joined(separator: " "), language: lang)
        request.page = page
        request.perPage = perPage
        let result = catalog.search(request)
        print(json ? SearchOutput.json(result) : SearchOutput.text(result, query: request, catalog: catalog))
    }
}

extension CatalogQuery.Sort: ExpressibleByArgument {}

/// The catalogue's filters on the command line, as `search` and `export` take them.
struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A topic key, such as welcoming (repeatable).", valueName: "key"))
    var topic: [String] = []

    @Option(name: .long, help: ArgumentHelp("An ISO country code, such as PT (repeatable).", valueName: "code"))
    var country: [String] = []

    @Option(name: .long, help: ArgumentHelp("A city name (repeatable).", valueName: "name"))
    var city: [String] = []

    @Option(name: .long, help: ArgumentHelp("A year, or undated (repeatable).", valueName: "year"))
    var year: [String] = []

    @Option(name: .long, help: ArgumentHelp("The language of the original text, such as fr (repeatable).", valueName: "code"))
    var language: [String] = []

    @Option(name: .long, help: "relevance, newest, title or period (default: relevance with words, newest without).")
    var sort: CatalogQuery.Sort?

    var isEmpty: Bool { topic.isEmpty && country.isEmpty && city.isEmpty && year.isEmpty && language.isEmpty && sort == nil }

    func validate() throws {
        for value in year where value != CatalogQuery.undated && Int(value) == nil {
            throw ValidationError("--year takes a year such as 2019, or undated; \"\(value)\" is neither.")
        }
    }

    func query(text: String, language reader: String) -> CatalogQuery {
        CatalogQuery(text: text, topics: topic, countries: country.map { $0.uppercased() }, cities: city, years: year, languages: language,
                     sort: sort, language: reader)
    }
}

/// The two ways `mosaic search` prints a result.
enum SearchOutput {
    static func json(_ result: CatalogResult) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("total"); json.int(result.total)
        json.key("page"); json.int(result.page)
        json.key("per_page"); json.int(result.perPage)
        json.key("partial_total"); json.int(result.partialTotal)
        json.key("notice"); json.string(result.notice?.rawValue)
        json.key("suggestion"); json.string(result.suggestion)
        json.key("results")
        json.beginArray()
        for hit in result.hits {
            let practice = hit.practice
            json.beginObject()
            json.key("slug"); json.string(practice.slug.rawValue)
            json.key("title"); json.string(practice.title)
            json.key("country"); json.string(practice.country.rawValue)
            json.key("cities"); json.stringArray(practice.cities)
            json.key("period"); json.string(practice.period)
            json.key("period_start"); json.int(practice.periodStart)
            json.key("period_end"); json.int(practice.periodEnd)
            json.key("ongoing"); json.bool(practice.ongoing)
            json.key("topics"); json.stringArray(practice.topics.map(\.rawValue))
            json.key("language"); json.string(practice.language)
            json.key("score"); json.double((hit.score * 1000).rounded() / 1000)
            json.key("match"); json.string(hit.match.rawValue)
            json.key("snippet"); json.string(hit.snippet.text)
            json.key("highlights")
            json.beginArray()
            for range in hit.snippet.highlights {
                json.beginArray(); json.int(range.lowerBound); json.int(range.upperBound); json.endArray()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.key("facets")
        json.beginObject()
        for facet in CatalogQuery.Facet.allCases {
            json.key(facet.rawValue)
            json.beginArray()
            for value in result.facets[facet] ?? [] {
                json.beginObject()
                json.key("value"); json.string(value.value)
                json.key("label"); json.string(value.label)
                json.key("count"); json.int(value.count)
                json.key("selected"); json.bool(value.selected)
                json.endObject()
            }
            json.endArray()
        }
        json.endObject()
        json.endObject()
        return json.output
    }

    static func text(_ result: CatalogResult, query: CatalogQuery, catalog: Catalog) -> String {
        var lines: [String] = []
        if let suggestion = result.suggestion { lines.append("Did you mean: \(suggestion)") }
        switch result.notice {
        case .relaxed: lines.append("No practice matches every word; showing practices that match some of them.")
        case .noGoodMatch: lines.append("No practice matches this search well.")
        case nil: break
        }
        if let range = result.range {
            let allWords = result.partialTotal > 0 && result.partialTotal < result.total ? " (\(result.total - result.partialTotal) match every word)" : ""
            lines.append("Showing \(range.lowerBound)–\(range.upperBound) of \(result.total) result\(result.total == 1 ? "" : "s")\(allWords)")
        } else {
            lines.append("No results. Try fewer words or remove a filter.")
        }
        for (position, hit) in result.hits.enumerated() {
            if hit.match == .partial, position == 0 || result.hits[position - 1].match == .all, result.notice != .relaxed {
                lines.append("")
                lines.append("Also matching some of your words:")
            }
            let practice = hit.listed
            let country = catalog.countries[practice.country]?.name(in: query.language) ?? practice.country.rawValue
            let place = (practice.cities + [country]).joined(separator: ", ")
            lines.append("")
            lines.append("\(practice.title)")
            lines.append("  \(place)\(practice.period.map { " · \($0)" } ?? "")")
            let snippet = hit.snippet.segments.map { $0.highlighted ? "[\($0.text)]" : $0.text }.joined()
            if !snippet.isEmpty { lines.append("  \(snippet)") }
        }
        lines.append("")
        for facet in CatalogQuery.Facet.allCases {
            let values = (result.facets[facet] ?? []).prefix(8)
            guard !values.isEmpty else { continue }
            lines.append("\(facet.rawValue): " + values.map { "\($0.selected ? "*" : "")\($0.label) (\($0.count))" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
