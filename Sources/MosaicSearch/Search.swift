import Foundation
import MosaicCore

extension Catalog {
    /// Answers a query: matching, ranking, facet counts and one page of hits with snippets.
    public func search(_ query: CatalogQuery) -> CatalogResult {
        let perPage = max(1, min(query.perPage, 100))
        let page = max(1, query.page)
        let filters = FacetFilters(catalog: self, query: query)
        // "Available in my language": the other documents are as if they were not there.
        let available = query.availableOnly ? documents(readableIn: query.language) : nil
        var matcher = TextMatcher(catalog: self, parsed: ParsedQuery(query.text, language: query.language), relevant: filters.relevant,
                                  partialBelow: perPage, listed: filters.listing(available))
        var text = matcher.run()
        // Partial matches are listed with the others, after them (see `order`).
        let partial = text.partial.isEmpty ? nil : BitSet(text.partial, capacity: index.documents.count)
        if case .some(let full) = text.documents, !text.partial.isEmpty { text.documents = .some(full + text.partial) }

        let start = (page - 1) * perPage
        let counter: FacetCounter
        let total: Int
        var partialTotal = 0
        let ordered: [Int32]
        let alive = available ?? index.alive
        let free = filters.isFree && available == nil
        if case .all = text.documents, free {
            // Everything, unfiltered: counts and orders were prepared with the snapshot.
            counter = FacetCounter(catalog: self, counts: baseline)
            total = aliveCount
            ordered = index.ranks.first(start + perPage, by: query.effectiveSort, alive: index.alive)
        } else if free, case .some(let documents) = text.documents, documents.count * 2 > aliveCount {
            // Most documents match and nothing is filtered: count those that do not, and subtract.
            var others: [Int32] = []
            others.reserveCapacity(aliveCount - documents.count)
            if zip(documents, documents.dropFirst()).allSatisfy({ $0 < $1 }) {
                // Matches in document order (one word's postings): walk both lists together.
                var next = 0
                index.alive.forEach { document in
                    while next < documents.count, documents[next] < Int32(document) { next += 1 }
                    if next == documents.count || documents[next] != Int32(document) { others.append(Int32(document)) }
                }
            } else {
                var matching = BitSet(capacity: index.documents.count)
                for document in documents { matching.insert(Int(document)) }
                index.alive.forEach { if !matching.contains($0) { others.append(Int32($0)) } }
            }
            var complement = FacetCounter(catalog: self)
            _ = complement.tally(.some(others), filters: filters, alive: index.alive)
            counter = FacetCounter(catalog: self, counts: baseline.subtracting(complement.counts))
            total = documents.count
            partialTotal = text.partial.count
            ordered = order(documents, by: query.effectiveSort, scores: text.scores, limit: start + perPage, partial: partial)
        } else {
            // One pass over the documents that match the text: filters and facet counts together.
            var tally = FacetCounter(catalog: self)
            let hits = tally.tally(text.documents, filters: filters, alive: alive)
            counter = tally
            total = hits.count
            if let partial { partialTotal = hits.reduce(0) { $0 + (partial.contains(Int($1)) ? 1 : 0) } }
            ordered = order(hits, by: query.effectiveSort, scores: text.scores, limit: start + perPage, partial: partial)
        }
        let pageDocuments = start < ordered.count ? Array(ordered[start..<min(ordered.count, start + perPage)]) : []
        let highlighter = Highlighter(terms: matcher.matchedTerms, language: query.language)
        let matchedIDs = matcher.matchedTerms.compactMap { index.vocabulary.id(of: $0) }
        var cache = Analyzer.StemCache()
        let resultHits = pageDocuments.map { document -> CatalogResult.Hit in
            let packed = index.documents[Int(document)].packed
            // Where the words matched only the title, places or topics, the sections need not be read.
            let textMatches = matchedIDs.contains { textHolds($0, document) }
            let snippet = textMatches && !highlighter.terms.isEmpty
                ? highlighter.snippet(for: packed.practice, lookInText: true, cache: &cache)
                : teaser(of: document, packed, highlighter)
            return CatalogResult.Hit(packed: packed, listed: packed.listed, score: Double(text.scores?[Int(document)] ?? 0),
                                     snippet: snippet, match: partial?.contains(Int(document)) == true ? .partial : .all)
        }
        let notice: CatalogResult.Notice? = text.noGoodMatch ? .noGoodMatch : (partialTotal > 0 && partialTotal == total ? .relaxed : nil)
        var result = CatalogResult(total: total, page: page, perPage: perPage, notice: notice,
                                   hits: resultHits, facets: facetValues(counter, query), version: version)
        result.partialTotal = partialTotal
        result.suggestion = suggestion(for: query.text, text.corrections)
        return result
    }

    /// The query text with each corrected word replaced by a word of the catalogue with the nearest
    /// term, as the catalogue writes it (lower-cased).
    func suggestion(for text: String, _ corrections: [(word: String, term: Int32)]) -> String? {
        guard !corrections.isEmpty else { return nil }
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var changed = false
        for (word, term) in corrections {
            guard let surface = surface(of: term), let position = words.firstIndex(of: word) else { continue }
            words[position] = surface
            changed = true
        }
        return changed ? words.joined(separator: " ") : nil
    }

    /// A word of the catalogue's texts that is indexed as `term`: the shortest form of it ("library"
    /// rather than "libraries") in the first practice that has it.
    func surface(of term: Int32) -> String? {
        guard let posting = index.postings[term]?.first(where: { index.alive.contains(Int($0.document)) }) else { return nil }
        let wanted = index.vocabulary.term(term)
        let practice = index.documents[Int(posting.document)].practice
        var found: String?
        var cache = Analyzer.StemCache()
        for text in CatalogBuilder.fieldTexts(of: practice, taxonomy: taxonomy, countries: countries) {
            let bytes = Array(text.utf8)
            Analyzer.scan(text, cache: &cache) { candidate, _, range in
                guard candidate == wanted, range.count < (found?.utf8.count ?? .max) else { return }
                found = String(decoding: bytes[range], as: UTF8.self).lowercased()
            }
        }
        return found
    }

    /// True when `term` occurs in the text sections (or their translations) of `document`.
    private func textHolds(_ term: Int32, _ document: Int32) -> Bool {
        (posting(of: term, in: document)?.posting.frequency(FieldStatistics.Field.text.rawValue) ?? 0) > 0
    }

    /// The posting of `term` for `document`, found by binary search (postings are in document order).
    func posting(of term: Int32, in document: Int32) -> (posting: Posting, df: Int)? {
        guard let postings = index.postings[term] else { return nil }
        var low = 0, high = postings.count
        while low < high {
            let mid = (low + high) / 2
            if postings[mid].document < document { low = mid + 1 } else { high = mid }
        }
        guard low < postings.count, postings[low].document == document else { return nil }
        return (postings[low], postings.count)
    }

    /// The inverse document frequency of a term held by `df` documents.
    func idf(df: Int) -> Float {
        let n = Float(max(1, aliveCount))
        return log(1 + (n - Float(df) + 0.5) / (Float(df) + 0.5))
    }

    /// The BM25F score of one posting: its field frequencies weighted and length-normalised, saturated by k1.
    @inline(__always)
    func bm25f(_ posting: Posting, idf: Float, factor: Float, norms: UnsafeBufferPointer<Float>) -> Float {
        let fields = FieldStatistics.Field.allCases.count
        let base = Int(posting.document) * fields
        var tf: Float = 0
        for field in 0..<fields {
            let frequency = posting.frequency(field)
            if frequency > 0 { tf += frequency * norms[base + field] }
        }
        let k1 = FieldStatistics.k1
        return factor * idf * tf * (k1 + 1) / (tf + k1)
    }

    /// The hits in the order asked for, enough of them to fill the page; `partial` matches after the others.
    func order(_ hits: [Int32], by sort: CatalogQuery.Sort, scores: [Float]?, limit: Int, partial: BitSet? = nil) -> [Int32] {
        guard !hits.isEmpty, limit > 0 else { return [] }
        if let partial {
            let full = hits.filter { !partial.contains(Int($0)) }
            var ordered = order(full, by: sort, scores: scores, limit: limit)
            if ordered.count < limit {
                ordered += order(hits.filter { partial.contains(Int($0)) }, by: sort, scores: scores, limit: limit - ordered.count)
            }
            return ordered
        }
        let newestRank = index.ranks.newest
        switch sort {
        case .relevance where scores != nil:
            let scores = scores!
            return TopK.select(hits, limit: limit) { a, b in
                let sa = scores[Int(a)], sb = scores[Int(b)]
                if sa != sb { return sa > sb }
                return newestRank[Int(a)] < newestRank[Int(b)]
            }
        case .title:
            let rank = index.ranks.title
            return TopK.select(hits, limit: limit) { rank[Int($0)] < rank[Int($1)] }
        case .period:
            let rank = index.ranks.period
            return TopK.select(hits, limit: limit) { rank[Int($0)] < rank[Int($1)] }
        default:
            return TopK.select(hits, limit: limit) { newestRank[Int($0)] < newestRank[Int($1)] }
        }
    }

    /// The facet values of the answer; those of the unfiltered catalogue are made once per language.
    private func facetValues(_ counter: FacetCounter, _ query: CatalogQuery) -> [CatalogQuery.Facet: [CatalogResult.FacetValue]] {
        guard !query.hasText, !query.availableOnly, !query.hasFilters else {
            return counter.values(for: query)
        }
        if let known = baselineValues.withLock({ $0[query.language] }) { return known }
        let values = counter.values(for: query)
        baselineValues.withLock { $0[query.language] = values }
        return values
    }

    /// A practice's teaser in the reader's language, made once per snapshot (up to a bound): list pages
    /// show the same practices again and again.
    private func teaser(of document: Int32, _ packed: CompactPractice, _ highlighter: Highlighter) -> Snippet {
        let key = TeaserKey(document: document, language: highlighter.language)
        if let known = teasers.withLock({ $0[key] }) { return known }
        let teaser = highlighter.teaser(for: packed.practice)
        teasers.withLock { cache in
            if cache.count < Self.maximumCachedTeasers { cache[key] = teaser }
        }
        return teaser
    }
}
