import Foundation
import MosaicCore

/// The online template: a practice turned into form fields (with guidance and problems) and a submitted
/// form turned back into a practice.
struct SubmissionForm {
    let t: Strings
    let countries: CountryList
    let taxonomy: Taxonomy
    /// Cities are named as the register names them: a retired spelling becomes the name kept.
    var register = CityRegister()

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
        practice.cities = register.resolve((form.text("cities") ?? "").split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty },
                                           country: practice.country.rawValue)
        practice.period = form.text("period")
        practice.topics = form.all("topics").map(Topic.Key.init(rawValue:)).filter { taxonomy[$0] != nil }
        // A code, or a language's name in any language ("Portuguese", "português"): never saved unread.
        if let written = form.text("language") {
            if let tag = LanguageNames.tag(reading: written) {
                practice.language = tag
            } else {
                issues.append(FieldIssue("language", t.format("form_unknown_language", ["value": String(written.prefix(60))])))
            }
        }
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
        issues += readTranslations(from: form, into: &practice)
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

    /// For a contributor, cities outside their own are refused (compared as the register names them,
    /// without case, accents or punctuation: "Vinnitsya" is Vinnytsia once an editor merged the two).
    func cityProblem(_ practice: Practice, account: Account) -> FieldIssue? {
        guard !account.canReview else { return nil }
        let country = practice.country.rawValue
        let own = Set(account.cities.map { CityRegister.key(register.resolve($0, country: country)) })
        let foreign = practice.cities.filter { !own.contains(CityRegister.key(register.resolve($0, country: country))) }
        guard !foreign.isEmpty else { return nil }
        return FieldIssue("cities", t.format("form_foreign_city", ["cities": foreign.joined(separator: ", "),
                                                                    "own": account.cities.joined(separator: ", ")]))
    }

    // MARK: Showing a form

    /// The fields of the template, in its order, filled with the practice and the problems to fix.
    /// `citiesRequired`: for contributors, who submit for their own cities, "City or cities" is required
    /// (the form says so, as the check before review does).
    func fields(for practice: Practice, issues: [FieldIssue], citiesRequired: Bool = false) -> [FormField] {
        let errors = Dictionary(grouping: issues, by: \.field).mapValues { $0.map(\.message).joined(separator: " ") }
        func field(_ key: String, _ label: String, guidance: String?, _ requirement: PracticeTemplate.Field.Requirement,
                   _ input: FormField.Input) -> FormField {
            FormField(key: key, label: label, guidance: guidance, requirement: t["template_\(requirement.rawValue)"], error: errors[key], input: input)
        }
        func choose(_ nothing: Bool) -> FormField.Option { FormField.Option(value: "", label: t["form_choose"], selected: nothing) }
        return PracticeTemplate.fields.flatMap { template -> [FormField] in
            let key = template.key, label = t[template.labelKey], guidance = t[template.guidanceKey]
            let requirement = template.requirement
            switch template.kind {
            case .line:
                let value = key == "title" ? practice.title : key == "subtitle" ? practice.subtitle ?? "" : practice.period ?? ""
                return [field(key, label, guidance: guidance, requirement, .text(value))]
            case .country:
                let options = countries.all.map { (country: $0, name: $0.name(in: t.language)) }
                    .map { ($0, TextFolding.fold($0.name)) }.sorted { $0.1 < $1.1 }.map(\.0)
                    .map { FormField.Option(value: $0.country.code.rawValue, label: $0.name, selected: $0.country.code == practice.country) }
                return [field(key, label, guidance: guidance, requirement, .select([choose(practice.country.rawValue.isEmpty)] + options))]
            case .cities:
                return [field(key, label, guidance: guidance + " " + t["form_cities_hint"], citiesRequired ? .required : requirement,
                              .text(practice.cities.joined(separator: ", ")))]
            case .topics:
                return [field(key, label, guidance: guidance, requirement, .checkboxes(taxonomy.topics.map {
                    FormField.Option(value: $0.key.rawValue, label: $0.label(in: t.language), selected: practice.topics.contains($0.key))
                }))]
            case .language:
                // Names in the reader's language, codes underneath; the practice's own tag is kept even if rare.
                let tags = LanguageNames.offered.contains(practice.language) ? LanguageNames.offered : LanguageNames.offered + [practice.language]
                let options = tags.map { (tag: $0, name: LanguageNames.name(of: $0, in: t.language)) }
                    .sorted { TextFolding.fold($0.name) < TextFolding.fold($1.name) }
                    .map { FormField.Option(value: $0.tag, label: "\($0.name) (\($0.tag))", selected: $0.tag == practice.language) }
                return [field(key, label, guidance: guidance, requirement, .select(options))]
            case .section(let section):
                return [field(key, label, guidance: guidance, requirement, .textarea(practice.sections[section] ?? ""))]
            case .evidence:
                return [field(key, label, guidance: guidance, requirement, .select([choose(practice.evidence == nil)] + Practice.Evidence.allCases.map {
                    FormField.Option(value: $0.rawValue, label: t["evidence_\($0.rawValue)"], selected: practice.evidence == $0)
                }))]
            case .links:
                return [field(key, label, guidance: guidance + " " + t["form_links_hint"], requirement,
                              .textarea(practice.links.map { "\($0.title) | \($0.url)" }.joined(separator: "\n")))]
            case .contact:
                // One field of the template, three inputs: only the name is asked for.
                return [
                    field("contact_name", t["form_contact_name"], guidance: guidance, requirement, .text(practice.contact.name ?? "")),
                    field("contact_organisation", t["form_contact_organisation"], guidance: nil, .optional, .text(practice.contact.organisation ?? "")),
                    field("contact_email", t["form_contact_email"], guidance: nil, .optional, .text(practice.contact.email ?? "")),
                ]
            }
        }
    }

    // MARK: Translations

    /// The parts of a practice a translation gives: title, subtitle, period and the sections.
    static let translatedSections: [Practice.Section] = [.purpose, .rationale, .process, .impact]

    /// One translation on the form: `tr_<language>_<part>` fields, or `tr_new_...` with a language to choose.
    struct TranslationForm {
        let language: String?
        let name: String
        let fields: [FormField]
        let languages: [FormField.Option]
    }

    /// The translations of the practice, one group of fields each, and an empty group to add one in
    /// another interface language.
    func translationForms(for practice: Practice, pending: Practice.Translation? = nil) -> [TranslationForm] {
        func fields(_ prefix: String, _ translation: Practice.Translation?, language: String?) -> [FormField] {
            var result = [
                FormField(key: "\(prefix)_title", label: t["field_title"], guidance: nil, requirement: t["template_optional"], error: nil,
                          input: .text(translation?.title ?? ""), language: language),
                FormField(key: "\(prefix)_subtitle", label: t["field_subtitle"], guidance: nil, requirement: t["template_optional"], error: nil,
                          input: .text(translation?.subtitle ?? ""), language: language),
                FormField(key: "\(prefix)_period", label: t["field_period"], guidance: nil, requirement: t["template_optional"], error: nil,
                          input: .text(translation?.period ?? ""), language: language),
            ]
            let sections = Self.translatedSections + Practice.Section.allCases.filter { !Self.translatedSections.contains($0) && translation?.sections[$0] != nil }
            for section in sections {
                result.append(FormField(key: "\(prefix)_\(section.rawValue)", label: t["section_\(section.rawValue)"], guidance: nil,
                                        requirement: t["template_optional"], error: nil,
                                        input: .textarea(translation?.sections[section] ?? ""), language: language))
            }
            return result
        }
        var forms = practice.translations.keys.sorted().map { language in
            TranslationForm(language: language, name: LanguageNames.name(of: language, in: t.language),
                            fields: fields("tr_\(language)", practice.translations[language], language: language), languages: [])
        }
        let others = Localizer.languages.filter { $0 != practice.language && practice.translations[$0] == nil }
        if !others.isEmpty {
            let options = [FormField.Option(value: "", label: t["form_choose"], selected: true)]
                + others.map { FormField.Option(value: $0, label: LanguageNames.name(of: $0, in: t.language), selected: false) }
            forms.append(TranslationForm(language: nil, name: t["translation_add"], fields: fields("tr_new", pending, language: nil), languages: options))
        }
        return forms
    }

    /// Reads the translation groups: a group left empty removes that translation; the new one needs a language.
    /// The translation a group of fields holds; nil when all are empty.
    private func translation(_ form: FormData, _ prefix: String) -> Practice.Translation? {
        var translation = Practice.Translation(title: form.text("\(prefix)_title")?.collapsingWhitespace,
                                               subtitle: form.text("\(prefix)_subtitle")?.collapsingWhitespace,
                                               period: form.text("\(prefix)_period"))
        for section in Practice.Section.allCases { translation.sections[section] = form.text("\(prefix)_\(section.rawValue)") }
        let empty = translation.title == nil && translation.subtitle == nil && translation.period == nil && translation.sections.isEmpty
        return empty ? nil : translation
    }

    /// What was typed in the new translation's fields, to show again when the form comes back.
    func pendingTranslation(from form: FormData) -> Practice.Translation? { translation(form, "tr_new") }

    private func readTranslations(from form: FormData, into practice: inout Practice) -> [FieldIssue] {        for language in practice.translations.keys {
            // Only the translations shown on the form are read back (an upload or an import may hold others).
            guard form["tr_\(language)_title"] != nil else { continue }
            practice.translations[language] = translation(form, "tr_\(language)")
        }
        guard let translation = translation(form, "tr_new") else { return [] }
        // A new translation written without its language is not dropped: the form comes back asking for it.
        guard let language = form.text("tr_new_language"), Localizer.languages.contains(language), language != practice.language,
              practice.translations[language] == nil else {
            return [FieldIssue("tr_new_language", t["translation_language_missing"])]
        }
        practice.translations[language] = translation
        return []
    }

    /// "3 of 5 recommended sections filled in", and the names of those still empty.
    /// The recommended sections filled in (the required ones are counted as problems, not here: the meter
    /// calls only recommended sections recommended).
    func completeness(_ practice: Practice) -> (filled: Int, total: Int, missing: [String]) {
        let recommended = PracticeTemplate.fields.compactMap { field -> Practice.Section? in
            guard case .section(let section) = field.kind, field.requirement == .recommended else { return nil }
            return section
        }
        let missing = recommended.filter { (practice.sections[$0] ?? "").trimmed.isEmpty }
        return (recommended.count - missing.count, recommended.count, missing.map { t["section_\($0.rawValue)"] })
    }
}
