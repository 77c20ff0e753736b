import MosaicCore
import MosaicStore

/// The city register, for editors: names that look alike (merged in one step), a form to merge any
/// two names, and every name with its practices and the spellings retired into it.
struct CityRegisterView {
    struct Name {
        let name: String
        let practices: Int
        /// The city's page, when published practices name it.
        let href: String?
        let aliases: [String]
    }

    struct Section {
        let code: String
        let label: String
        let names: [Name]
    }

    struct LookAlikes {
        let country: Section
        let names: [Name]
    }

    let t: Strings
    let csrf: String
    let countries: [Section]
    let lookAlikes: [LookAlikes]
    let notice: String?
    let error: String?
    /// What the merge form held when it was refused.
    let from: String
    let into: String
    let country: String

    static func make(t: Strings, csrf: String, register: CityRegister, counts: [CityRegister.Name: Int], countries list: CountryList,
                     notice: String?, error: String?, form: FormData?) -> CityRegisterView {
        let aliases = Dictionary(grouping: register.aliases) { CityRegister.Name(country: $0.country, name: $0.name) }
        let byCountry = Dictionary(grouping: register.names, by: \.country)
        let countries = byCountry.map { code, names in
            Section(code: code, label: list[MosaicCore.Country.Code(rawValue: code)]?.name(in: t.language) ?? code, names: names.map { entry in
                let practices = counts[entry] ?? 0
                return Name(name: entry.name, practices: practices,
                            href: practices > 0 ? Route.city(name: entry.name).path(t.language) : nil,
                            aliases: (aliases[entry] ?? []).map(\.spelling).sorted())
            }.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending })
        }.sorted { $0.label.localizedStandardCompare($1.label) == .orderedAscending }
        let lookAlikes = countries.flatMap { country in
            CityRegister.lookAlikes(country.names.map(\.name)).map { group in
                LookAlikes(country: country, names: group.compactMap { name in country.names.first { $0.name == name } })
            }
        }
        return CityRegisterView(t: t, csrf: csrf, countries: countries, lookAlikes: lookAlikes, notice: notice, error: error,
                                from: form?.text("from") ?? "", into: form?.text("into") ?? "", country: form?.text("country") ?? "")
    }

    func render() -> HTML {
        let language = t.language
        let cityCount = countries.reduce(0) { $0 + $1.names.count }
        var html: HTML = """
            <div class="wrap">
            <h1>\(t["cities_title"])</h1>
            <p class="lead">\(t["cities_intro"])</p>
            <p>\(t.plural("cities_count", cityCount)) \(t.plural("landing_summary_countries", countries.count))</p>

            """
        if let notice { html += "<p class=\"notice\" role=\"status\">\(notice)</p>\n" }
        if let error { html += "<div class=\"form-error\" role=\"alert\" tabindex=\"-1\"><p>\(error)</p></div>\n" }

        html += "<h2>\(t["cities_lookalikes"])</h2>\n"
        if lookAlikes.isEmpty {
            html += "<p>\(t["cities_lookalikes_none"])</p>\n"
        } else {
            html += "<p>\(t["cities_lookalikes_intro"])</p>\n<ul class=\"lookalikes\">\n"
            for (index, group) in lookAlikes.enumerated() {
                html += """
                    <li><form class="stacked-form" method="post" action="\(Route.mergeCities.path(language))">\(csrfField(csrf))
                    <input type="hidden" name="country" value="\(group.country.code)">
                    <div class="form-field"><fieldset><legend>\(group.country.label): \(t["cities_keep"])</legend>
                    <ul class="checkboxes">

                    """
                // The name most practices use is the likelier one to keep.
                let likeliest = group.names.max { $0.practices < $1.practices }?.name
                for (position, name) in group.names.enumerated() {
                    let id = "keep-\(index)-\(position)"
                    html += """
                        <li><input type="hidden" name="names" value="\(name.name)">\
                        <input type="radio" id="\(id)" name="into" value="\(name.name)"\(HTML.when(name.name == likeliest, " checked"))>\
                        <label for="\(id)">\(name.name) (\(t.number(name.practices)))</label></li>

                        """
                }
                html += "</ul></fieldset></div>\n<button type=\"submit\" class=\"secondary\">\(t["cities_merge"])</button>\n</form></li>\n"
            }
            html += "</ul>\n"
        }

        html += """
            <h2>\(t["cities_merge_title"])</h2>
            <form class="stacked-form" method="post" action="\(Route.mergeCities.path(language))">\(csrfField(csrf))
            <div class="form-field"><label for="merge-country">\(t["field_country"])</label>
            <select id="merge-country" name="country">

            """
        html += countries.html { "<option value=\"\($0.code)\"\(HTML.when($0.code == country, " selected"))>\($0.label)</option>\n" }
        html += """
            </select></div>
            <div class="form-field"><label for="merge-from">\(t["cities_from"])</label>
            <input type="text" id="merge-from" name="from" list="register-names" value="\(from)" required maxlength="200"></div>
            <div class="form-field"><label for="merge-into">\(t["cities_into"])</label>
            <input type="text" id="merge-into" name="into" list="register-names" value="\(into)" required maxlength="200"></div>
            <datalist id="register-names">
            \(Set(countries.flatMap { $0.names.map(\.name) }).sorted().html { "<option value=\"\($0)\">\n" })</datalist>
            <button type="submit">\(t["cities_merge"])</button>
            </form>

            """

        for country in countries {
            let headingID = "country-\(country.code)"
            html += """
                <h2 id="\(headingID)">\(country.label)</h2>
                <div class="table-scroll" role="region" tabindex="0" aria-labelledby="\(headingID)">
                <table class="data-table">
                <thead><tr><th scope="col">\(t["cities_name"])</th><th scope="col">\(t["cities_practices"])</th><th scope="col">\(t["cities_aliases"])</th></tr></thead>
                <tbody>

                """
            for name in country.names {
                let label: HTML = name.href.map { "<a href=\"\($0)\">\(name.name)</a>" } ?? "\(name.name)"
                html += "<tr><th scope=\"row\">\(label)</th><td>\(t.number(name.practices))</td><td>\(name.aliases.joined(separator: " · "))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n</div>\n"
        }
        return html + "</div>\n"
    }
}
