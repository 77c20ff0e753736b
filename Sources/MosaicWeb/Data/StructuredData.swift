import Foundation
import MosaicCore
import MosaicSearch

/// schema.org descriptions (JSON-LD) of pages, for search engines and other readers of structured data.
enum StructuredData {
    /// A practice as a schema.org `Report`: its place, period, topics, language, translations, dates and publisher.
    static func practice(_ practice: Practice, catalog: Catalog, language: String, base: String, siteName: String,
                         licence: DataLicence, teaser: String? = nil) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("@context"); json.string("https://schema.org")
        json.key("@type"); json.string("Report")
        json.key("@id"); json.string(base + Route.practice(practice.slug).path)
        json.key("url"); json.string(base + Route.practice(practice.slug).path(language))
        json.key("name"); json.string(practice.title)
        if let subtitle = practice.subtitle { json.key("alternativeHeadline"); json.string(subtitle) }
        json.key("description"); json.string(teaser ?? practice.teaser())
        json.key("inLanguage"); json.string(practice.language)
        json.key("spatialCoverage")
        json.beginArray()
        let country = catalog.countries[practice.country]?.name(in: "en") ?? practice.country.rawValue
        for city in practice.cities {
            json.beginObject()
            json.key("@type"); json.string("City")
            json.key("name"); json.string(city)
            json.key("containedInPlace"); place(country, code: practice.country.rawValue, into: &json)
            json.endObject()
        }
        if practice.cities.isEmpty { place(country, code: practice.country.rawValue, into: &json) }
        json.endArray()
        if let coverage = temporalCoverage(practice) { json.key("temporalCoverage"); json.string(coverage) }
        json.key("about")
        json.beginArray()
        for key in practice.topics {
            json.beginObject()
            json.key("@type"); json.string("DefinedTerm")
            json.key("termCode"); json.string(key.rawValue)
            json.key("name"); json.string(catalog.taxonomy[key]?.label(in: language) ?? key.rawValue)
            json.key("url"); json.string(base + Route.topic(key).path(language))
            json.endObject()
        }
        json.endArray()
        if !practice.translations.isEmpty {
            json.key("workTranslation")
            json.beginArray()
            for code in practice.translations.keys.sorted() {
                json.beginObject()
                json.key("@type"); json.string("Report")
                json.key("inLanguage"); json.string(code)
                if let title = practice.translations[code]?.title { json.key("name"); json.string(title) }
                json.endObject()
            }
            json.endArray()
        }
        json.key("dateCreated"); json.string(Timestamp.format(practice.createdAt))
        json.key("dateModified"); json.string(Timestamp.format(practice.updatedAt))
        if let published = practice.publishedAt { json.key("datePublished"); json.string(Timestamp.format(published)) }
        json.key("publisher")
        json.beginObject()
        json.key("@type"); json.string("Organization")
        json.key("name"); json.string(siteName)
        json.key("url"); json.string(base + "/")
        json.endObject()
        json.key("license"); json.string(licence.url)
        if let source = practice.source { json.key("isBasedOn"); json.string(source) }
        json.key("encoding")
        json.beginObject()
        json.key("@type"); json.string("MediaObject")
        json.key("encodingFormat"); json.string("application/json")
        json.key("contentUrl"); json.string(base + Route.apiPractice(practice.slug).path)
        json.endObject()
        json.endObject()
        return json.output
    }

    private static func place(_ name: String, code: String, into json: inout JSONWriter) {
        json.beginObject()
        json.key("@type"); json.string("Country")
        json.key("name"); json.string(name)
        json.key("identifier"); json.string(code)
        json.endObject()
    }

    /// ISO 8601: "2014/2018", "2014/.." (ongoing), "2014"; nil when undated.
    static func temporalCoverage(_ practice: Practice) -> String? {
        guard let start = practice.periodStart else { return nil }
        func year(_ value: Int) -> String {
            let digits = String(value)
            return value >= 0 && digits.count < 4 ? String(repeating: "0", count: 4 - digits.count) + digits : digits
        }
        if let end = practice.periodEnd, end != start { return year(start) + "/" + year(end) }
        if practice.ongoing { return year(start) + "/.." }
        return year(start)
    }
}

extension StructuredData {
    /// The catalogue as a schema.org `Dataset` with its downloads, for `/data`.
    static func dataset(base: String, t: Strings, count: Int, licence: DataLicence, modified: Date?, keywords: [String]) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("@context"); json.string("https://schema.org")
        json.key("@type"); json.string("Dataset")
        json.key("@id"); json.string(base + Route.data.path + "#dataset")
        json.key("name"); json.string(t["site_name"] + " · " + t["data_title"])
        json.key("description"); json.string(t["data_intro"])
        json.key("url"); json.string(base + Route.data.path(t.language))
        json.key("license"); json.string(licence.url)
        json.key("isAccessibleForFree"); json.bool(true)
        json.key("keywords"); json.stringArray(keywords)
        if let modified { json.key("dateModified"); json.string(Timestamp.format(modified)) }
        json.key("size"); json.string("\(count) practices")
        json.key("creator")
        json.beginObject()
        json.key("@type"); json.string("Organization")
        json.key("name"); json.string(t["site_name"])
        json.key("url"); json.string(base + "/")
        json.endObject()
        json.key("distribution")
        json.beginArray()
        for (route, format) in [(Route.exportCSV, "text/csv"), (.exportJSONL, "application/jsonl")] {
            json.beginObject()
            json.key("@type"); json.string("DataDownload")
            json.key("encodingFormat"); json.string(format)
            json.key("contentUrl"); json.string(base + route.path)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.output
    }
}
