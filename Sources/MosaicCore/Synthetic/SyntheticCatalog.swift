import Foundation

/// A deterministic synthetic catalogue for benchmarks and property tests: realistic text lengths and
/// field distributions, many countries and cities, every topic, varied period texts.
/// Never used as sample content: every practice says in its `source` that it is synthetic.
public struct SyntheticCatalog: Sendable {
    public var seed: UInt64
    public var taxonomy: Taxonomy

    public init(seed: UInt64 = 1, taxonomy: Taxonomy = .standard) {
        self.seed = seed
        self.taxonomy = taxonomy
    }

    /// The n-th practice (0-based). The same seed and n always give the same practice.
    public func practice(_ n: Int) -> Practice {
        var random = SeededGenerator(seed: seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(n))
        let place = Self.places[Int(random.next() % UInt64(Self.places.count))]
        var cities: [String] = []
        switch random.next() % 100 {
        case 0..<8: break // a national practice
        case 8..<93: cities = [place.cities[Int(random.next() % UInt64(place.cities.count))]]
        default:
            let count = min(place.cities.count, 2 + Int(random.next() % 2))
            var pool = place.cities
            for _ in 0..<count { cities.append(pool.remove(at: Int(random.next() % UInt64(pool.count)))) }
        }
        let noun = Self.nouns[Int(random.next() % UInt64(Self.nouns.count))]
        let qualifier = Self.qualifiers[Int(random.next() % UInt64(Self.qualifiers.count))]
        let audience = Self.audiences[Int(random.next() % UInt64(Self.audiences.count))]
        var title = "\(qualifier) \(noun) \(audience)"
        if let city = cities.first, random.next() % 3 == 0 { title += " in \(city)" }

        var topics: [Topic.Key] = []
        for _ in 0..<(1 + Int(random.next() % 3)) {
            let key = taxonomy.topics[Int(random.next() % UInt64(taxonomy.topics.count))].key
            if !topics.contains(key) { topics.append(key) }
        }
        let start = 2005 + Int(random.next() % 21)
        let period = Self.periodForms[Int(random.next() % UInt64(Self.periodForms.count))](start, start + 1 + Int(random.next() % 5))

        var sections: [Practice.Section: String] = [:]
        sections[.purpose] = "Purpose: " + paragraph(&random, sentences: 2...5, about: noun, audience: audience)
        if random.next() % 10 < 8 { sections[.rationale] = paragraph(&random, sentences: 2...6, about: noun, audience: audience) }
        sections[.process] = paragraph(&random, sentences: 3...10, about: noun, audience: audience)
            + "\n\n- " + paragraph(&random, sentences: 1...1, about: noun, audience: audience)
            + "\n- " + paragraph(&random, sentences: 1...1, about: noun, audience: audience)
        if random.next() % 10 < 7 { sections[.impact] = paragraph(&random, sentences: 2...6, about: noun, audience: audience) }
        for section in [Practice.Section.evaluation, .resources, .partners, .lessons, .transferability] where random.next() % 10 < 3 {
            sections[section] = paragraph(&random, sentences: 1...3, about: noun, audience: audience)
        }
        var links: [Practice.Link] = []
        if random.next() % 10 < 4 {
            sections[.references] = "Annual report \(start + 1) and the city's programme page."
            links.append(Practice.Link(title: "Programme page", url: "https://city-\(n % 997).example.org/programme/\(n)"))
        }
        let language = Self.languages[Int(random.next() % UInt64(Self.languages.count))]
        var translations: [String: Practice.Translation] = [:]
        if random.next() % 20 == 0 {
            translations["fr"] = Practice.Translation(title: "\(title) (version française)",
                                                      sections: [.purpose: "Objectif : " + paragraph(&random, sentences: 1...3, about: noun, audience: audience)])
        }
        let created = Date(timeIntervalSince1970: 1_262_304_000 + Double(random.next() % 504_576_000)) // 2010–2026
        var practice = Practice(
            id: Practice.ID(rawValue: "synthetic-\(seed)-\(n)"),
            slug: Slug(rawValue: Slug(making: title).rawValue + "-\(n)")!,
            title: title,
            subtitle: random.next() % 3 == 0 ? "A \(noun) run by the city with local partners" : nil,
            country: place.country,
            cities: cities,
            period: period.isEmpty ? nil : period,
            topics: topics,
            language: language,
            sections: sections,
            evidence: Practice.Evidence.allCases.randomElement(using: &random),
            links: links,
            translations: translations,
            status: random.next() % 20 == 0 ? .draft : .published,
            createdAt: created,
            updatedAt: created,
            publishedAt: created,
            source: "Synthetic practice made by `mosaic generate` (seed \(seed)); not a real practice")
        practice.derivePeriod()
        if practice.status != .published { practice.publishedAt = nil }
        return practice
    }

    private func paragraph(_ random: inout SeededGenerator, sentences: ClosedRange<Int>, about noun: String, audience: String) -> String {
        let count = sentences.lowerBound + Int(random.next() % UInt64(sentences.count))
        var text: [String] = []
        for _ in 0..<count {
            let template = Self.sentenceTemplates[Int(random.next() % UInt64(Self.sentenceTemplates.count))]
            let word = Self.vocabulary[Int(random.next() % UInt64(Self.vocabulary.count))]
            let other = Self.vocabulary[Int(random.next() % UInt64(Self.vocabulary.count))]
            let people = audience.hasPrefix("for ") ? String(audience.dropFirst(4)) : audience
            text.append(template(noun, people, word, other, 10 + Int(random.next() % 490)))
        }
        return text.joined(separator: " ")
    }

    struct Place: Sendable {
        let country: Country.Code
        let cities: [String]
    }

    static let places: [Place] = [
        ("PT", ["Lisbon", "Porto", "Amadora", "Setúbal", "Braga", "Loures"]),
        ("ES", ["Barcelona", "Bilbao", "Getxo", "Sabadell", "Fuenlabrada", "Donostia-San Sebastián", "Castellón"]),
        ("FR", ["Strasbourg", "Lyon", "Montréal-la-Cluse", "Paris", "Rouen", "Nantes"]),
        ("IT", ["Reggio Emilia", "Torino", "Bergamo", "Palermo", "Genova", "Pistoia", "Forlì"]),
        ("DE", ["Stuttgart", "Berlin-Neukölln", "Erlangen", "Düsseldorf", "München", "Hamburg"]),
        ("GB", ["London Borough of Lewisham", "Swansea", "Bradford", "Glasgow", "Leicester"]),
        ("NO", ["Oslo", "Bergen", "Drammen", "Stavanger"]),
        ("SE", ["Botkyrka", "Malmö", "Göteborg"]),
        ("CH", ["Neuchâtel", "Genève", "Zürich", "Lausanne", "Bern"]),
        ("RS", ["Novi Sad", "Subotica", "Pančevo", "Kragujevac"]),
        ("UA", ["Lutsk", "Melitopol", "Odesa", "Vinnytsia", "Sumy"]),
        ("GR", ["Athens", "Ioannina", "Patras"]),
        ("PL", ["Lublin", "Gdańsk", "Wrocław", "Łódź"]),
        ("IE", ["Dublin", "Limerick", "Galway", "Cork"]),
        ("NL", ["Rotterdam", "Amsterdam", "Utrecht", "Tilburg"]),
        ("DK", ["Copenhagen", "Aarhus"]),
        ("FI", ["Helsinki", "Turku", "Vantaa"]),
        ("CY", ["Limassol", "Nicosia"]),
        ("MA", ["Tangier", "Rabat"]),
        ("KR", ["Ansan", "Guro", "Seoul"]),
        ("JP", ["Hamamatsu", "Kawasaki"]),
        ("CA", ["Montréal", "Toronto", "Calgary"]),
        ("MX", ["Mexico City", "Querétaro"]),
        ("AU", ["Ballarat", "Melbourne"]),
        ("TR", ["İzmir", "Gaziantep", "Istanbul"]),
        ("HR", ["Rijeka", "Zagreb"]),
        ("SI", ["Ljubljana", "Maribor"]),
        ("LU", ["Luxembourg", "Differdange"]),
        ("AT", ["Wien", "Graz"]),
        ("BE", ["Bruxelles", "Gent", "Antwerpen"]),
        ("IL", ["Tel Aviv-Yafo"]),
        ("MD", ["Chișinău", "Bălți"]),
        ("GE", ["Tbilisi", "Batumi"]),
        ("AR", ["Buenos Aires", "Rosario"]),
        ("US", ["Boston", "Dayton"]),
    ].map { Place(country: Country.Code(rawValue: $0.0), cities: $0.1) }

    static let qualifiers = ["Intercultural", "Neighbourhood", "Multilingual", "Citywide", "Community", "Anti-rumour",
                             "Inclusive", "Shared", "Participatory", "Local", "Youth", "Open", "Municipal", "Diversity"]
    static let nouns = ["mentoring programme", "welcome desk", "library network", "festival", "mediation service",
                        "training for city staff", "language café", "sports league", "media lab", "business incubator",
                        "housing support", "school partnership", "council of residents", "walking tours", "storytelling project",
                        "employment network", "health navigators", "open mosque days", "citizenship course", "garden project"]
    static let audiences = ["for newcomers", "for young people", "for women", "for refugees", "for older residents",
                            "for families", "for Roma communities", "for migrant entrepreneurs", "for students", "for all residents"]
    static let vocabulary = ["diversity", "inclusion", "trust", "neighbours", "volunteers", "schools", "libraries",
                             "associations", "employers", "mediators", "rumours", "stereotypes", "dialogue", "languages",
                             "housing", "elections", "participation", "welcome", "training", "festivals", "sport",
                             "journalists", "teachers", "parents", "youth workers", "police", "health services", "markets"]
    /// Sentences with the practice's noun, its audience, two words of the vocabulary and a number.
    static let sentenceTemplates: [@Sendable (String, String, String, String, Int) -> String] = [
        { n, a, w, o, _ in "The \(n) brings together \(a) and local \(w) to build \(o)." },
        { n, a, _, _, k in "Since its start, more than \(k) \(a) have taken part in the \(n)." },
        { n, _, w, o, _ in "The city works with \(w) and \(o) to make the \(n) known in every district." },
        { n, _, w, o, _ in "Each session of the \(n) is prepared by a team of \(w), with support from the \(o) office." },
        { _, _, w, o, k in "An evaluation found that \(w) improved for \(k) participants, and that \(o) became easier." },
        { n, a, w, _, _ in "The \(n) answers a need expressed by \(a): better access to \(w)." },
        { n, _, w, o, _ in "Staff received training on \(w) and \(o) before the \(n) opened." },
        { _, _, w, o, _ in "Partners include \(w) networks, \(o) groups and the regional government." },
        { _, _, w, o, k in "The budget covers \(k) hours of \(w) each year, and \(o) are paid for their time." },
        { _, a, _, _, _ in "Results are discussed every year with \(a) and with the city council." },
    ]
    static let languages = ["en", "en", "en", "en", "en", "en", "en", "en", "en", "en", "en", "en", "en", "en", "en", "en", "fr", "fr", "de", "es", "it", "pt", "sr"]

    static let periodForms: [@Sendable (Int, Int) -> String] = [
        { s, _ in "\(s)" }, { s, _ in "\(s) - ongoing" }, { s, _ in "Since \(s)" }, { s, _ in "\(s)-" },
        { s, e in "\(s)-\(e)" }, { s, e in "\(s)-\(e % 100 < 10 ? "0" : "")\(e % 100)" }, { s, _ in "January - February \(s)" },
        { s, e in "From \(s) to \(e)" }, { s, e in "\(e) (ongoing since \(s))" }, { s, _ in "à partir de \(s)" },
        { s, _ in "depuis \(s)" }, { s, e in "De \(s) à \(e)" }, { s, _ in "seit \(s)" }, { s, _ in "desde \(s)" },
        { s, _ in "dal \(s)" }, { s, _ in "od \(s)." }, { _, _ in "Each year in March" }, { _, _ in "permanent" },
        { _, _ in "N/A" }, { _, _ in "" }, { s, e in "September \(s) – June \(e)" }, { s, _ in "\(s) – present" },
    ]
}

/// SplitMix64: small, fast and deterministic across platforms.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
