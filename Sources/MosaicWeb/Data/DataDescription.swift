import Foundation
import MosaicCore
import MosaicSearch

/// What the data is, for machines: the codebook of the CSV export as CSV on the Web metadata (W3C
/// CSVW), and the dataset as a DCAT-AP catalogue (JSON-LD). The data page shows the same columns.
struct DataDescription {
    let site: Site
    let base: String
    let catalog: Catalog

    struct Field {
        let name: String
        /// The CSVW datatype (an XML Schema type name).
        let datatype: String
        /// The separator of a cell holding several values.
        let separator: String?
        let required: Bool
        /// The meaning, by interface language.
        let titles: [String: String]
    }

    /// The public columns of the CSV export, in order (contacts are never exported publicly).
    var fields: [Field] {
        ExchangeWriter(format: .csv).fields.map { field in
            let datatype = switch field {
            case .periodStart, .periodEnd: "integer"
            case .ongoing: "boolean"
            case .createdAt, .updatedAt, .publishedAt: "dateTimeStamp"
            default: "string"
            }
            let separator: String? = [.cities, .topics, .links].contains(field) ? "; " : nil
            let required: Bool = [.id, .slug, .title, .country, .language, .status, .createdAt, .updatedAt].contains(field)
            let titles = Dictionary(uniqueKeysWithValues: Localizer.languages.map { ($0, site.localizer.strings($0)["codebook_\(field.rawValue)"]) })
            return Field(name: field.rawValue, datatype: datatype, separator: separator, required: required, titles: titles)
        }
    }

    private var t: Strings { site.localizer.strings(Localizer.defaultLanguage) }

    private func languageMap(_ json: inout JSONWriter, _ text: (Strings) -> String) {
        json.beginObject()
        for language in Localizer.languages { json.key(language); json.string(text(site.localizer.strings(language))) }
        json.endObject()
    }

    /// CSVW tabular metadata of `/practices.csv`.
    var codebook: String {
        var json = JSONWriter()
        json.beginObject()
        json.key("@context"); json.string("http://www.w3.org/ns/csvw")
        json.key("url"); json.string(base + Route.exportCSV.path)
        json.key("dc:title"); languageMap(&json) { $0["site_name"] + " · " + $0["data_title"] }
        json.key("dc:description"); languageMap(&json) { $0["data_intro"] }
        json.key("dc:license"); json.beginObject(); json.key("@id"); json.string(site.settings.dataLicence.url); json.endObject()
        json.key("dc:modified"); json.string(Sitemap.newest(catalog).map(Timestamp.format))
        json.key("dialect")
        json.beginObject()
        json.key("delimiter"); json.string(",")
        json.key("quoteChar"); json.string("\"")
        json.key("lineTerminators"); json.stringArray(["\r\n"])
        json.key("header"); json.bool(true)
        json.key("encoding"); json.string("utf-8")
        json.endObject()
        json.key("tableSchema")
        json.beginObject()
        json.key("columns")
        json.beginArray()
        for field in fields {
            json.beginObject()
            json.key("name"); json.string(field.name)
            json.key("titles"); json.string(field.name)
            json.key("datatype"); json.string(field.datatype)
            json.key("required"); json.bool(field.required)
            if let separator = field.separator { json.key("separator"); json.string(separator) }
            json.key("dc:description")
            json.beginObject()
            for language in Localizer.languages { json.key(language); json.string(field.titles[language]) }
            json.endObject()
            if field.name == ExchangeField.topics.rawValue {
                // The topic keys of the cells, with their labels.
                json.key("dc:subject")
                json.beginArray()
                for topic in catalog.taxonomy.topics {
                    json.beginObject()
                    json.key("@id"); json.string(base + Route.topic(topic.key).path)
                    json.key("skos:notation"); json.string(topic.key.rawValue)
                    json.key("skos:prefLabel")
                    json.beginObject()
                    for language in Localizer.languages { json.key(language); json.string(topic.label(in: language)) }
                    json.endObject()
                    json.endObject()
                }
                json.endArray()
            }
            json.endObject()
        }
        json.endArray()
        json.key("primaryKey"); json.string("id")
        json.endObject()
        json.endObject()
        return json.output
    }

    /// The dataset and its distributions, as DCAT-AP in JSON-LD.
    var dcat: String {
        let licence = site.settings.dataLicence
        var json = JSONWriter()
        json.beginObject()
        json.key("@context")
        json.beginObject()
        json.key("dcat"); json.string("http://www.w3.org/ns/dcat#")
        json.key("dct"); json.string("http://purl.org/dc/terms/")
        json.key("foaf"); json.string("http://xmlns.com/foaf/0.1/")
        json.endObject()
        json.key("@id"); json.string(base + Route.data.path)
        json.key("@type"); json.string("dcat:Catalog")
        json.key("dct:title"); json.string(t["site_name"])
        json.key("dct:description"); json.string(t["site_tagline"])
        json.key("foaf:homepage"); json.beginObject(); json.key("@id"); json.string(base + "/"); json.endObject()
        json.key("dct:publisher"); publisher(&json)
        json.key("dcat:dataset")
        json.beginObject()
        json.key("@id"); json.string(base + Route.data.path + "#dataset")
        json.key("@type"); json.string("dcat:Dataset")
        json.key("dct:title"); json.string(t["site_name"] + " · " + t["data_title"])
        json.key("dct:description"); json.string(t["data_intro"])
        json.key("dct:publisher"); publisher(&json)
        json.key("dct:license"); json.beginObject(); json.key("@id"); json.string(licence.url); json.endObject()
        json.key("dct:modified"); json.string(Sitemap.newest(catalog).map(Timestamp.format))
        json.key("dcat:keyword"); json.stringArray(catalog.taxonomy.topics.map { $0.label(in: Localizer.defaultLanguage) })
        json.key("dct:language"); json.stringArray(Localizer.languages)
        json.key("dcat:landingPage"); json.beginObject(); json.key("@id"); json.string(base + Route.practices.path); json.endObject()
        json.key("dcat:distribution")
        json.beginArray()
        for (route, type, title) in [(Route.exportCSV, "text/csv", t["data_download_csv"]), (.exportJSONL, "application/jsonl", t["data_download_jsonl"]),
                                     (.feed, "application/atom+xml", t["data_feed_link"]), (.apiPractices, "application/json", t["data_api_link"])] {
            json.beginObject()
            json.key("@type"); json.string("dcat:Distribution")
            json.key("dct:title"); json.string(title)
            json.key(route == .apiPractices ? "dcat:accessURL" : "dcat:downloadURL")
            json.beginObject(); json.key("@id"); json.string(base + route.path); json.endObject()
            json.key("dcat:mediaType"); json.string(type)
            json.key("dct:license"); json.beginObject(); json.key("@id"); json.string(licence.url); json.endObject()
            if route == .exportCSV {
                json.key("dct:conformsTo"); json.beginObject(); json.key("@id"); json.string(base + Route.codebook.path); json.endObject()
            }
            if route == .apiPractices {
                json.key("dct:conformsTo"); json.beginObject(); json.key("@id"); json.string(base + Route.openAPI.path); json.endObject()
            }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endObject()
        return json.output
    }

    private func publisher(_ json: inout JSONWriter) {
        json.beginObject()
        json.key("@type"); json.string("foaf:Organization")
        json.key("foaf:name"); json.string(t["site_name"])
        json.endObject()
    }
}

/// The same search as data: its downloads and its feed (relative links, in the reader's language).
struct DataLinks: Sendable {
    let csv: String, jsonl: String, atom: String

    init(_ query: CatalogQuery) {
        var unpaged = query
        unpaged.page = 1
        unpaged.perPage = CatalogQuery.defaultPageSize
        func address(_ route: Route, _ query: CatalogQuery) -> String {
            let string = query.queryString
            return route.path(query.language) + (string.isEmpty ? "" : "?" + string)
        }
        csv = address(.exportCSV, unpaged)
        jsonl = address(.exportJSONL, unpaged)
        var newest = unpaged
        newest.sort = nil
        atom = address(.feed, newest)
    }

    /// For `<link rel="alternate">` in the page's head.
    func alternates(_ t: Strings) -> [(type: String, title: String, href: String)] {
        [("application/atom+xml", t["alternate_atom"], atom), ("text/csv", t["alternate_csv"], csv), ("application/jsonl", t["alternate_jsonl"], jsonl)]
    }
}
