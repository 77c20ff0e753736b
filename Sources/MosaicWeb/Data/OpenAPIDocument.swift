import Foundation
import MosaicCore

/// The API's contract, `Resources/openapi.json`, written by hand (docs/architecture.md says why), with
/// the topic keys filled in from the taxonomy so that the document and the data cannot disagree.
enum OpenAPIDocument {
    static let text: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("Resources/openapi.json is missing from the MosaicWeb bundle")
        }
        var keys = JSONWriter()
        keys.stringArray(Taxonomy.standard.topics.map(\.key.rawValue))
        var countries = JSONWriter()
        countries.stringArray(CountryList.standard.all.map(\.code.rawValue))
        return text.replacingOccurrences(of: "\"TOPIC_KEYS\"", with: keys.output)
            .replacingOccurrences(of: "\"COUNTRY_CODES\"", with: countries.output)
    }()
}
