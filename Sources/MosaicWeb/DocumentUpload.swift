import Foundation
import HTTPTypes
import Hummingbird
import MosaicCore
import MosaicStore

/// The parts of a `multipart/form-data` body (a form with a file).
struct MultipartForm {
    struct Part {
        var name: String
        var filename: String?
        var data: [UInt8]
        var text: String { String(decoding: data, as: UTF8.self) }
    }

    let parts: [Part]

    subscript(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// Nil when the body is not the multipart form its content type announces.
    init?(body: [UInt8], contentType: String) {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
              let range = contentType.range(of: "boundary=") else { return nil }
        var boundary = String(contentType[range.upperBound...])
        if let end = boundary.firstIndex(of: ";") { boundary = String(boundary[..<end]) }
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard !boundary.isEmpty, boundary.utf8.count <= 70 else { return nil }
        let delimiter = Array(("--" + boundary).utf8)
        var positions: [Int] = []
        var index = 0
        while let found = Self.find(delimiter, in: body, from: index) {
            positions.append(found)
            index = found + delimiter.count
        }
        guard positions.count >= 2 else { return nil }
        var parts: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            var segment = Array(body[(start + delimiter.count)..<end])
            if segment.starts(with: [13, 10]) { segment.removeFirst(2) }
            if segment.count >= 2, segment[segment.count - 2] == 13, segment[segment.count - 1] == 10 { segment.removeLast(2) }
            guard let split = Self.find([13, 10, 13, 10], in: segment, from: 0) else { return nil }
            let headers = String(decoding: segment[..<split], as: UTF8.self)
            var name: String?, filename: String?
            for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = Self.parameter("name", in: line)
                filename = Self.parameter("filename", in: line)
            }
            guard let name else { return nil }
            parts.append(Part(name: name, filename: filename, data: Array(segment[(split + 4)...])))
        }
        self.parts = parts
    }

    private static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

extension EditorialPages {
    /// The template as a Word document.
    func templateDocx(_ request: Request, language: String) throws -> Response {
        let t = site.localizer.strings(language)
        let data = try TemplateDocument.docx(title: t["template_title"], intro: t["template_intro"],
                                             fields: PublicPages.templateFields(t), requirement: { t["template_\($0)"] })
        var headers = HTTPFields()
        headers[.contentType] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        headers[.contentDisposition] = "attachment; filename=\"mosaic-template-\(language).docx\""
        headers[.cacheControl] = "public, max-age=3600"
        return site.body(ByteBuffer(bytes: data), headers: headers, request: request)
    }

    /// Field keys by the folded label of their heading, in every language of the site.
    func headingLabels() -> [String: String] {
        var labels: [String: String] = [:]
        for language in Localizer.languages {
            let t = site.localizer.strings(language)
            for field in PublicPages.templateFields(t) {
                labels[TextFolding.fold(field.label)] = field.key == "contact" ? "contact_name" : field.key
            }
        }
        return labels
    }

    /// A filled-in template (`.docx` or Markdown) becomes a new draft; what was not recognised is listed.
    func upload(_ request: Request, language: String) async throws -> Response {
        let visitor = try await site.accounts.visitor(for: request)
        let t = site.localizer.strings(language)
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: TemplateDocument.maximumUpload + 65_536)
        } catch {
            return site.message(t["upload_title"], t["upload_too_large"], visitor: visitor, request: request, language: language,
                                status: .contentTooLarge)
        }
        guard let form = MultipartForm(body: Array(buffer: body), contentType: request.headers[.contentType] ?? "") else {
            return site.message(t["upload_title"], t["upload_not_docx"], visitor: visitor, request: request, language: language,
                                status: .badRequest)
        }
        guard let account = visitor.account else { return site.forbidden(visitor, request, language: language) }
        guard site.accounts.acceptsToken(form["csrf"]?.text, from: visitor) else { return site.badToken(visitor, request, language: language) }
        guard let file = form["document"], !file.data.isEmpty else {
            return site.message(t["upload_title"], t["upload_no_file"], link: (SitePath.path("/submit", language: language), t["submit_title"]),
                                visitor: visitor, request: request, language: language, status: .unprocessableContent)
        }
        let parts: [TemplateDocument.Part]
        do {
            let name = (file.filename ?? "").lowercased()
            if file.data.starts(with: [0x50, 0x4B]) || name.hasSuffix(".docx") {
                parts = try TemplateDocument.readDocx(Data(file.data))
            } else if name.hasSuffix(".md") || name.hasSuffix(".markdown") || name.hasSuffix(".txt") {
                guard file.data.count <= TemplateDocument.maximumUpload, String(validating: file.data, as: UTF8.self) != nil else {
                    throw TemplateDocument.Refusal.unreadableXML
                }
                parts = TemplateDocument.readMarkdown(file.text)
            } else {
                throw TemplateDocument.Refusal.notADocument
            }
        } catch let refusal as TemplateDocument.Refusal {
            return site.message(t["upload_title"], t[refusal.key], link: (SitePath.path("/submit", language: language), t["submit_title"]),
                                visitor: visitor, request: request, language: language, status: .unprocessableContent)
        }
        let (found, unrecognised) = TemplateDocument.recognise(parts, labels: headingLabels())
        // The document's fields, as the online form would have sent them.
        var pairs: [(String, String)] = found.filter { $0.key != "topics" && $0.key != "evidence" }.map { ($0.key, $0.value) }
        var unread: [String] = []
        let catalog = site.catalog.catalog
        if let topics = found["topics"] {
            for label in topics.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == ";" }).map({ String($0).trimmed }) where !label.isEmpty {
                if let topic = catalog.taxonomy.topics.first(where: { topic in
                    topic.key.rawValue == label || topic.labels.values.contains { TextFolding.fold($0) == TextFolding.fold(label) }
                }) {
                    pairs.append(("topics", topic.key.rawValue))
                } else {
                    unread.append(t.format("upload_unknown_topic", ["topic": label]))
                }
            }
        }
        if let evidence = found["evidence"] {
            if let value = Practice.Evidence.allCases.first(where: { value in
                Localizer.languages.contains { TextFolding.fold(site.localizer.strings($0)["evidence_\(value.rawValue)"]) == TextFolding.fold(evidence) }
            }) {
                pairs.append(("evidence", value.rawValue))
            } else {
                unread.append(t.format("upload_unknown_evidence", ["value": evidence]))
            }
        }
        if let country = found["country"], catalog.countries.find(country) == nil {
            unread.append(t.format("upload_unknown_country", ["country": country]))
            pairs.removeAll { $0.0 == "country" }
        }
        if found["language"] == nil { pairs.append(("language", language)) }
        if found["cities"] == nil, !account.canReview, let city = account.cities.first { pairs.append(("cities", city)) }
        let submission = SubmissionForm(t: t, countries: catalog.countries, taxonomy: catalog.taxonomy)
        let blank = Practice(slug: Slug(making: "new-practice"), title: "", country: Country.Code(rawValue: ""), status: .draft)
        var (practice, issues) = submission.practice(from: FormData(pairs: pairs), base: blank)
        if let problem = submission.cityProblem(practice, account: account) { issues.append(problem) }
        var report = [t.format("upload_read", ["count": String(found.count)])]
        if !unrecognised.isEmpty { report.append(t.format("upload_unrecognised", ["headings": unrecognised.joined(separator: "; ")])) }
        report += unread
        if !issues.isEmpty {
            return formPage(practice, draft: nil, published: nil, issues: issues, notice: report.joined(separator: " "), visitor: visitor,
                            account: account, request: request, language: language, status: .unprocessableContent)
        }
        let now = Timestamp.now()
        let draft = Draft(practice: practice, state: .draft, authorID: account.id, createdAt: now, updatedAt: now)
        try await site.workflow.saveDraft(draft, by: account)
        return formPage(practice, draft: draft, published: nil, issues: [], notice: report.joined(separator: " "), visitor: visitor,
                        account: account, request: request, language: language)
    }
}
