import Testing
@testable import MosaicCore

@Suite("City register")
struct CityRegisterTests {
    @Test("Spellings that differ by case, accents, hyphens or punctuation share a key")
    func keys() {
        #expect(CityRegister.key("London-Lewisham") == "london lewisham")
        #expect(CityRegister.key("  london   lewisham ") == "london lewisham")
        #expect(CityRegister.key("LONDON – Lewisham") == "london lewisham")
        #expect(CityRegister.key("Neuchâtel") == "neuchatel")
        #expect(CityRegister.key("Saint-Étienne") == CityRegister.key("saint etienne"))
        // Other scripts are transliterated; a Latin spelling other than the transliteration is an editor's merge.
        #expect(CityRegister.key("Вінниця") == "vinnicja")
        #expect(CityRegister.key("Vinnitsya") != CityRegister.key("Vinnytsia"))
    }

    static let register = CityRegister(
        names: [.init(country: "GB", name: "London-Lewisham"), .init(country: "UA", name: "Vinnytsia"),
                .init(country: "ES", name: "Valencia"), .init(country: "VE", name: "Valencia"),
                .init(country: "FR", name: "Saint-Denis"), .init(country: "FR", name: "Saint Denis")],
        aliases: [.init(country: "UA", spelling: "Vinnitsya", name: "Vinnytsia")])

    @Test("A name resolves to itself, to the name an alias points to, or to the one name of its key")
    func resolving() {
        let register = Self.register
        #expect(register.resolve("London-Lewisham", country: "GB") == "London-Lewisham")
        #expect(register.resolve(" london lewisham ", country: "GB") == "London-Lewisham")
        #expect(register.resolve("VINNITSYA", country: "UA") == "Vinnytsia")
        // Aliases and keys are per country.
        #expect(register.resolve("Vinnitsya", country: "PL") == "Vinnitsya")
        #expect(register.resolve("valencia", country: "VE") == "Valencia")
        // Two registered look-alikes not merged yet: each is itself, another spelling stays as written.
        #expect(register.resolve("Saint Denis", country: "FR") == "Saint Denis")
        #expect(register.resolve("Saint-Denis", country: "FR") == "Saint-Denis")
        #expect(register.resolve("saint denis", country: "FR") == "saint denis")
        // A city the register does not know is kept, trimmed.
        #expect(register.resolve("  Gdańsk ", country: "PL") == "Gdańsk")
        // A practice naming one city twice names it once.
        #expect(register.resolve(["Vinnitsya", "Vinnytsia", "Kyiv"], country: "UA") == ["Vinnytsia", "Kyiv"])
    }

    @Test("Look-alikes: the same key, or one edit apart from five letters, two from eight, of the same initial")
    func lookAlikes() {
        let groups = CityRegister.lookAlikes(["London-Lewisham", "London Lewisham", "Vinnitsya", "Vinnytsia", "Lviv", "Kyiv",
                                              "Odesa", "Odessa", "Zaporizhzhia", "Amadora", "Vinnytsia"])
        #expect(groups == [["London Lewisham", "London-Lewisham"], ["Odesa", "Odessa"], ["Vinnitsya", "Vinnytsia"]])
        #expect(CityRegister.lookAlikes(["Lisbon", "Porto"]).isEmpty)
        #expect(CityRegister.editDistance("vinnitsya", "vinnytsia", limit: 2) == 2)
        #expect(CityRegister.editDistance("kitten", "sitting", limit: 5) == 3)
        #expect(CityRegister.editDistance("abcdefgh", "zyxwvuts", limit: 2) == 3)
    }
}
