import Foundation
import MosaicCore

/// Which documents match the text of the query, and their scores.
struct TextMatch {
    enum Documents: Sendable { case all, some([Int32]) }
    var documents: Documents
    var scores: [Float]?
    var relaxed: Bool
}

/// One requirement of the query: a document must match one of the alternatives.
struct Clause {
    /// A set of terms that must all be present, and how much a match through them is worth.
    struct Alternative {
        var terms: [Int32]
        var factor: Float
    }
    var alternatives: [Alternative]
}

/// Evaluates the text of a query against the index.
struct TextMatcher {
    let catalog: Catalog
    let parsed: ParsedQuery
    /// The terms that matched, for highlighting.
    private(set) var matchedTerms: Set<String> = []

    /// When set, only these documents can matter to the result (see `FacetFilters.relevant`): others are
    /// not scored.
    let relevant: BitSet?

    init(catalog: Catalog, parsed: ParsedQuery, relevant: BitSet? = nil) {
        self.catalog = catalog
        self.parsed = parsed
        self.relevant = relevant
    }

    static let prefixFactor: Float = 0.8
    static let typoFactor: Float = 0.45
    static let splitFactor: Float = 0.7
    static let maximumExpansions = 48

    mutating func run() -> TextMatch {
        var clauses: [Clause] = []
        var phraseTerms: [[AnalyzedToken]] = []
        // Plain words: each gives a clause; neighbours whose joined form is a term merge into one.
        var wordTerms: [(word: String, terms: [String])] = parsed.words.map { ($0, Analyzer.terms($0)) }.filter { !$0.1.isEmpty }
        var index = 0
        while index < wordTerms.count {
            let (word, terms) = wordTerms[index]
            if index + 1 < wordTerms.count, terms.count == 1, wordTerms[index + 1].terms.count == 1,
               let joined = catalog.index.vocabulary.id(of: Analyzer.stem(TextFolding.fold(word + wordTerms[index + 1].word))) {
                var alternatives = [Clause.Alternative(terms: [joined], factor: 1)]
                if let a = catalog.index.vocabulary.id(of: terms[0]), let b = catalog.index.vocabulary.id(of: wordTerms[index + 1].terms[0]) {
                    alternatives.append(Clause.Alternative(terms: [a, b], factor: 1))
                }
                clauses.append(Clause(alternatives: alternatives))
                index += 2
                continue
            }
            let isPrefix = index == wordTerms.count - 1 && parsed.prefix == word
            clauses.append(clause(for: word, terms: terms, prefix: isPrefix))
            index += 1
        }
        wordTerms.removeAll()
        // Phrases: all their terms are required, then their order is checked.
        let wordClauses = clauses.count
        for phrase in parsed.phrases {
            let tokens = Analyzer.tokens(phrase).filter { !$0.term.isEmpty }
            // A hyphenated word's joined form shares the position of its first part; keep the parts.
            var seen = Set<Int>()
            let ordered = tokens.filter { seen.insert($0.position).inserted }
            guard !ordered.isEmpty else { continue }
            phraseTerms.append(ordered)
            for token in ordered {
                clauses.append(Clause(alternatives: catalog.index.vocabulary.id(of: token.term).map { [Clause.Alternative(terms: [$0], factor: 1)] } ?? []))
            }
        }
        guard !clauses.isEmpty else {
            return excluding(TextMatch(documents: .all, scores: nil, relaxed: false))
        }
        for clause in clauses {
            for alternative in clause.alternatives {
                for term in alternative.terms { matchedTerms.insert(catalog.index.vocabulary.term(term)) }
            }
        }

        // The most selective clause first: later clauses then only score documents still in the running.
        let order = clauses.indices.sorted { postingCount(clauses[$0]) < postingCount(clauses[$1]) }
        let (documents, scores) = evaluate(order.map { clauses[$0] }, requireAll: true)
        var matches = documents
        if !phraseTerms.isEmpty {
            matches = matches.filter { containsPhrases(phraseTerms, in: catalog.index.documents[Int($0)].practice) }
        }
        if matches.isEmpty, wordClauses > 1 || (wordClauses == 1 && !phraseTerms.isEmpty) {
            // Nothing matches every word: fall back to any word (phrases stay required), and say so.
            var anyWord = TextMatcher.clausesMatchedByWords(clauses: clauses, wordClauses: wordClauses, catalog: catalog)
            if !phraseTerms.isEmpty {
                anyWord = anyWord.filter { containsPhrases(phraseTerms, in: catalog.index.documents[Int($0)].practice) }
            }
            if !anyWord.isEmpty {
                let (_, allScores) = evaluate(clauses, requireAll: false)
                return excluding(TextMatch(documents: .some(anyWord), scores: allScores, relaxed: true))
            }
        }
        return excluding(TextMatch(documents: .some(matches), scores: scores, relaxed: false))
    }

    private func postingCount(_ clause: Clause) -> Int {
        clause.alternatives.reduce(0) { total, alternative in
            total + (alternative.terms.map { catalog.index.postings[$0]?.count ?? 0 }.min() ?? 0)
        }
    }

    /// Scores every clause. With `requireAll`, a document that missed a clause is not scored for the
    /// next ones, and only documents matching every clause are returned.
    private func evaluate(_ clauses: [Clause], requireAll: Bool) -> (documents: [Int32], scores: [Float]) {
        let count = catalog.index.documents.count
        var scores = [Float](repeating: 0, count: count)
        // The commonest query: one word, matched by one term only. Its postings are the answer.
        if clauses.count == 1, clauses[0].alternatives.count == 1, clauses[0].alternatives[0].terms.count == 1 {
            let alternative = clauses[0].alternatives[0]
            var documents: [Int32] = []
            documents.reserveCapacity(catalog.index.postings[alternative.terms[0]]?.count ?? 0)
            let relevant = self.relevant, alive = catalog.index.alive
            scores.withUnsafeMutableBufferPointer { scores in
                score(alternative.terms[0], factor: alternative.factor, only: { relevant?.contains(Int($0)) ?? true }) { document, value in
                    guard alive.contains(Int(document)) else { return }
                    scores[Int(document)] = value
                    documents.append(document)
                }
            }
            return (documents, scores)
        }
        var matched = [UInt8](repeating: 0, count: count)
        var best = [Float](repeating: 0, count: count)
        var touched: [Int32] = []
        // Only needed by alternatives of several terms; allocated when one comes.
        var altScore: [Float] = []
        var altHits: [UInt8] = []
        var altTouched: [Int32] = []
        var candidates: [Int32] = []

        for (index, clause) in clauses.enumerated() {
            let required = UInt8(truncatingIfNeeded: index)
            // Few documents left in the running: look each one up in the postings instead of scanning them.
            if requireAll, index > 0, candidates.count * 24 < postingCount(clause) {
                candidates = candidates.filter { document in
                    var bestScore: Float = 0
                    for alternative in clause.alternatives {
                        var total: Float = 0
                        var all = true
                        for term in alternative.terms {
                            guard let value = score(term, factor: alternative.factor, document: document) else { all = false; break }
                            total += value
                        }
                        if all { bestScore = max(bestScore, total) }
                    }
                    guard bestScore > 0 else { return false }
                    scores[Int(document)] += bestScore
                    matched[Int(document)] &+= 1
                    return true
                }
                continue
            }
            // Only documents that matched every clause so far are still in the running.
            let relevant = self.relevant
            let inRunning: (Int32) -> Bool = {
                (relevant?.contains(Int($0)) ?? true) && (!requireAll || index == 0 || matched[Int($0)] == required)
            }
            for alternative in clause.alternatives {
                if alternative.terms.count == 1 {
                    score(alternative.terms[0], factor: alternative.factor, only: inRunning) { document, value in
                        if best[Int(document)] == 0 { touched.append(document) }
                        if value > best[Int(document)] { best[Int(document)] = value }
                    }
                } else {
                    if altScore.isEmpty {
                        altScore = [Float](repeating: 0, count: count)
                        altHits = [UInt8](repeating: 0, count: count)
                    }
                    for term in alternative.terms {
                        score(term, factor: alternative.factor, only: inRunning) { document, value in
                            if altHits[Int(document)] == 0 { altTouched.append(document) }
                            altHits[Int(document)] &+= 1
                            altScore[Int(document)] += value
                        }
                    }
                    for document in altTouched {
                        let d = Int(document)
                        if Int(altHits[d]) == alternative.terms.count {
                            if best[d] == 0 { touched.append(document) }
                            best[d] = max(best[d], altScore[d])
                        }
                        altHits[d] = 0
                        altScore[d] = 0
                    }
                    altTouched.removeAll(keepingCapacity: true)
                }
            }
            // (Hits are ordered later by their sort; their order here does not matter.)
            if index == 0 { candidates = touched.filter { catalog.index.alive.contains(Int($0)) } }
            for document in touched {
                let d = Int(document)
                matched[d] &+= 1
                scores[d] += best[d]
                best[d] = 0
            }
            touched.removeAll(keepingCapacity: true)
            if !requireAll, index > 0 { candidates = [] }
        }
        let needed = UInt8(truncatingIfNeeded: clauses.count)
        return (candidates.filter { matched[Int($0)] == needed }, scores)
    }

    /// Live documents that match at least one word clause and every phrase clause.
    static func clausesMatchedByWords(clauses: [Clause], wordClauses: Int, catalog: Catalog) -> [Int32] {
        func documents(of clause: Clause) -> Set<Int32> {
            var set = Set<Int32>()
            for alternative in clause.alternatives {
                var common: Set<Int32>? = nil
                for term in alternative.terms {
                    let docs = Set((catalog.index.postings[term] ?? []).map(\.document))
                    common = common.map { $0.intersection(docs) } ?? docs
                }
                set.formUnion(common ?? [])
            }
            return set
        }
        var any = Set<Int32>()
        for clause in clauses.prefix(wordClauses) { any.formUnion(documents(of: clause)) }
        for clause in clauses.dropFirst(wordClauses) { any.formIntersection(documents(of: clause)) }
        return any.filter { catalog.index.alive.contains(Int($0)) }.sorted()
    }

    /// The clause of one word: its term, the terms it could be a prefix of, near spellings, and the
    /// two words it could be the joining of.
    private func clause(for word: String, terms: [String], prefix: Bool) -> Clause {
        let vocabulary = catalog.index.vocabulary
        var alternatives: [Clause.Alternative] = []
        if terms.count > 1 {
            // A hyphenated word: its joined form (last), or all its parts.
            if let joined = vocabulary.id(of: terms.last!) { alternatives.append(.init(terms: [joined], factor: 1)) }
            let parts = terms.dropLast().compactMap { vocabulary.id(of: $0) }
            if parts.count == terms.count - 1 { alternatives.append(.init(terms: parts, factor: 1)) }
            return Clause(alternatives: alternatives)
        }
        let term = terms[0]
        let exact = vocabulary.id(of: term)
        if let exact { alternatives.append(.init(terms: [exact], factor: 1)) }
        // A word of a topic's or a country's name, in any language.
        for token in catalog.index.names.termsByWord[term] ?? [] {
            if let id = vocabulary.id(of: token), id != exact { alternatives.append(.init(terms: [id], factor: 1)) }
        }
        let folded = TextFolding.fold(word).filter { $0.isLetter || $0.isNumber }
        if prefix, folded.count >= 2 {
            var stem = folded
            var expansions: ArraySlice<Int32> = []
            // "housin" finds "housing" (indexed as "hous") by shortening the prefix a little.
            while stem.count >= max(2, folded.count - 2) {
                expansions = vocabulary.terms(withPrefix: stem)
                if !expansions.isEmpty { break }
                stem.removeLast()
            }
            let best = expansions.filter { $0 != exact }
                .sorted { (catalog.index.postings[$0]?.count ?? 0) > (catalog.index.postings[$1]?.count ?? 0) }
                .prefix(Self.maximumExpansions)
            alternatives += best.map { .init(terms: [$0], factor: Self.prefixFactor) }
        }
        let letters = folded.count
        // No word of the vocabulary is longer than this: longer input gets no corrections or splits, so
        // the work stays linear in what a client sends.
        guard letters <= Self.longestCorrectedWord else { return Clause(alternatives: alternatives) }
        if letters >= 5, !folded.allSatisfy(\.isNumber) {
            let limit = letters >= 9 ? 2 : 1
            alternatives += typos(of: term, limit: limit).filter { $0 != exact }.map { .init(terms: [$0], factor: Self.typoFactor) }
        }
        // A compound written as one word is also searched as two words of the vocabulary: German's
        // Integrationsbeirat as Integration + Beirat (the plural rule takes its joining "s" off).
        let scalars = Array(term.unicodeScalars)
        if letters >= 6, scalars.count >= 6 {
            for cut in 3...(scalars.count - 3) {
                let left = String(String.UnicodeScalarView(scalars[..<cut])), right = String(String.UnicodeScalarView(scalars[cut...]))
                if let a = vocabulary.id(of: Analyzer.stem(left)), let b = vocabulary.id(of: Analyzer.stem(right)) {
                    alternatives.append(.init(terms: [a, b], factor: Self.splitFactor))
                }
            }
        }
        return Clause(alternatives: alternatives)
    }

    static let longestCorrectedWord = 40

    /// Terms within `limit` edits of `term` (letters only; numbers are never corrected).
    private func typos(of term: String, limit: Int) -> [Int32] {
        let scalars = Array(term.unicodeScalars)
        let letters = Vocabulary.letterMask(scalars)
        var result: [Int32] = []
        for length in (scalars.count - limit)...(scalars.count + limit) {
            for candidate in catalog.index.vocabulary.byLength[length] ?? []
            where (letters ^ candidate.letters).nonzeroBitCount <= 2 * limit {
                if EditDistance.between(scalars, candidate.scalars, limit: limit) <= limit {
                    result.append(candidate.id)
                }
            }
        }
        return result
    }

    /// The BM25F score of `term` in one document, or nil when it is absent.
    private func score(_ term: Int32, factor: Float, document: Int32) -> Float? {
        guard let (posting, df) = catalog.posting(of: term, in: document) else { return nil }
        return catalog.index.norms.withUnsafeBufferPointer {
            catalog.bm25f(posting, idf: catalog.idf(df: df), factor: factor, norms: $0)
        }
    }

    /// Calls `body` with every document holding `term` (that `only` accepts) and its BM25F score.
    private func score(_ term: Int32, factor: Float, only: (Int32) -> Bool, _ body: (Int32, Float) -> Void) {
        guard let postings = catalog.index.postings[term], !postings.isEmpty else { return }
        let idf = catalog.idf(df: postings.count)
        catalog.index.norms.withUnsafeBufferPointer { norms in
            for posting in postings where only(posting.document) {
                body(posting.document, catalog.bm25f(posting, idf: idf, factor: factor, norms: norms))
            }
        }
    }

    /// Removes documents that hold an excluded word.
    private func excluding(_ match: TextMatch) -> TextMatch {
        let excludedTerms = parsed.excluded.flatMap(Analyzer.terms).compactMap { catalog.index.vocabulary.id(of: $0) }
        guard !excludedTerms.isEmpty || !parsed.excluded.isEmpty else { return match }
        var excluded = Set<Int32>()
        for term in excludedTerms {
            for posting in catalog.index.postings[term] ?? [] { excluded.insert(posting.document) }
        }
        var result = match
        switch match.documents {
        case .all:
            result.documents = .some(catalog.index.alive.indices.map(Int32.init).filter { !excluded.contains($0) })
        case .some(let documents):
            result.documents = .some(documents.filter { !excluded.contains($0) })
        }
        return result
    }

    /// True when every phrase appears, word after word, in one field of the practice.
    private func containsPhrases(_ phrases: [[AnalyzedToken]], in practice: Practice) -> Bool {
        let fields = CatalogBuilder.fieldTexts(of: practice, taxonomy: catalog.taxonomy, countries: catalog.countries)
            .map { Analyzer.tokens($0) }
        return phrases.allSatisfy { phrase in
            let offsets = phrase.map { $0.position - phrase[0].position }
            return fields.contains { tokens in
                var positions: [String: Set<Int>] = [:]
                for token in tokens { positions[token.term, default: []].insert(token.position) }
                guard let starts = positions[phrase[0].term] else { return false }
                return starts.contains { start in
                    zip(phrase, offsets).allSatisfy { positions[$0.term]?.contains(start + $1) == true }
                }
            }
        }
    }
}
