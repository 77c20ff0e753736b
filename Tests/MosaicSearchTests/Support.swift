import Foundation
import MosaicCore
@testable import MosaicSearch

/// The sample content shipped with Mosaic, read straight from its file (no database needed here).
enum Samples {
    static let practices: [Practice] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/MosaicStore/Resources/sample/practices.jsonl")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").enumerated().map { index, line in
            guard case .success(let fields) = ExchangeReader.decodeJSONLine(Array(line.utf8), line: index + 1) else {
                fatalError("sample line \(index + 1) is not JSON")
            }
            var practice = PracticePatch(record: fields).applied(to: Practice(slug: Slug(making: "x"), title: "", country: Country.Code(rawValue: "")))
            practice.slug = Slug(making: practice.title)
            if practice.publishedAt == nil, practice.status == .published { practice.publishedAt = practice.createdAt }
            return practice
        }
    }()

    static let catalog = Catalog(practices: practices, currentYear: 2026)
}

func practice(_ title: String, country: String = "PT", cities: [String] = [], topics: [String] = [],
              period: String? = nil, language: String = "en", purpose: String = "", process: String? = nil,
              translations: [String: Practice.Translation] = [:], published: Double = 0) -> Practice {
    var p = Practice(slug: Slug(making: title), title: title, country: Country.Code(rawValue: country), cities: cities,
                     period: period, topics: topics.map(Topic.Key.init(rawValue:)), language: language,
                     sections: [.purpose: purpose], translations: translations, status: .published,
                     createdAt: Date(timeIntervalSince1970: 1_600_000_000 + published),
                     publishedAt: Date(timeIntervalSince1970: 1_600_000_000 + published))
    if let process { p.sections[.process] = process }
    p.derivePeriod()
    return p
}

extension Catalog {
    /// The slugs of the hits, in order.
    func slugs(_ text: String, perPage: Int = 100, language: String = "en") -> [String] {
        search(CatalogQuery(text: text, perPage: perPage, language: language)).hits.map(\.practice.slug.rawValue)
    }
}
