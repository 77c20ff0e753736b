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

    /// Practices close to this one: sharing topics first, then the same country, newest first.
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

    private func relatedDocuments(to practice: Practice, own: Int32?, limit: Int) -> [Int32] {
        // Each shared topic counts 1 and the same country 0.5: the candidates with their weights, sorted
        // by document so that one pass adds up each one's score (no hashing).
        var entries: [(document: Int32, weight: Float)] = []
        entries.reserveCapacity(Self.relatedCandidatesPerList * (practice.topics.count + 1))
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
