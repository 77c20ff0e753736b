import Foundation

/// The register of cities: per country, the names practices use, and the other spellings (aliases)
/// that mean one of them. "London Lewisham" finds "London-Lewisham" by its key (case, accents,
/// hyphens and punctuation aside); "Vinnitsya" finds "Vinnytsia" once an editor has merged the two,
/// which leaves the old spelling as an alias.
///
/// ```swift
/// let register = CityRegister(names: [.init(country: "UA", name: "Vinnytsia")],
///                             aliases: [.init(country: "UA", spelling: "Vinnitsya", name: "Vinnytsia")])
/// register.resolve("vinnitsya", country: "UA") // "Vinnytsia"
/// ```
public struct CityRegister: Sendable, Equatable {
    public struct Name: Sendable, Hashable {
        public let country: String
        public let name: String

        public init(country: String, name: String) {
            self.country = country
            self.name = name
        }
    }

    /// Another spelling of a registered name: found by its key, shown as it was written.
    public struct Alias: Sendable, Hashable {
        public let country: String
        public let spelling: String
        public let name: String
        public var key: String { CityRegister.key(spelling) }

        public init(country: String, spelling: String, name: String) {
            self.country = country
            self.spelling = spelling
            self.name = name
        }
    }

    public private(set) var names: [Name]
    public private(set) var aliases: [Alias]
    /// Registered names by country and key (several when look-alikes have not been merged yet).
    private var byKey: [String: [String: [String]]] = [:]
    private var aliasByKey: [String: [String: String]] = [:]

    public init(names: [Name] = [], aliases: [Alias] = []) {
        self.names = []
        self.aliases = []
        for name in names { add(name) }
        for alias in aliases { add(alias) }
    }

    public mutating func add(_ name: Name) {
        names.append(name)
        byKey[name.country, default: [:]][Self.key(name.name), default: []].append(name.name)
    }

    public mutating func add(_ alias: Alias) {
        aliases.append(alias)
        aliasByKey[alias.country, default: [:]][alias.key] = alias.name
    }

    /// What spellings of one city have in common: folded (case, accents, scripts), with every run of
    /// characters that are not letters or digits made one space. "London-Lewisham", "london lewisham"
    /// and "LONDON – Lewisham" share "london lewisham".
    public static func key(_ name: String) -> String {
        var key = ""
        var pendingSpace = false
        for character in TextFolding.fold(name) {
            if character.isLetter || character.isNumber {
                if pendingSpace, !key.isEmpty { key.append(" ") }
                pendingSpace = false
                key.append(character)
            } else {
                pendingSpace = true
            }
        }
        return key
    }

    /// The register's name for `name` in `country`: the name itself when registered, else the name an
    /// alias points to, else the one registered name with the same key; else `name` as given (trimmed),
    /// a city the register does not know yet.
    public func resolve(_ name: String, country: String) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let key = Self.key(trimmed)
        let registered = byKey[country]?[key] ?? []
        if registered.contains(trimmed) { return trimmed }
        if let target = aliasByKey[country]?[key] { return target }
        if registered.count == 1 { return registered[0] }
        return trimmed
    }

    /// Every name of a practice's cities resolved, without repeating a city named twice.
    public func resolve(_ names: [String], country: String) -> [String] {
        var seen = Set<String>()
        return names.map { resolve($0, country: country) }.filter { seen.insert($0).inserted }
    }

    /// Names in one country that are probably one city: the same key ("London-Lewisham", "London
    /// Lewisham"), or keys that begin alike and are one edit apart from five letters on ("Odesa",
    /// "Odessa"), two from eight ("Vinnitsya", "Vinnytsia"). Groups of two or more, for editors to merge or leave. Names are
    /// compared within their first letter only, so that a country of thousands of cities stays cheap.
    public static func lookAlikes(_ names: [String]) -> [[String]] {
        var groups: [[String]] = []
        let byInitial = Dictionary(grouping: Set(names).map { (name: $0, key: key($0)) }) { $0.key.first }
        for (_, bucket) in byInitial where bucket.count > 1 {
            var parent = Array(bucket.indices)
            func root(_ i: Int) -> Int {
                var i = i
                while parent[i] != i { i = parent[i] }
                return i
            }
            for i in bucket.indices {
                for j in bucket.indices where j > i {
                    let a = bucket[i].key, b = bucket[j].key
                    let shorter = min(a.count, b.count)
                    let alike = a == b || (shorter >= 5 && abs(a.count - b.count) <= 2
                        && editDistance(a, b, limit: 2) <= (shorter >= 8 ? 2 : 1))
                    if alike { parent[root(j)] = root(i) }
                }
            }
            var grouped: [Int: [String]] = [:]
            for i in bucket.indices { grouped[root(i), default: []].append(bucket[i].name) }
            groups += grouped.values.filter { $0.count > 1 }.map { $0.sorted() }
        }
        return groups.sorted { $0[0] < $1[0] }
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) once every path exceeds `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            var best = current[0]
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                best = min(best, current[j])
            }
            if best > limit { return limit + 1 }
            previous = current
        }
        return previous[b.count]
    }
}
