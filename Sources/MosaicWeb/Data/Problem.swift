import Hummingbird
import HTTPTypes
import MosaicCore
import NIOCore

/// What went wrong with a request for data, as an RFC 9457 problem document: the status, its title and
/// what to fix, and the parameter at fault. Data URLs answer with these, never with an HTML page.
struct Problem: Error, Sendable, Equatable {
    let status: HTTPResponse.Status
    let detail: String
    var parameter: String? = nil
    /// The values the parameter takes, when they are few (the topic keys).
    var valid: [String] = []

    static func badParameter(_ name: String, _ detail: String, valid: [String] = []) -> Problem {
        Problem(status: .badRequest, detail: detail, parameter: name, valid: valid)
    }

    var json: String {
        var json = JSONWriter()
        json.beginObject()
        json.key("type"); json.string("about:blank")
        json.key("title"); json.string(status.reasonPhrase)
        json.key("status"); json.int(status.code)
        json.key("detail"); json.string(detail)
        if let parameter { json.key("parameter"); json.string(parameter) }
        if !valid.isEmpty { json.key("valid"); json.stringArray(valid) }
        json.endObject()
        return json.output
    }

    var response: Response {
        Response(status: status,
                 headers: [.contentType: "application/problem+json", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: json + "\n")))
    }
}
