/// Names of the languages practices are written in, in English and French.
public enum LanguageNames {
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

    /// The name of the language with this BCP 47 tag, in English or French; the tag itself when unknown.
    public static func name(of tag: String, in language: String) -> String {
        let primary = String(tag.split(separator: "-").first ?? Substring(tag))
        guard let entry = names[tag] ?? names[primary] else { return tag }
        let name = language.hasPrefix("fr") ? entry.fr : entry.en
        if tag != primary, names[tag] == nil { return "\(name) (\(tag))" }
        return name
    }
}
