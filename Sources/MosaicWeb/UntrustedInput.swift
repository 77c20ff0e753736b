import Foundation
import MosaicCore
import MosaicSearch

/// The readers of what clients send to the web layer, callable on their own: for the fuzzing targets in
/// `bench/fuzz` (each must return, whatever the bytes, without crashing or hanging).
public enum UntrustedInput {
    /// A catalogue URL's query string.
    public static func readQuery(_ bytes: [UInt8]) {
        let query = CatalogQuery(queryString: String(decoding: bytes, as: UTF8.self), language: "en")
        _ = query.url
        for facet in CatalogQuery.Facet.allCases { _ = query.togglingURLs(facet, ["a", "b"]) }
    }

    /// A form body, urlencoded.
    public static func readForm(_ bytes: [UInt8]) {
        _ = try? FormData(body: bytes)
    }

    /// A form with a file; `bytes` begins with the boundary line.
    public static func readMultipart(_ bytes: [UInt8]) {
        _ = MultipartForm(body: bytes, contentType: "multipart/form-data; boundary=fuzz")
    }

    /// An uploaded template: a .docx, or Markdown.
    public static func readTemplate(_ bytes: [UInt8]) {
        _ = try? TemplateDocument.readDocx(Data(bytes))
        if let text = String(validating: bytes, as: UTF8.self) { _ = TemplateDocument.readMarkdown(text) }
    }
}
