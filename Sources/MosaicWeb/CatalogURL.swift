import Foundation
import MosaicCore
import MosaicSearch

/// The one place that turns a catalogue query into a URL and back: every link on every page (facet
/// toggles, chips, page links, "Back to results") is made here, so the whole state lives in the URL.
extension CatalogQuery {
    /// Reads the query string of a catalogue URL. Unknown or malformed values fall back to defaults.
    public init(queryString: String?, language: String) {
        self.init(language: language)
        for (name, value) in Self.pairs(queryString ?? "") {
            switch name {
            case "q": text = String(value.prefix(500))
            case "topic": topics.append(value)
            case "country": countries.append(value.uppercased())
            case "city": cities.append(value)
            case "year": years.append(value)
            case "year_from": yearFrom = Int(value).flatMap { Self.rangeYears.contains($0) ? $0 : nil }
            case "year_to": yearTo = Int(value).flatMap { Self.rangeYears.contains($0) ? $0 : nil }
            case "language": languages.append(value)
            case "sort": sort = Sort(rawValue: value)
            case "page": page = max(1, min(Int(value) ?? 1, 100_000))
            case "per_page": perPage = Int(value).flatMap { Self.pageSizes.contains($0) ? $0 : nil } ?? Self.defaultPageSize
            case "available": availableOnly = value == "1"
            default: break
            }
        }
        for facet in Facet.allCases { setSelection(facet, Array(selection(facet).filter { !$0.isEmpty }.uniqued().prefix(50))) }
        // A range given backwards means the same years.
        if let from = yearFrom, let to = yearTo, from > to { (yearFrom, yearTo) = (to, from) }
    }

    /// The year range's parameters, in the order URLs write them.
    var yearRangeItems: [(String, String)] {
        [("year_from", yearFrom), ("year_to", yearTo)].compactMap { name, year in year.map { (name, String($0)) } }
    }

    /// The query string of this query (without "?"), with defaults left out and a stable order.
    public var queryString: String {
        var items: [(String, String)] = []
        if hasText { items.append(("q", text.trimmed)) }
        for value in topics { items.append(("topic", value)) }
        for value in countries { items.append(("country", value)) }
        for value in cities { items.append(("city", value)) }
        for value in years { items.append(("year", value)) }
        items += yearRangeItems
        for value in languages { items.append(("language", value)) }
        if availableOnly { items.append(("available", "1")) }
        if let sort, sort != (hasText ? .relevance : .newest) { items.append(("sort", sort.rawValue)) }
        if page > 1 { items.append(("page", String(page))) }
        if perPage != Self.defaultPageSize { items.append(("per_page", String(perPage))) }
        return items.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    /// The catalogue URL of this query, in the reader's language.
    public var url: String {
        let query = queryString
        return Route.practices.path(language) + (query.isEmpty ? "" : "?" + query)
    }

    /// The same query with one facet value added or removed, back on the first page.
    public func toggling(_ facet: Facet, _ value: String) -> CatalogQuery {
        var copy = self
        var values = selection(facet)
        if let index = values.firstIndex(of: value) { values.remove(at: index) } else { values.append(value) }
        copy.setSelection(facet, values)
        copy.page = 1
        return copy
    }

    /// The URLs of `toggling(facet, value)` for many values at once, as `toggling(_:_:).url` would make
    /// them: the parts of the query string that do not change are encoded once.
    public func togglingURLs(_ facet: Facet, _ values: [String]) -> [String] {
        func pair(_ name: String, _ value: String) -> String { name + "=" + CatalogQuery.encode(value) }
        // The query string of `queryString`, in its order, split around this facet's values (the page goes back to 1).
        var before: [String] = hasText ? [pair("q", text.trimmed)] : []
        var after: [String] = []
        var passed = false
        let range = yearRangeItems.map { pair($0.0, $0.1) }
        for other in Facet.allCases {
            if other == facet { passed = true; if facet == .year { after += range }; continue }
            let pairs = selection(other).map { pair(other.rawValue, $0) } + (other == .year ? range : [])
            if passed { after += pairs } else { before += pairs }
        }
        if availableOnly { after.append("available=1") }
        if let sort, sort != (hasText ? .relevance : .newest) { after.append(pair("sort", sort.rawValue)) }
        if perPage != Self.defaultPageSize { after.append(pair("per_page", String(perPage))) }
        let selected = selection(facet)
        let encodedSelected = selected.map { pair(facet.rawValue, $0) }
        let head = before.joined(separator: "&"), tail = after.joined(separator: "&")
        let path = Route.practices.path(language)
        // A few hundred links a page: each is written into one string of the right size.
        let capacity = path.utf8.count + head.utf8.count + tail.utf8.count + encodedSelected.reduce(0) { $0 + $1.utf8.count + 1 } + 64
        return values.map { value in
            var url = path
            url.reserveCapacity(capacity)
            var parts = 0
            func add(_ part: String) {
                url += parts == 0 ? "?" : "&"
                url += part
                parts += 1
            }
            if !head.isEmpty { add(head) }
            let removed = selected.firstIndex(of: value)
            for (index, part) in encodedSelected.enumerated() where index != removed { add(part) }
            if removed == nil { add(pair(facet.rawValue, value)) }
            if !tail.isEmpty { add(tail) }
            return url
        }
    }

    /// The same query on another page.
    public func onPage(_ page: Int) -> CatalogQuery {
        var copy = self
        copy.page = page
        return copy
    }

    /// The same text without any filter.
    public var withoutFilters: CatalogQuery {
        CatalogQuery(text: text, sort: sort, perPage: perPage, language: language)
    }

    static func pairs(_ query: String) -> [(String, String)] {
        query.split(separator: "&").prefix(200).compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { return nil }
            return (name, parts.count > 1 ? decode(parts[1]) ?? "" : "")
        }
    }

    /// `+` as a space and `%XX` as its byte; nil for a malformed escape or bytes that are not UTF-8.
    static func decode(_ text: Substring) -> String? {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        func hex(_ byte: UInt8?) -> UInt8? {
            switch byte {
            case let b? where b >= 0x30 && b <= 0x39: b - 0x30
            case let b? where b >= 0x41 && b <= 0x46: b - 0x37
            case let b? where b >= 0x61 && b <= 0x66: b - 0x57
            default: nil
            }
        }
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(0x20)
            case UInt8(ascii: "%"):
                guard let high = hex(iterator.next()), let low = hex(iterator.next()) else { return nil }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters, byte by byte.
    static func encode(_ text: String) -> String {
        if text.utf8.allSatisfy(isUnreserved) { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 2)
        func hex(_ digit: UInt8) -> UInt8 { digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "A") + digit - 10 }
        for byte in text.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex(byte >> 4))
                bytes.append(hex(byte & 15))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension CatalogQuery {
    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

