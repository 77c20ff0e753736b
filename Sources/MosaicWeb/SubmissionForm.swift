import Foundation
import MosaicCore

/// The online template: a practice turned into form fields (with guidance and problems) and a submitted
/// form turned back into a practice.
struct SubmissionForm {
    let t: Strings
    let countries: CountryList
    let taxonomy: Taxonomy

    /// Sections a complete submission fills in; the completeness meter counts them.
    static let recommendedSections: [Practice.Section] = [.purpose, .rationale, .process, .impact, .references]

    // MARK: Reading a form

    /// The practice the form describes, on top of `base` (which keeps id, dates, translations).
    /// Lines of the links field that cannot be read are returned as problems.
    func practice(from form: FormData, base: Practice) -> (Practice, [FieldIssue]) {
        var practice = base
        var issues: [FieldIssue] = []
        practice.title = form.text("title")?.collapsingWhitespace ?? ""
        practice.subtitle = form.text("subtitle")?.collapsingWhitespace
        if let country = form.text("country") {
            practice.country = countries.find(country)?.code ?? Country.Code(rawValue: country)
        } else {
            practice.country = Country.Code(rawValue: "")
        }
        practice.cities = (form.text("cities") ?? "").split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
        practice.period = form.text("period")
        practice.topics = form.all("topics").map(Topic.Key.init(rawValue:)).filter { taxonomy[$0] != nil }
        practice.language = form.text("language") ?? practice.language
        for section in Practice.Section.allCases {
            practice.sections[section] = form.text(section.rawValue)
        }
        practice.evidence = form.text("evidence").flatMap(Practice.Evidence.init(rawValue:))
        practice.links = []
        for (number, line) in (form.text("links") ?? "").split(separator: "\n").enumerated() {
            let text = String(line).trimmed
            guard !text.isEmpty else { continue }
            // "Title | https://..." or just the address.
            let parts = text.split(separator: "|", maxSplits: 1).map { String($0).trimmed }
            let url = parts.last ?? text
            let title = parts.count == 2 ? parts[0] : url
            if LinkCheck.problem(with: url) != nil {
                issues.append(FieldIssue("links", t.format("form_bad_link", ["line": String(number + 1)])))
            } else {
                practice.links.append(Practice.Link(title: title, url: url))
            }
        }
        practice.contact = Practice.Contact(name: form.text("contact_name"), organisation: form.text("contact_organisation"),
                                            email: form.text("contact_email"))
        practice.periodStart = nil
        practice.periodEnd = nil
        practice.ongoing = false
        practice.derivePeriod()
        if !practice.title.isEmpty { practice.slug = Slug(making: practice.title) }
        return (practice, issues)
    }

    /// What must be fixed before the practice can go to review, by field, in the reader's language
    /// where the problem is a missing field.
    func problemsBeforeReview(_ practice: Practice, account: Account) -> [FieldIssue] {
        var candidate = practice
        candidate.status = .published
        var issues = PracticeValidator(countries: countries, taxonomy: taxonomy).validate(candidate).map { issue -> FieldIssue in
            switch issue.field {
            case "title" where practice.title.isEmpty, "purpose":
                return FieldIssue(issue.field, t["form_required"])
            case "country" where practice.country.rawValue.isEmpty:
                return FieldIssue("country", t["form_required"])
            default:
                return issue
            }
        }
        if practice.cities.isEmpty, !account.canReview {
            issues.append(FieldIssue("cities", t["form_required"]))
        }
        return issues
    }

    /// For a contributor, cities outside their own are refused (by name, without case or accents).
    func cityProblem(_ practice: Practice, account: Account) -> FieldIssue? {
        guard !account.canReview else { return nil }
        let own = Set(account.cities.map(TextFolding.fold))
        let foreign = practice.cities.filter { !own.contains(TextFolding.fold($0)) }
        guard !foreign.isEmpty else { return nil }
        return FieldIssue("cities", t.format("form_foreign_city", ["cities": foreign.joined(separator: ", "),
                                                                    "own": account.cities.joined(separator: ", ")]))
    }

    // MARK: Showing a form

    func fields(for practice: Practice, issues: [FieldIssue]) -> [Fields] {
        let errors = Dictionary(grouping: issues, by: { $0.field == "contact_email" ? "contact_email" : $0.field })
            .mapValues { $0.map(\.message).joined(separator: " ") }
        func field(_ key: String, label: String, guidance: String, requirement: String, kind: String, value: String = "",
                   options: [Fields] = []) -> Fields {
            let describedBy = [guidance.isEmpty ? nil : "g-\(key)", errors[key] == nil ? nil : "e-\(key)"].compactMap { $0 }
            return [
                "key": key, "label": label, "guidance": guidance.isEmpty ? nil : guidance,
                "describedBy": describedBy.isEmpty ? nil : describedBy.joined(separator: " "),
                "requirement": t["template_\(requirement)"], "error": errors[key],
                "isText": kind == "text", "isTextarea": kind == "textarea", "isSelect": kind == "select",
                "isCheckboxes": kind == "checkboxes", "value": value, "options": options,
            ]
        }
        var result: [Fields] = [
            field("title", label: t["field_title"], guidance: t["guidance_title"], requirement: "required", kind: "text", value: practice.title),
            field("subtitle", label: t["field_subtitle"], guidance: t["guidance_subtitle"], requirement: "optional", kind: "text",
                  value: practice.subtitle ?? ""),
            field("country", label: t["field_country"], guidance: t["guidance_country"], requirement: "required", kind: "select",
                  options: [["value": "", "label": t["form_choose"], "selected": practice.country.rawValue.isEmpty]]
                    + countries.all.map { (country: $0, name: $0.name(in: t.language)) }
                        .map { ($0, TextFolding.fold($0.name)) }.sorted { $0.1 < $1.1 }.map(\.0)
                        .map { ["value": $0.country.code.rawValue, "label": $0.name, "selected": $0.country.code == practice.country] }),
            field("cities", label: t["field_cities"], guidance: t["guidance_cities"] + " " + t["form_cities_hint"], requirement: "recommended",
                  kind: "text", value: practice.cities.joined(separator: ", ")),
            field("period", label: t["field_period"], guidance: t["guidance_period"], requirement: "recommended", kind: "text",
                  value: practice.period ?? ""),
            field("topics", label: t["field_topics"], guidance: t["guidance_topics"], requirement: "recommended", kind: "checkboxes",
                  options: taxonomy.topics.map { ["value": $0.key.rawValue, "label": $0.label(in: t.language), "selected": practice.topics.contains($0.key)] }),
            field("language", label: t["field_language"], guidance: t["guidance_language"], requirement: "required", kind: "text",
                  value: practice.language),
        ]
        for section in Practice.Section.allCases {
            let requirement = section == .purpose ? "required" : Self.recommendedSections.contains(section) ? "recommended" : "optional"
            result.append(field(section.rawValue, label: t["section_\(section.rawValue)"], guidance: t["guidance_\(section.rawValue)"],
                                requirement: requirement, kind: "textarea", value: practice.sections[section] ?? ""))
            if section == .evaluation {
                result.append(field("evidence", label: t["evidence"], guidance: t["guidance_evidence"], requirement: "optional", kind: "select",
                                    options: [["value": "", "label": t["form_choose"], "selected": practice.evidence == nil]]
                                        + Practice.Evidence.allCases.map { ["value": $0.rawValue, "label": t["evidence_\($0.rawValue)"], "selected": practice.evidence == $0] }))
            }
        }
        result += [
            field("links", label: t["field_links"], guidance: t["guidance_links"] + " " + t["form_links_hint"], requirement: "optional",
                  kind: "textarea", value: practice.links.map { "\($0.title) | \($0.url)" }.joined(separator: "\n")),
            field("contact_name", label: t["form_contact_name"], guidance: t["guidance_contact"], requirement: "recommended", kind: "text",
                  value: practice.contact.name ?? ""),
            field("contact_organisation", label: t["form_contact_organisation"], guidance: "", requirement: "optional", kind: "text",
                  value: practice.contact.organisation ?? ""),
            field("contact_email", label: t["form_contact_email"], guidance: "", requirement: "optional", kind: "text",
                  value: practice.contact.email ?? ""),
        ]
        return result
    }

    /// "3 of 5 recommended sections filled in", and the names of those still empty.
    func completeness(_ practice: Practice) -> (filled: Int, total: Int, missing: [String]) {
        let missing = Self.recommendedSections.filter { (practice.sections[$0] ?? "").trimmed.isEmpty }
        return (Self.recommendedSections.count - missing.count, Self.recommendedSections.count, missing.map { t["section_\($0.rawValue)"] })
    }
}
