import Foundation
import Testing
@testable import MosaicWeb

/// Every interface language is complete: every key in every catalogue, in the forms its plural rule
/// needs, with the placeholders of the English text, and never left in English.
@Suite("Interface languages")
struct LocaleTests {
    static let localizer = try! Localizer.load()
    static var english: [String: String] { localizer.catalogs["en"]! }

    /// Values that are the same as the English one, and rightly so: names, codes, and words the language shares.
    static let sameEverywhere: Set<String> = [
        "language_direction", "language_plural_rule", "site_name", "topic_title", "api_title", "download_csv", "download_jsonl",
        "footer_api", "date_day_1", "date_format", "chip_year_range", "form_problem_item", "period_range",
    ]
    static let sameIn: [String: Set<String>] = [
        "de": ["cite_version", "account_status", "history_version", "section_evaluation", "evidence_monitoring", "links", "template_optional",
               "field_links", "audit_name"],
        "fr": ["national", "pagination_label", "page_n", "section_impact", "contact_heading", "account_actions", "audit_action",
               "audit_note", "history_date", "history_version", "duration_minutes_one", "duration_minutes_other",
               "data_licence_heading", "data_field_type", "suggest_count_one", "suggest_count_other", "thesaurus_count_one",
               "thesaurus_count_other", "thesaurus_key", "cite_version"],
        "es": ["role_editor"], "pt": ["role_editor"], "it": ["login_password"],
        "sq": ["role_admin", "state_draft"], "sr": ["role_admin", "account_status", "period", "field_period"],
    ]

    @Test("Thirteen languages, from the files present, English first")
    func languagesComeFromTheFiles() {
        #expect(Localizer.languages.first == "en")
        #expect(Set(Localizer.languages) == ["en", "fr", "de", "it", "es", "pt", "el", "eu", "sr", "sq", "fi", "uk", "tr"])
    }

    @Test("Every catalogue has every key, every plural form its rule needs, and the English placeholders")
    func catalogsAreComplete() {
        for language in Localizer.languages {
            let table = Self.localizer.catalogs[language]!
            let rule = PluralRule(rawValue: table["language_plural_rule"] ?? "")
            #expect(table["language_plural_rule"].map { PluralRule(rawValue: $0).rawValue == $0 } == true, "\(language): unknown plural rule")
            for (key, value) in Self.english {
                guard let translated = table[key] else {
                    Issue.record("\(language): \(key) is missing")
                    continue
                }
                let placeholders = Set(value.matches(of: /\{\w+\}/).map { String($0.output) })
                let found = Set(translated.matches(of: /\{\w+\}/).map { String($0.output) })
                // A singular may say "one" in words instead of {count}; everything else keeps the English placeholders.
                let expected = key.hasSuffix("_one") ? placeholders.subtracting(["{count}"]) : placeholders
                #expect(expected.isSubset(of: found), "\(language): \(key) lacks \(expected.subtracting(found))")
                if key.hasSuffix("_other") {
                    let stem = String(key.dropLast("_other".count))
                    let forms: [String] = switch rule {
                    case .serbian, .lithuanian: ["few"]
                    case .ukrainian: ["few", "many"]
                    case .latvian: ["zero"]
                    default: []
                    }
                    for form in forms { #expect(table[stem + "_" + form] != nil, "\(language): \(stem)_\(form) is missing") }
                }
            }
            #expect(table["date_months"]?.split(separator: "|").count == 12, "\(language): date_months")
            #expect(["ltr", "rtl"].contains(table["language_direction"] ?? ""), "\(language): language_direction")
        }
    }

    @Test("No catalogue leaves an interface text in English (but names and shared words)")
    func nothingLeftInEnglish() {
        for language in Localizer.languages where language != "en" {
            let table = Self.localizer.catalogs[language]!
            for (key, value) in Self.english where table[key] == value && value.contains(where: \.isLetter) {
                #expect(Self.sameEverywhere.contains(key) || Self.sameIn[language]?.contains(key) == true,
                        "\(language): \(key) is still \"\(value)\"")
            }
        }
    }

    @Test("French typography: a no-break space before : ; ? ! and inside « »")
    func frenchSpacing() {
        for (key, value) in Self.localizer.catalogs["fr"]! {
            let ordinary = [" :", " ;", " ?", " !", " »", "« "].filter { value.contains($0) }
            #expect(ordinary.isEmpty, "fr: \(key) has an ordinary space by its punctuation: \(ordinary)")
        }
    }

    @Test("Every key the code uses exists")
    func everyUsedKeyExists() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/MosaicWeb").standardized
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        #expect(files.count > 20)
        var used: Set<String> = []
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /\bt\["([a-z0-9_]+)"\]|\.format\("([a-z0-9_]+)"|\.plural\("([a-z0-9_]+)"/) {
                if let key = match.output.1 ?? match.output.2 { used.insert(String(key)) }
                if let key = match.output.3 { used.insert(String(key) + "_other") }
            }
        }
        #expect(used.count > 150)
        for key in used { #expect(Self.english[key] != nil, "\(key) is used but in no catalogue") }
    }

    @Test("Plural rules as CLDR has them")
    func pluralRules() {
        let serbian = [1, 2, 4, 5, 11, 12, 21, 22, 25, 101, 111].map { PluralRule.serbian.category(of: $0).rawValue }
        #expect(serbian == ["one", "few", "few", "other", "other", "other", "one", "few", "other", "one", "other"])
        let ukrainian = [0, 1, 3, 5, 11, 14, 21, 23, 27].map { PluralRule.ukrainian.category(of: $0).rawValue }
        #expect(ukrainian == ["many", "one", "few", "many", "many", "many", "one", "few", "many"])
        #expect(PluralRule.french.category(of: 0) == .one && PluralRule.oneOther.category(of: 0) == .other)
        // Baltic rules, ready for a Lithuanian or Latvian catalogue.
        #expect([1, 2, 9, 10, 11, 12, 21, 22, 30].map { PluralRule.lithuanian.category(of: $0).rawValue }
                == ["one", "few", "few", "other", "other", "other", "one", "few", "other"])
        #expect([0, 1, 2, 10, 11, 12, 21, 22].map { PluralRule.latvian.category(of: $0).rawValue }
                == ["zero", "one", "other", "zero", "zero", "zero", "one", "other"])
        #expect(Self.localizer.strings("fr").plural("completeness", 1, with: ["total": "5"]) == "1 section recommandée remplie sur 5.")
        #expect(Self.localizer.strings("fr").plural("completeness", 3, with: ["total": "5"]) == "3 sections recommandées remplies sur 5.")
        let uk = Self.localizer.strings("uk")
        #expect(uk.plural("landing_summary", 3) != uk.plural("landing_summary", 5))
        #expect(Self.localizer.strings("de").number(12345) == "12.345")
        #expect(Self.localizer.strings("fr").number(12345) == "12\u{202F}345")
        let date = Date(timeIntervalSince1970: 1_615_000_000) // 6 March 2021
        #expect(Self.localizer.strings("de").date(date) == "6. März 2021")
        #expect(Self.localizer.strings("en").date(date) == "6 March 2021")
        #expect(Self.localizer.strings("fr").date(Date(timeIntervalSince1970: 1_614_556_800)) == "1er mars 2021")
    }
}
