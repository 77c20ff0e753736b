import Foundation
import MosaicCore

/// A practice packed into one exact-sized byte buffer, as the snapshot keeps it.
///
/// A `Practice` holds a dozen separately allocated strings, arrays and dictionaries; at 100,000
/// practices that overhead costs more memory than the text itself. The snapshot keeps each practice
/// as one buffer instead and unpacks it when it is shown (a page unpacks its 20 cards in a few
/// microseconds each). Unpacking gives back exactly the practice that was packed.
struct CompactPractice: Sendable {
    private let bytes: ContiguousArray<UInt8>

    init(_ practice: Practice) {
        var writer = Writer()
        writer.string(practice.id.rawValue)
        writer.string(practice.slug.rawValue)
        writer.string(practice.title)
        writer.optional(practice.subtitle)
        writer.string(practice.country.rawValue)
        writer.strings(practice.cities)
        writer.optional(practice.period)
        writer.optional(practice.periodStart)
        writer.optional(practice.periodEnd)
        writer.byte(practice.ongoing ? 1 : 0)
        writer.strings(practice.topics.map(\.rawValue))
        writer.string(practice.language)
        writer.sections(practice.sections)
        writer.optional(practice.evidence?.rawValue)
        writer.count(practice.links.count)
        for link in practice.links {
            writer.string(link.title)
            writer.string(link.url)
        }
        writer.optional(practice.contact.name)
        writer.optional(practice.contact.organisation)
        writer.optional(practice.contact.email)
        writer.count(practice.translations.count)
        for (language, translation) in practice.translations.sorted(by: { $0.key < $1.key }) {
            writer.string(language)
            writer.optional(translation.title)
            writer.optional(translation.subtitle)
            writer.optional(translation.period)
            writer.sections(translation.sections)
        }
        writer.string(practice.status.rawValue)
        writer.date(practice.createdAt)
        writer.date(practice.updatedAt)
        writer.byte(practice.publishedAt == nil ? 0 : 1)
        if let published = practice.publishedAt { writer.date(published) }
        writer.optional(practice.source)
        // A copy of exactly the written size: the writer's buffer grew by doubling.
        let written = writer.bytes
        bytes = ContiguousArray(unsafeUninitializedCapacity: written.count) { buffer, count in
            count = buffer.initialize(fromContentsOf: written)
        }
    }

    /// The practice, unpacked.
    var practice: Practice { unpack(texts: true) }

    /// The practice as a list shows it: everything but its section texts (also those of its translations),
    /// links and contact, which are skipped without being decoded.
    var listed: Practice { unpack(texts: false) }

    private func unpack(texts: Bool) -> Practice {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(buffer: buffer)
            let id = Practice.ID(rawValue: reader.string())
            let slugText = reader.string()
            let title = reader.string(), subtitle = reader.optionalString()
            let country = Country.Code(rawValue: reader.string())
            let cities = reader.strings()
            let period = reader.optionalString()
            let periodStart = reader.optionalInt(), periodEnd = reader.optionalInt()
            let ongoing = reader.byte() == 1
            let topics = reader.strings().map(Topic.Key.init(rawValue:))
            let language = reader.string()
            let sections = texts ? reader.sections() : reader.skippingSections()
            let evidence = reader.optionalString().flatMap(Practice.Evidence.init(rawValue:))
            var links: [Practice.Link] = [], contact = Practice.Contact()
            if texts {
                links = (0..<reader.count()).map { _ in Practice.Link(title: reader.string(), url: reader.string()) }
                contact = Practice.Contact(name: reader.optionalString(), organisation: reader.optionalString(),
                                           email: reader.optionalString())
            } else {
                for _ in 0..<reader.count() * 2 { reader.skipString() }
                for _ in 0..<3 { reader.skipOptionalString() }
            }
            var translations: [String: Practice.Translation] = [:]
            for _ in 0..<reader.count() {
                let language = reader.string()
                translations[language] = Practice.Translation(
                    title: reader.optionalString(), subtitle: reader.optionalString(), period: reader.optionalString(),
                    sections: texts ? reader.sections() : reader.skippingSections())
            }
            let status = Practice.Status(rawValue: reader.string()) ?? .draft
            let createdAt = reader.date(), updatedAt = reader.date()
            let publishedAt = reader.byte() == 1 ? reader.date() : nil
            return Practice(
                id: id, slug: Slug(rawValue: slugText) ?? Slug(making: slugText), title: title, subtitle: subtitle,
                country: country, cities: cities, period: period, periodStart: periodStart, periodEnd: periodEnd,
                ongoing: ongoing, topics: topics, language: language, sections: sections, evidence: evidence,
                links: links, contact: contact, translations: translations, status: status, createdAt: createdAt,
                updatedAt: updatedAt, publishedAt: publishedAt, source: reader.optionalString())
        }
    }

    /// True when the practice is written in `language` or translated into it (its texts are not decoded).
    func isReadable(in language: String) -> Bool {
        let listed = self.listed
        return listed.language == language || listed.translations[language] != nil
    }

    /// The slug, without unpacking the rest (it is the second field).
    var slug: Slug {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(buffer: buffer)
            _ = reader.string()
            let text = reader.string()
            return Slug(rawValue: text) ?? Slug(making: text)
        }
    }

    /// The size of the packed practice in bytes.
    var byteCount: Int { bytes.count }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func byte(_ value: UInt8) { bytes.append(value) }

        /// Unsigned LEB128.
        mutating func count(_ value: Int) {
            var rest = UInt(value)
            while rest >= 0x80 {
                bytes.append(UInt8(rest & 0x7F) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                count(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        /// Nil is written as 0, a string as its length plus one.
        mutating func optional(_ value: String?) {
            guard var value else { return byte(0) }
            value.withUTF8 { utf8 in
                count(utf8.count + 1)
                bytes.append(contentsOf: utf8)
            }
        }

        /// Nil is written as 0, a number as 1 and its zig-zag encoding.
        mutating func optional(_ value: Int?) {
            guard let value else { return byte(0) }
            byte(1)
            count(Int(bitPattern: UInt((value << 1) ^ (value >> (Int.bitWidth - 1)))))
        }

        mutating func strings(_ values: [String]) {
            count(values.count)
            for value in values { string(value) }
        }

        mutating func sections(_ sections: [Practice.Section: String]) {
            count(sections.count)
            for (number, section) in Practice.Section.allCases.enumerated() {
                guard let text = sections[section] else { continue }
                byte(UInt8(number))
                string(text)
            }
        }

        /// The date's own representation, bit for bit, so that unpacking gives back the same date.
        mutating func date(_ value: Date) {
            var bits = value.timeIntervalSinceReferenceDate.bitPattern
            for _ in 0..<8 {
                bytes.append(UInt8(bits & 0xFF))
                bits >>= 8
            }
        }
    }

    private struct Reader {
        let buffer: UnsafeBufferPointer<UInt8>
        var position = 0

        mutating func byte() -> UInt8 {
            defer { position += 1 }
            return buffer[position]
        }

        mutating func count() -> Int {
            var value: UInt = 0, shift: UInt = 0
            while true {
                let next = byte()
                value |= UInt(next & 0x7F) << shift
                if next < 0x80 { return Int(value) }
                shift += 7
            }
        }

        mutating func text(_ length: Int) -> String {
            defer { position += length }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[position..<position + length]), as: UTF8.self)
        }

        mutating func string() -> String { text(count()) }

        /// Past a string without decoding it.
        mutating func skipString() { position += count() }

        /// Past an optional string (its length plus one, 0 for none) without decoding it.
        mutating func skipOptionalString() { position += max(0, count() - 1) }

        mutating func optionalString() -> String? {
            let length = count()
            return length == 0 ? nil : text(length - 1)
        }

        mutating func optionalInt() -> Int? {
            guard byte() == 1 else { return nil }
            let zigzag = UInt(count())
            return Int(bitPattern: zigzag >> 1) ^ -Int(bitPattern: zigzag & 1)
        }

        mutating func strings() -> [String] {
            (0..<count()).map { _ in string() }
        }

        mutating func sections() -> [Practice.Section: String] {
            let n = count()
            var sections = [Practice.Section: String](minimumCapacity: n)
            for _ in 0..<n {
                let section = Practice.Section.allCases[Int(byte())]
                sections[section] = string()
            }
            return sections
        }

        /// Past the sections, decoding nothing: an empty dictionary.
        mutating func skippingSections() -> [Practice.Section: String] {
            for _ in 0..<count() {
                position += 1
                skipString()
            }
            return [:]
        }

        mutating func date() -> Date {
            var bits: UInt64 = 0
            for shift in stride(from: 0, to: 64, by: 8) { bits |= UInt64(byte()) << UInt64(shift) }
            return Date(timeIntervalSinceReferenceDate: Double(bitPattern: bits))
        }
    }
}
