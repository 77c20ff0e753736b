import MosaicCore

/// `/data`: what the dataset is, where to download it, its columns and its licence.
struct DataPageView {
    let t: Strings
    let count: Int
    let licence: DataLicence
    let fields: [DataDescription.Field]
    let language: String

    func render() -> HTML {
        var html: HTML = """
            <div class="wrap prose">
            <h1>\(t["data_title"])</h1>
            <p class="lead">\(t["data_intro"])</p>
            <p>\(t.format("data_count", ["count": t.number(count)]))</p>
            <h2>\(t["data_download_heading"])</h2>
            <p>\(t["data_formats_help"])</p>
            <ul class="data-links">
            <li><a href="\(Route.exportCSV.path(language))" download>\(t["data_download_csv"])</a></li>
            <li><a href="\(Route.exportJSONL.path(language))" download>\(t["data_download_jsonl"])</a></li>
            <li><a href="\(Route.codebook.path)">\(t["data_codebook"])</a></li>
            <li><a href="\(Route.dataCatalog.path)">\(t["data_catalog"])</a></li>
            <li><a href="\(Route.api.path(language))">\(t["data_api_link"])</a></li>
            <li><a href="\(Route.feed.path(language))">\(t["data_feed_link"])</a></li>
            </ul>
            <h2>\(t["data_licence_heading"])</h2>
            <p>\(LicenceText.html(t, "data_licence_text", licence))</p>
            <h2 id="columns-heading">\(t["data_fields_heading"])</h2>
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="columns-heading">
            <table class="data-table codebook">
            <thead><tr><th scope="col">\(t["data_field_name"])</th><th scope="col">\(t["data_field_type"])</th><th scope="col">\(t["data_field_meaning"])</th></tr></thead>
            <tbody>

            """
        for field in fields {
            html += "<tr><th scope=\"row\"><code>\(field.name)</code></th><td>\(field.datatype)\(HTML.when(field.separator != nil, " (\(t["data_field_list"]))"))</td>"
            html += "<td>\(field.titles[language] ?? "")</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n</div>\n"
    }
}

/// `/api`: the read API for people, with examples a reader can click.
struct APIPageView {
    let t: Strings
    let licence: DataLicence
    let examplePractice: String?
    let exampleTopic: String

    func render() -> HTML {
        let operations: [(String, String)] = [
            ("GET /api/v1/practices", "api_op_practices"), ("GET /api/v1/practices/{slug}", "api_op_practice"),
            ("GET /api/v1/topics", "api_op_topics"), ("GET /api/v1/countries", "api_op_countries"),
            ("GET /api/v1/cities", "api_op_cities"), ("GET /practices.csv, /practices.jsonl", "api_op_exports"),
            ("GET /practices.atom", "api_op_feed"), ("GET /api/openapi.json", "api_op_openapi"),
        ]
        var examples = [
            Route.apiPractices.path + "?q=rumours&per_page=5",
            Route.apiPractices.path + "?topic=\(exampleTopic)&sort=title",
            Route.apiTopics.path,
            Route.exportCSV.path + "?topic=\(exampleTopic)",
            Route.apiPractices.path + "?per_page=500",
        ]
        if let examplePractice { examples.insert(examplePractice, at: 2) }
        var html: HTML = """
            <div class="wrap prose">
            <h1>\(t["api_title"])</h1>
            <p class="lead">\(t["api_intro"])</p>
            <p>\(LicenceText.html(t, "api_licence", licence))</p>
            <h2>\(t["api_operations_heading"])</h2>
            <dl class="api-operations">

            """
        for (operation, key) in operations { html += "<dt><code>\(operation)</code></dt><dd>\(t[key])</dd>\n" }
        html += """
            </dl>
            <h2>\(t["api_examples_heading"])</h2>
            <ul class="api-examples">

            """
        for example in examples { html += "<li><a href=\"\(example)\"><code>\(example)</code></a></li>\n" }
        return html + """
            </ul>
            <h2>\(t["api_errors_heading"])</h2>
            <p>\(t["api_errors_text"])</p>
            <p>\(t["api_caching_text"])</p>
            <p>\(t["api_languages_text"])</p>
            </div>

            """
    }
}

/// "… offered under <a>licence</a>": the licence's name as a link, in a translated sentence.
enum LicenceText {
    static func html(_ t: Strings, _ key: String, _ licence: DataLicence) -> HTML {
        let sentence = t[key]
        guard let range = sentence.range(of: "{licence}") else { return "\(sentence)" }
        return "\(sentence[..<range.lowerBound])<a href=\"\(licence.url)\" rel=\"license\">\(licence.name)</a>\(sentence[range.upperBound...])"
    }
}
