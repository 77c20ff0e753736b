import Foundation
import Testing
import MosaicCore
import MosaicSearch
@testable import MosaicWeb
@testable import MosaicTestSupport

@Suite("Reading the submission form")
struct SubmissionFormTests {
    static let form = SubmissionForm(t: try! Localizer.load().strings("en"), countries: CountryList.standard, taxonomy: Taxonomy.standard)
    static let blank = Practice(slug: Slug(making: "new-practice"), title: "", country: Country.Code(rawValue: ""), status: .draft)

    @Test("Fields become a practice: spaces collapsed, country by code or name, cities split, unknown topics dropped")
    func fields() {
        let (practice, issues) = Self.form.practice(from: FormData(pairs: [
            ("title", "  Harbour \n walks  "), ("country", "Portugal"), ("cities", "Lisbon, Porto,, "), ("topics", "welcoming"),
            ("topics", "no-such-topic"), ("language", "pt"), ("period", "Since 2016"), ("purpose", "Meet neighbours."),
            ("contact_name", "Ana"), ("evidence", "monitoring"),
        ]), base: Self.blank)
        #expect(issues.isEmpty)
        #expect(practice.title == "Harbour walks")
        #expect(practice.country.rawValue == "PT")
        #expect(practice.cities == ["Lisbon", "Porto"])
        #expect(practice.topics.map(\.rawValue) == ["welcoming"])
        #expect(practice.language == "pt")
        #expect(practice.periodStart == 2016 && practice.ongoing)
        #expect(practice.sections[.purpose] == "Meet neighbours.")
        #expect(practice.contact.name == "Ana")
        #expect(practice.evidence == .monitoring)
        #expect(practice.slug.rawValue == "harbour-walks")
    }

    @Test("Links are read one a line; a line that is not an http(s) address is named by its number")
    func links() {
        let (practice, issues) = Self.form.practice(from: FormData(pairs: [
            ("links", "Report | https://example.org/report.pdf\nhttps://example.org\njavascript:alert(1)"),
        ]), base: Self.blank)
        #expect(practice.links == [Practice.Link(title: "Report", url: "https://example.org/report.pdf"),
                                   Practice.Link(title: "https://example.org", url: "https://example.org")])
        #expect(issues.map(\.field) == ["links"])
        #expect(issues.first?.message.contains("3") == true)
    }

    @Test("Before review: what is missing is named, and contributors must name a city of their own")
    func beforeReview() {
        let (practice, _) = Self.form.practice(from: FormData(pairs: [("title", "Walks"), ("cities", "Oslo")]), base: Self.blank)
        let missing = Self.form.problemsBeforeReview(practice, account: People.contributor).map(\.field)
        #expect(missing.contains("country") && missing.contains("purpose"))
        #expect(Self.form.cityProblem(practice, account: People.contributor)?.field == "cities")
        #expect(Self.form.cityProblem(practice, account: People.editor) == nil)
    }

    @Test("The form shows the template's fields in order, the contact as three inputs")
    func shownFields() {
        let keys = Self.form.fields(for: Self.blank, issues: [FieldIssue("purpose", "Required")]).map(\.key)
        #expect(keys.prefix(3) == ["title", "subtitle", "country"])
        #expect(keys.suffix(3) == ["contact_name", "contact_organisation", "contact_email"])
        let purpose = Self.form.fields(for: Self.blank, issues: [FieldIssue("purpose", "Required")]).first { $0.key == "purpose" }
        #expect(purpose?.error == "Required")
        #expect(purpose?.render().description.contains("aria-invalid=\"true\"") == true)
    }
}
