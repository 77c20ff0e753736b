import Foundation
import MosaicCore

struct RelatedKey: Hashable, Sendable {
    let document: Int32
    let limit: Int
}

extension Catalog {
    /// How many of the most recently added practices of each shared topic (and of the country) are
    /// considered: the work of a practice page stays the same at 100,000 practices as at 1,000, and
    /// below this many the choice is exact.
    static let relatedCandidatesPerList = 256

    /// Practices close to this one: sharing topics, distinctive words and the country, newest first
    /// among equals.
    public func related(to practice: Practice, limit: Int = 3) -> [Practice] {
        // Practice pages ask again and again: the choice is kept with the snapshot (up to a bound).
        let own = index.byID[practice.id]
        let key = own.map { RelatedKey(document: $0, limit: limit) }
        if let key, let known = relatedMemo.withLock({ $0[key] }) { return known.map { index.documents[Int($0)].practice } }
        let chosen = relatedDocuments(to: practice, own: own, limit: limit)
        if let key { relatedMemo.withLock { if $0.count < Self.maximumRememberedRelated { $0[key] = chosen } } }
        return chosen.map { index.documents[Int($0)].practice }
    }

    static let maximumRememberedRelated = 20_000

    /// How many of a practice's own words are used to find practices like it.
    static let distinctiveWords = 10
    /// What a shared word weighs at most, against 1 for a shared topic: three rare shared words are
    /// worth about one topic.
    static let sharedWordWeight: Float = 0.35

    /// The practice's distinctive words: those it uses most that few other practices use (tf × idf),
    /// leaving out words of its own alone and words most practices have.
    func distinctiveTerms(of practice: Practice, limit: Int) -> [(term: Int32, idf: Float)] {
        var frequencies: [String: Int] = [:]
        var cache = Analyzer.StemCache()
        // Its own words: title, subtitle and texts (its place and topics are counted as such).
        let fields = CatalogBuilder.fieldTexts(of: practice, taxonomy: taxonomy, countries: countries)
        for field in [FieldStatistics.Field.title, .subtitle, .text] {
            Analyzer.scan(fields[field.rawValue], cache: &cache) { term, _, _ in frequencies[term, default: 0] += 1 }
        }
        let common = max(2, aliveCount / 10)
        var scored: [(term: String, id: Int32, idf: Float, weight: Float)] = []
        for (term, frequency) in frequencies where term.count >= 3 {
            guard let id = index.vocabulary.id(of: term), let df = index.postings[id]?.count, df >= 2, df <= common else { continue }
            let idf = self.idf(df: df)
            scored.append((term, id, idf, Float(frequency).squareRoot() * idf))
        }
        // Ties in the order of the words, not of their numbers (which depend on how the index was built).
        return scored.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }.prefix(limit).map { ($0.id, $0.idf) }
    }

    private func relatedDocuments(to practice: Practice, own: Int32?, limit: Int) -> [Int32] {
        // Each shared topic counts 1, the same country 0.5, each shared distinctive word up to
        // `sharedWordWeight`: the candidates with their weights, sorted by document so that one pass adds
        // up each one's score (no hashing). Every list is cut to its most recent entries, so the work is
        // the same at any catalogue size.
        var entries: [(document: Int32, weight: Float)] = []
        entries.reserveCapacity(Self.relatedCandidatesPerList * (practice.topics.count + 1 + Self.distinctiveWords))
        let rarest = idf(df: 1)
        for (term, idf) in distinctiveTerms(of: practice, limit: Self.distinctiveWords) {
            let weight = Self.sharedWordWeight * idf / rarest
            for posting in (index.postings[term] ?? []).suffix(Self.relatedCandidatesPerList) { entries.append((posting.document, weight)) }
        }
        for topic in practice.topics {
            if let id = index.facets.topics.id(of: topic.rawValue) {
                for document in index.facets.topics.documents[Int(id)].suffix(Self.relatedCandidatesPerList) { entries.append((document, 1)) }
            }
        }
        if let id = index.facets.countries.id(of: practice.country.rawValue) {
            for document in index.facets.countries.documents[Int(id)].suffix(Self.relatedCandidatesPerList) { entries.append((document, 0.5)) }
        }
        entries.sort { $0.document < $1.document }
        var candidates: [Int32] = [], scores: [Float] = []
        for entry in entries {
            if candidates.last == entry.document {
                scores[scores.count - 1] += entry.weight
            } else if entry.document != own, index.alive.contains(Int(entry.document)) {
                candidates.append(entry.document)
                scores.append(entry.weight)
            }
        }
        let positions = (0..<Int32(candidates.count)).map { $0 }
        let newest = index.ranks.newest
        return TopK.select(positions, limit: limit) { a, b in
            let sa = scores[Int(a)], sb = scores[Int(b)]
            return sa != sb ? sa > sb : newest[Int(candidates[Int(a)])] < newest[Int(candidates[Int(b)])]
        }.map { candidates[Int($0)] }
    }

    /// The name of the city whose slug this is, as written in the data.
    public func city(slug: Slug) -> String? {
        for (id, name) in index.facets.cityNames.enumerated() where Slug(making: name) == slug {
            if index.facets.cities.documents[id].contains(where: { index.alive.contains(Int($0)) }) { return name }
        }
        return nil
    }
}
