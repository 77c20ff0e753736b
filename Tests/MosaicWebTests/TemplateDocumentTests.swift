import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MosaicCore
import MosaicStore
import Testing
import ZIPFoundation
@testable import MosaicWeb
@testable import MosaicTestSupport

/// The template as a Word document, and filled-in templates (Word or Markdown) read back into drafts,
/// hostile files included.
@Suite("The template as a document")
struct TemplateDocumentTests {
    /// A zip with these entries, each compressed.
    static func zip(_ entries: [(String, Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    /// A Word body with these paragraphs: (style, text, italic).
    static func document(_ paragraphs: [(String?, String, Bool)]) -> Data {
        let body = paragraphs.map { style, text, italic in
            "<w:p>\(style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? "")<w:r>\(italic ? "<w:rPr><w:i/></w:rPr>" : "")<w:t>\(TemplateDocument.escape(text))</w:t></w:r></w:p>"
        }.joined()
        return Data("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\(body)</w:body></w:document>".utf8)
    }

    static func multipart(csrf: String, filename: String, data: Data) -> (ByteBuffer, String) {
        let boundary = "mosaic-test-boundary-7f3a"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n".utf8)
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"document\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += data
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        return (ByteBuffer(bytes: body), "multipart/form-data; boundary=\(boundary)")
    }

    func upload(_ browser: Browser, filename: String, data: Data) async throws -> Page {
        try await browser.get("/submit")
        let (body, type) = Self.multipart(csrf: browser.csrf ?? "", filename: filename, data: data)
        var headers: HTTPFields = [.contentType: type]
        headers[.cookie] = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        let answer = try await browser.client.execute(uri: "/upload", method: .post, headers: headers, body: body) { response in
            let text = String(buffer: response.body)
            return Page(status: response.status, headers: response.headers, body: text, document: HTMLNode.parse(text))
        }
        // A draft made: the answer redirects (303) to its page, which says what was read.
        if answer.status.code < 400 { #expect(answer.status == .seeOther) }
        return try await browser.follow(answer)
    }

    @Test("The generated .docx has a heading per field and guidance in italics, and reads back as an empty template")
    func generatedTemplateReadsBack() async throws {
        try await withSite { client, site in
            let response = try await client.execute(uri: "/template.docx", method: .get) { $0 }
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            let data = Data(buffer: response.body)
            let parts = try TemplateDocument.readDocx(data)
            let t = site.site.localizer.strings("en")
            #expect(parts.map(\.heading) == PracticeTemplate.fields.map { "\(t[$0.labelKey]) (\(t["template_\($0.requirement.rawValue)"]))" })
            #expect(parts.allSatisfy { $0.text.isEmpty }, "guidance is in italics and left out")
            let pages = EditorialController(site: site.site)
            let (found, unrecognised) = TemplateDocument.recognise(parts, labels: pages.headingLabels())
            #expect(found.isEmpty)
            #expect(unrecognised.isEmpty)
            let french = try await client.execute(uri: "/fr/template.docx", method: .get) { Data(buffer: $0.body) }
            #expect(try TemplateDocument.readDocx(french).first?.heading == "Titre (obligatoire)")
        }
    }

    @Test("A filled-in .docx becomes a draft, and headings it does not know are reported")
    func filledDocxBecomesDraft() async throws {
        try await withSite { client, site in
            try await People.add(to: site)
            let filled = Self.document([
                ("Title", "Template for collecting good practices", false),
                ("Heading2", "Title (required)", false), (nil, "What the practice is called.", true), (nil, "Quayside language cafés", false),
                ("Heading2", "Pays", false), (nil, "Portugal", false),
                ("Heading2", "City or cities", false), (nil, "Lisbon", false),
                ("Heading2", "Topics", false), (nil, "Welcoming newcomers, Language", false),
                ("Heading2", "Purpose (required)", false), (nil, "Give newcomers a weekly place to practise Portuguese.", false),
                (nil, "Second paragraph of the purpose.", false),
                ("Heading2", "Budget", false), (nil, "12,000 euros a year", false),
            ])
            let docx = try Self.zip([("[Content_Types].xml", Data("<Types/>".utf8)), ("word/document.xml", filled)])
            let ana = try await Browser.signedIn(client, as: People.contributor)
            let page = try await upload(ana, filename: "filled.docx", data: docx)
            #expect(page.status == .ok)
            let notice = page.document.first("p", class: "notice")?.plainText ?? ""
            #expect(notice.contains("Budget"), "\(notice)")
            let drafts = try await site.site.workflow.drafts(author: People.contributor.id)
            let draft = try #require(drafts.first)
            #expect(draft.practice.title == "Quayside language cafés")
            #expect(draft.practice.country.rawValue == "PT")
            #expect(draft.practice.cities == ["Lisbon"])
            #expect(draft.practice.topics.map(\.rawValue).sorted() == ["language", "welcoming"])
            #expect(draft.practice.sections[.purpose] == "Give newcomers a weekly place to practise Portuguese.\n\nSecond paragraph of the purpose.")
            #expect(draft.state == .draft)
        }
    }

    @Test("A filled-in Markdown template becomes a draft")
    func filledMarkdownBecomesDraft() async throws {
        try await withSite { client, site in
            try await People.add(to: site)
            let markdown = """
                # Template for collecting good practices

                ## Title (required)

                _What the practice is called._

                Harbour football for all

                ## Country (required)

                PT

                ## City or cities (recommended)

                Lisbon

                ## Purpose (required)

                Mixed teams of newcomers and residents play every Sunday.

                ## Language of the text (required)

                Français
                """
            let ana = try await Browser.signedIn(client, as: People.contributor)
            let page = try await upload(ana, filename: "template.md", data: Data(markdown.utf8))
            #expect(page.status == .ok)
            let draft = try #require(try await site.site.workflow.drafts(author: People.contributor.id).first)
            #expect(draft.practice.title == "Harbour football for all")
            #expect(draft.practice.sections[.purpose] == "Mixed teams of newcomers and residents play every Sunday.")
            // The language given by its name (in any interface language) is read as its code.
            #expect(draft.practice.language == "fr")
        }
    }

    @Test("Hostile files are refused with a clear message and create nothing")
    func hostileFiles() async throws {
        // A zip bomb: 60 MB of zeros, compressed to a few dozen kilobytes.
        let bomb = try Self.zip([("word/document.xml", Data(count: 60 * 1_048_576))])
        #expect(throws: TemplateDocument.Refusal.tooLarge) { try TemplateDocument.readDocx(bomb) }
        // Compressed far more than any text is, even under the size limit.
        let dense = try Self.zip([("word/document.xml", Data(repeating: 0x20, count: 4 * 1_048_576))])
        #expect(throws: TemplateDocument.Refusal.suspiciousCompression) { try TemplateDocument.readDocx(dense) }
        // Entity expansion ("billion laughs") and external entities.
        let laughs = Data("""
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>
            """.utf8)
        #expect(throws: TemplateDocument.Refusal.declarations) { try TemplateDocument.readDocx(try Self.zip([("word/document.xml", laughs)])) }
        let external = Data("""
            <?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>
            """.utf8)
        #expect(throws: TemplateDocument.Refusal.declarations) { try TemplateDocument.readDocx(try Self.zip([("word/document.xml", external)])) }
        // The same declarations in UTF-16 (which a byte search for ASCII would miss), or under another declared encoding.
        let wide = Data([0xFF, 0xFE]) + String(decoding: external, as: UTF8.self).data(using: .utf16LittleEndian)!
        #expect(throws: TemplateDocument.Refusal.unreadableXML) { try TemplateDocument.readDocx(try Self.zip([("word/document.xml", wide)])) }
        let noMark = String(decoding: external, as: UTF8.self).data(using: .utf16BigEndian)!
        #expect(throws: TemplateDocument.Refusal.unreadableXML) { try TemplateDocument.readDocx(try Self.zip([("word/document.xml", noMark)])) }
        let latin = Data(#"<?xml version="1.0" encoding="ISO-8859-1"?><w:document xmlns:w="x"><w:body/></w:document>"#.utf8)
        #expect(throws: TemplateDocument.Refusal.unreadableXML) { try TemplateDocument.readDocx(try Self.zip([("word/document.xml", latin)])) }
        // An archive whose offsets point past its end (found by bench/fuzz.sh): refused, not a crash of the server.
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/truncated-zip-crash.docx")
        #expect(throws: TemplateDocument.Refusal.self) { try TemplateDocument.readDocx(try Data(contentsOf: fixture)) }
        // And one whose entry runs past the end, which made ZIPFoundation's file reader loop for ever.
        let hang = fixture.deletingLastPathComponent().appendingPathComponent("entry-past-end-hang.docx")
        #expect(throws: TemplateDocument.Refusal.self) { try TemplateDocument.readDocx(try Data(contentsOf: hang)) }
        // Too many entries, no document, not a zip at all, broken XML.
        let crowded = try Self.zip((0..<(TemplateDocument.maximumEntries + 1)).map { ("f\($0).xml", Data("x".utf8)) })
        #expect(throws: TemplateDocument.Refusal.tooManyEntries) { try TemplateDocument.readDocx(crowded) }
        #expect(throws: TemplateDocument.Refusal.noBody) { try TemplateDocument.readDocx(try Self.zip([("word/other.xml", Data("x".utf8))])) }
        #expect(throws: TemplateDocument.Refusal.notADocument) { try TemplateDocument.readDocx(Data("just text".utf8)) }
        #expect(throws: TemplateDocument.Refusal.notADocument) { try TemplateDocument.readDocx(Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])) }
        #expect(throws: TemplateDocument.Refusal.unreadableXML) {
            try TemplateDocument.readDocx(try Self.zip([("word/document.xml", Data("<w:document><w:body>".utf8))]))
        }

        // Through the site: a clear page, and no draft.
        try await withSite { client, site in
            try await People.add(to: site)
            let ana = try await Browser.signedIn(client, as: People.contributor)
            let refused = try await upload(ana, filename: "bomb.docx", data: bomb)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.document.first("p", class: "lead")?.plainText.contains("too large") == true)
            let oversized = try await upload(ana, filename: "huge.docx", data: Data(count: TemplateDocument.maximumUpload + 200_000))
            #expect(oversized.status == .contentTooLarge)
            #expect(try await site.site.workflow.drafts(author: People.contributor.id).isEmpty)
            // And without the form's token, nothing is read at all.
            let (body, type) = Self.multipart(csrf: "wrong", filename: "x.md", data: Data("## Title\n\nX".utf8))
            var headers: HTTPFields = [.contentType: type]
            headers[.cookie] = ana.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let forged = try await client.execute(uri: "/upload", method: .post, headers: headers, body: body) { $0.status }
            #expect(forged == .forbidden)
        }
    }
}
