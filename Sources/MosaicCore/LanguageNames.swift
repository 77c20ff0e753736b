import Foundation

/// Names of the languages practices are written in: in English and French from our own table, in the
/// other interface languages from iso-codes (`language-names.tsv`, made by `i18n/iso-codes.py`).
public enum LanguageNames {
    /// tag → interface language → name.
    private static let local: [String: [String: String]] = {
        guard let url = Bundle.module.url(forResource: "language-names", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var table: [String: [String: String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 3 else { continue }
            table[columns[0], default: [:]][columns[1]] = columns[2]
        }
        return table
    }()

    private static let names: [String: (en: String, fr: String)] = [
        "en": ("English", "anglais"), "fr": ("French", "français"), "de": ("German", "allemand"),
        "es": ("Spanish", "espagnol"), "it": ("Italian", "italien"), "pt": ("Portuguese", "portugais"),
        "sr": ("Serbian", "serbe"), "hr": ("Croatian", "croate"), "bs": ("Bosnian", "bosniaque"),
        "sl": ("Slovenian", "slovène"), "nl": ("Dutch", "néerlandais"), "no": ("Norwegian", "norvégien"),
        "nb": ("Norwegian Bokmål", "norvégien bokmål"), "sv": ("Swedish", "suédois"), "da": ("Danish", "danois"),
        "fi": ("Finnish", "finnois"), "pl": ("Polish", "polonais"), "uk": ("Ukrainian", "ukrainien"),
        "ru": ("Russian", "russe"), "el": ("Greek", "grec"), "tr": ("Turkish", "turc"), "ar": ("Arabic", "arabe"),
        "he": ("Hebrew", "hébreu"), "ko": ("Korean", "coréen"), "ja": ("Japanese", "japonais"),
        "zh": ("Chinese", "chinois"), "ro": ("Romanian", "roumain"), "hu": ("Hungarian", "hongrois"),
        "cs": ("Czech", "tchèque"), "sk": ("Slovak", "slovaque"), "bg": ("Bulgarian", "bulgare"),
        "mk": ("Macedonian", "macédonien"), "sq": ("Albanian", "albanais"), "ka": ("Georgian", "géorgien"),
        "hy": ("Armenian", "arménien"), "az": ("Azerbaijani", "azerbaïdjanais"), "lt": ("Lithuanian", "lituanien"),
        "lv": ("Latvian", "letton"), "et": ("Estonian", "estonien"), "is": ("Icelandic", "islandais"),
        "ga": ("Irish", "irlandais"), "cy": ("Welsh", "gallois"), "ca": ("Catalan", "catalan"),
        "eu": ("Basque", "basque"), "gl": ("Galician", "galicien"), "mt": ("Maltese", "maltais"),
        "lb": ("Luxembourgish", "luxembourgeois"), "ro-MD": ("Romanian (Moldova)", "roumain (Moldavie)"),
    ]

    /// The languages a practice may be written in, as forms offer them (ISO 639-1 codes): those the
    /// network's cities write in.
    public static let offered: [String] = names.keys.filter { !$0.contains("-") }.sorted()

    /// Every name of every language, in every interface language and in itself, folded → its tag.
    private static let tagsByName: [String: String] = {
        var table: [String: String] = [:]
        for (tag, byLanguage) in local {
            for name in byLanguage.values { table[TextFolding.fold(name)] = table[TextFolding.fold(name)] ?? tag }
        }
        for (tag, entry) in names {
            // The network's own names win over the many languages of iso-codes.
            table[TextFolding.fold(entry.en)] = tag
            table[TextFolding.fold(entry.fr)] = tag
        }
        return table
    }()

    /// The tag of a language written as a code ("pt", "PT", "sr-Latn") or by its name in any interface
    /// language or in itself ("Portuguese", "português", "portugais"); nil when it cannot be read.
    public static func tag(reading text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 60 else { return nil }
        let folded = TextFolding.fold(trimmed)
        if local[folded] != nil || names[folded] != nil { return folded }
        // A tag with a region or script: its language must be known ("sr-latn" → "sr-Latn").
        let parts = trimmed.split(separator: "-")
        if parts.count > 1, parts.count <= 3, let first = parts.first, local[first.lowercased()] != nil,
           parts.dropFirst().allSatisfy({ (2...4).contains($0.count) && $0.allSatisfy(\.isLetter) }) {
            return ([first.lowercased()] + parts.dropFirst().map { $0.count == 4 ? $0.prefix(1).uppercased() + $0.dropFirst().lowercased() : $0.uppercased() })
                .joined(separator: "-")
        }
        return tagsByName[folded]
    }

    /// The name of the language with this BCP 47 tag in an interface language; the tag itself when unknown.
    public static func name(of tag: String, in language: String) -> String {
        let primary = String(tag.split(separator: "-").first ?? Substring(tag))
        if language != "en", !language.hasPrefix("fr"), let name = local[primary]?[language] {
            return tag == primary ? name : "\(name) (\(tag))"
        }
        guard let entry = names[tag] ?? names[primary] else { return local[primary]?["en"] ?? tag }
        let name = language.hasPrefix("fr") ? entry.fr : entry.en
        if tag != primary, names[tag] == nil { return "\(name) (\(tag))" }
        return name
    }
}
