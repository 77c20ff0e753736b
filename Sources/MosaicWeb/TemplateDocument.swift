import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MosaicCore
import ZIPFoundation
import CompressNIO
import NIOCore

/// The template as a document: written as `.docx` (a heading per field, guidance in italics), and read
/// back from a filled-in `.docx` or Markdown file, recognising fields by their headings.
enum TemplateDocument {
    /// A heading of the document and the text under it.
    struct Part: Equatable {
        var heading: String
        var text: String
    }

    /// Why a file is refused; each says what to do instead.
    enum Refusal: Error, Equatable {
        case notADocument, tooLarge, tooManyEntries, suspiciousCompression, declarations, unreadableXML, noBody

        var key: String {
            switch self {
            case .notADocument: "upload_not_docx"
            case .tooLarge: "upload_too_large"
            case .tooManyEntries: "upload_too_many_entries"
            case .suspiciousCompression: "upload_compression"
            case .declarations: "upload_declarations"
            case .unreadableXML: "upload_unreadable"
            case .noBody: "upload_no_body"
            }
        }
    }

    /// Limits that keep a hostile file from exhausting memory: the upload itself, the entries of the
    /// archive, the text of the document once uncompressed, and how much it may have been compressed.
    static let maximumUpload = 5 * 1_048_576
    static let maximumEntries = 200
    static let maximumDocumentXML = 8 * 1_048_576
    static let maximumCompressionRatio: UInt64 = 100

    // MARK: Writing

    /// The template as a Word document.
    static func docx(_ t: Strings) throws -> Data {
        var body = paragraph(t["template_title"], style: "Title") + paragraph(t["template_intro"])
        for field in PracticeTemplate.fields {
            body += paragraph("\(t[field.labelKey]) (\(t["template_\(field.requirement.rawValue)"]))", style: "Heading2")
            body += paragraph(t[field.guidanceKey], italic: true)
            body += "<w:p/>"
        }
        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)<w:sectPr/></w:body></w:document>
            """
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in [("[Content_Types].xml", contentTypes), ("_rels/.rels", packageRelationships),
                             ("word/_rels/document.xml.rels", documentRelationships), ("word/styles.xml", styles),
                             ("word/document.xml", document)] {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Date(timeIntervalSince1970: 1_700_000_000),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw Refusal.notADocument }
        return data
    }

    private static func paragraph(_ text: String, style: String? = nil, italic: Bool = false) -> String {
        let properties = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
        let run = italic ? "<w:rPr><w:i/></w:rPr>" : ""
        return "<w:p>\(properties)<w:r>\(run)<w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r></w:p>"
    }

    /// XML escaping is HTML's: the same five characters.
    static func escape(_ text: String) -> String {
        HTML.escaped(text)
    }

    private static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>
        """
    private static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """
    private static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """
    private static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:sz w:val="22"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="44"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style></w:styles>
        """

    // MARK: Reading

    /// The headings and text of a `.docx`, refused with a reason when it is not a sound Word document.
    static func readDocx(_ data: Data) throws -> [Part] {
        guard data.count <= maximumUpload else { throw Refusal.tooLarge }
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { throw Refusal.notADocument }
        return try paragraphs(ZipReader(Array(data)).document())
    }

    /// Word's paragraphs turned into parts: a paragraph styled as a heading (or Title) starts a part,
    /// paragraphs in italics only (the template's guidance) are left out.
    static func paragraphs(_ xml: Data) throws -> [Part] {
        // Word writes UTF-8. Anything else (UTF-16 or UTF-32, with or without a byte-order mark, or a
        // declared encoding) is refused first, so that the search for declarations below reads the bytes
        // as the parser would.
        guard !xml.contains(0), !xml.starts(with: [0xFE, 0xFF]), !xml.starts(with: [0xFF, 0xFE]),
              String(validating: xml, as: UTF8.self) != nil else { throw Refusal.unreadableXML }
        let declaration = String(decoding: xml.prefix(200), as: UTF8.self).lowercased()
        if declaration.hasPrefix("<?xml"), let range = declaration.range(of: "encoding="),
           !declaration[range.upperBound...].dropFirst().lowercased().hasPrefix("utf-8") {
            throw Refusal.unreadableXML
        }
        // A Word document never declares a DTD; one here could only be an attempt at entity expansion
        // or at reading files (external entities), so it is refused before parsing.
        for marker in ["<!DOCTYPE", "<!ENTITY"] where xml.range(of: Data(marker.utf8)) != nil {
            throw Refusal.declarations
        }
        let reader = WordReader()
        let parser = XMLParser(data: xml)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = reader
        guard parser.parse(), parser.parserError == nil, reader.closedDocument else { throw Refusal.unreadableXML }
        var parts: [Part] = []
        var current: Part?
        for paragraph in reader.paragraphs {
            let text = paragraph.text.trimmed
            if paragraph.isHeading {
                if let current { parts.append(current) }
                current = paragraph.style == "title" ? nil : Part(heading: text, text: "")
            } else if !text.isEmpty, !paragraph.allItalic, var part = current {
                part.text += (part.text.isEmpty ? "" : "\n\n") + text
                current = part
            }
        }
        if let current { parts.append(current) }
        return parts
    }

    /// The parts of the Markdown template: `## ` headings, italic guidance lines left out.
    static func readMarkdown(_ text: String) -> [Part] {
        var parts: [Part] = []
        var current: Part?
        var paragraph: [String] = []
        func endParagraph() {
            guard !paragraph.isEmpty, var part = current else { paragraph = []; return }
            part.text += (part.text.isEmpty ? "" : "\n\n") + paragraph.joined(separator: "\n")
            current = part
            paragraph = []
        }
        for raw in text.normalizingLineEndings.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw).trimmed
            if line.hasPrefix("#") {
                endParagraph()
                if let current { parts.append(current) }
                let level = line.prefix { $0 == "#" }.count
                current = level == 1 ? nil : Part(heading: String(line.dropFirst(level)).trimmed, text: "")
            } else if line.isEmpty {
                endParagraph()
            } else if line.count > 2, line.hasPrefix("_"), line.hasSuffix("_") {
                continue // guidance
            } else {
                paragraph.append(line)
            }
        }
        endParagraph()
        if let current { parts.append(current) }
        return parts
    }

    /// The fields found in the parts, by heading (in any language of the site, with or without the
    /// requirement in brackets), and the headings that were not recognised.
    static func recognise(_ parts: [Part], labels: [String: String]) -> (fields: [String: String], unrecognised: [String]) {
        var fields: [String: String] = [:]
        var unrecognised: [String] = []
        for part in parts {
            var heading = part.heading
            if heading.hasSuffix(")"), let open = heading.lastIndex(of: "(") { heading = String(heading[..<open]).trimmed }
            if let key = labels[TextFolding.fold(heading)] {
                if !part.text.isEmpty { fields[key] = part.text }
            } else {
                unrecognised.append(part.heading)
            }
        }
        return (fields, unrecognised)
    }
}

/// Collects the paragraphs of `word/document.xml`: their style, their text, and whether every run is italic.
private final class WordReader: NSObject, XMLParserDelegate {
    struct Paragraph {
        var style = ""
        var text = ""
        var runs = 0
        var italicRuns = 0
        var isHeading: Bool { style.hasPrefix("heading") || style == "title" }
        var allItalic: Bool { runs > 0 && runs == italicRuns }
    }

    var paragraphs: [Paragraph] = []
    /// Set at the end of the root element: a truncated document never gets there.
    private(set) var closedDocument = false
    private var paragraph: Paragraph?
    private var inText = false
    private var runItalic = false
    private var runHasText = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "w:p": paragraph = Paragraph()
        case "w:pStyle": paragraph?.style = (attributes["w:val"] ?? "").lowercased().replacingOccurrences(of: " ", with: "")
        case "w:r": runItalic = false; runHasText = false
        case "w:i": if attributes["w:val"] != "0", attributes["w:val"] != "false" { runItalic = true }
        case "w:t": inText = true
        case "w:tab": paragraph?.text += " "
        case "w:br": paragraph?.text += "\n"
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "w:t": inText = false
        case "w:r":
            if runHasText {
                paragraph?.runs += 1
                if runItalic { paragraph?.italicRuns += 1 }
            }
        case "w:p":
            if let paragraph { paragraphs.append(paragraph) }
            paragraph = nil
        case "w:document": closedDocument = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inText else { return }
        paragraph?.text += string
        if !string.trimmed.isEmpty { runHasText = true }
    }
}

/// Reads `word/document.xml` out of a ZIP archive, checking every offset and size against the bytes
/// there are. ZIPFoundation's readers trapped (in memory) or looped for ever (from a file) on archives
/// whose entries point past their end, both found by `bench/fuzz.sh`; this one only ever refuses.
struct ZipReader {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    private func uint16(_ at: Int) throws -> Int {
        guard at >= 0, at + 2 <= bytes.count else { throw TemplateDocument.Refusal.notADocument }
        return Int(bytes[at]) | Int(bytes[at + 1]) << 8
    }

    private func uint32(_ at: Int) throws -> Int {
        guard at >= 0, at + 4 <= bytes.count else { throw TemplateDocument.Refusal.notADocument }
        return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
    }

    /// The uncompressed body of the document, within the limits of `TemplateDocument`.
    func document() throws -> Data {
        typealias Refusal = TemplateDocument.Refusal
        // The end-of-central-directory record: within the last 64 KB (its comment may be that long).
        var end = bytes.count - 22
        while end >= max(0, bytes.count - 22 - 65_535), try uint32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= 0, end >= bytes.count - 22 - 65_535 else { throw Refusal.notADocument }
        let count = try uint16(end + 10), directorySize = try uint32(end + 12), directoryStart = try uint32(end + 16)
        guard count <= TemplateDocument.maximumEntries else { throw Refusal.tooManyEntries }
        guard directoryStart + directorySize <= end else { throw Refusal.notADocument }
        var position = directoryStart
        for _ in 0..<count {
            guard try uint32(position) == 0x0201_4B50 else { throw Refusal.notADocument }
            let method = try uint16(position + 10)
            let compressed = try uint32(position + 20), uncompressed = try uint32(position + 24)
            let nameLength = try uint16(position + 28), extraLength = try uint16(position + 30), commentLength = try uint16(position + 32)
            let localHeader = try uint32(position + 42)
            let nameStart = position + 46
            guard nameStart + nameLength <= end else { throw Refusal.notADocument }
            let name = String(decoding: bytes[nameStart..<(nameStart + nameLength)], as: UTF8.self)
            position = nameStart + nameLength + extraLength + commentLength
            guard name == "word/document.xml" else { continue }
            // The sizes an archive declares can lie: check them against the limits and the bytes there are.
            guard uncompressed <= TemplateDocument.maximumDocumentXML else { throw Refusal.tooLarge }
            guard uncompressed <= max(1, compressed) * Int(TemplateDocument.maximumCompressionRatio) else { throw Refusal.suspiciousCompression }
            guard try uint32(localHeader) == 0x0403_4B50 else { throw Refusal.notADocument }
            let dataStart = localHeader + 30 + (try uint16(localHeader + 26)) + (try uint16(localHeader + 28))
            guard dataStart + compressed <= bytes.count else { throw Refusal.notADocument }
            let body = bytes[dataStart..<(dataStart + compressed)]
            switch method {
            case 0:
                guard compressed == uncompressed else { throw Refusal.notADocument }
                return Data(body)
            case 8:
                var input = ByteBuffer(bytes: body)
                let output: ByteBuffer
                // The stream is always finished, also when the data is corrupt: otherwise zlib's state
                // (about 40 KB) leaked with every broken upload (found by fuzzing).
                let decompressor = CompressionAlgorithm.deflate().decompressor
                do {
                    try decompressor.startStream()
                    defer { try? decompressor.finishStream() }
                    output = try input.decompressStream(with: decompressor, maxSize: TemplateDocument.maximumDocumentXML)
                } catch {
                    throw Refusal.notADocument
                }
                guard output.readableBytes == uncompressed else { throw Refusal.notADocument }
                return Data(output.readableBytesView)
            default:
                throw Refusal.notADocument
            }
        }
        throw Refusal.noBody
    }
}
