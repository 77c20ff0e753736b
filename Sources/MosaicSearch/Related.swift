import Foundation
import MosaicCore

extension Catalog {
    /// How many of the most recently added practices of each shared topic (and of the country) are
    /// considered: the work of a practice page stays the same at 100,000 practices as at 1,000, and
    /// below this many the choice is exact.
    static let relatedCandidatesPerList = 256

    /// Practices close to this one: sharing topics first, then the same country, newest first.
    public func related(to practice: Practice, limit: Int = 3) -> [Practice] {
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
        let own = index.byID[practice.id]
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
        }.map { index.documents[Int(candidates[Int($0)])].practice }
    }

    /// The name of the city whose slug this is, as written in the data.
    public func city(slug: Slug) -> String? {
        for (id, name) in index.facets.cityNames.enumerated() where Slug(making: name) == slug {
            if index.facets.cities.documents[id].contains(where: { index.alive.contains(Int($0)) }) { return name }
        }
        return nil
    }
}
