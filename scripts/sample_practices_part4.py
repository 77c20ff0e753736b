from sample_practices_part1 import add, P, SOURCE

add(id="sample-29", title="Language cafés in community centres",
    country="NO", cities=["Bergen"], period="2016-", topics=["language", "interaction"],
    purpose="Purpose: give adults learning Norwegian a relaxed place to practise with volunteers.",
    process="Weekly evenings in six community centres, run by volunteers with games and conversation topics.",
    impact="About 250 regular participants; several volunteers went on to become mentors.",
    language="en", status="published", created_at="2019-02-11T09:00:00Z", published_at="2019-02-11T09:00:00Z")

add(id="sample-30", title="Mexican communities' cultural house",
    country="MX", cities=["Querétaro"], period="2018", topics=["cultural-civil-life", "international-outlook"],
    purpose="Purpose: offer indigenous communities who moved to the city a place for their languages, crafts and festivals.",
    process="The municipality lent a historic building; community associations run it together and decide its programme.",
    impact="Regular courses in three indigenous languages and a yearly festival attended by 8,000 people.",
    language="en", status="published", created_at="2019-08-05T09:00:00Z", published_at="2019-08-05T09:00:00Z")

add(id="sample-31", title="Diverse juries for municipal grants",
    country="SE", cities=["Botkyrka"], period="2014-2022", topics=["commitment", "participation", "cultural-civil-life"],
    purpose="Purpose: make sure that the people who decide on cultural grants reflect the residents who apply for them.",
    process="Grant juries include residents chosen by lot among volunteers, with a balance of ages, districts and origins, alongside experts.",
    impact="Grants to associations led by people with a migrant background doubled.",
    evidence="monitoring",
    language="en", status="published", created_at="2023-02-27T09:00:00Z", published_at="2023-02-27T09:00:00Z")

add(id="sample-32", title="First-week information sessions at the town hall",
    country="IE", cities=[], period="2022", topics=["welcoming", "public-services"],
    purpose="Purpose: give people arriving under temporary protection the essential information in their first week, in their language.",
    process="A national template for sessions run by every county council with interpreters: housing, health, school, work, transport.",
    impact="Used by all county councils during the 2022 arrivals.",
    language="en", status="published", created_at="2022-07-04T09:00:00Z", published_at="2022-07-04T09:00:00Z")

add(id="sample-33", title="Intercultural theatre company",
    country="FR", cities=["Rouen"], period="2019 - ongoing", topics=["cultural-civil-life", "interaction", "media"],
    purpose="Purpose: create plays with amateur actors of all origins, drawing on their own stories.",
    process="A professional director works with a troupe of 20 residents each season; performances tour neighbourhood halls.",
    impact="Five plays, 60 performances, audiences that mix districts.",
    language="en", status="published", created_at="2021-11-08T09:00:00Z", published_at="2021-11-08T09:00:00Z",
    translations={"fr": {"title": "Compagnie de théâtre interculturelle", "period": "2019 - en cours",
                         "purpose": "Objectif : créer des pièces avec des comédiens amateurs de toutes origines, à partir de leurs propres histoires."}})

add(id="sample-34", title="Hate speech monitoring and response",
    country="PL", cities=["Gdańsk"], period="2019 - ongoing", topics=["anti-discrimination", "media", "commitment"],
    purpose="Purpose: detect hate speech against minorities in local media and public spaces, and respond quickly.",
    process="A team monitors local media and reports from residents; graffiti is removed within 24 hours; the city answers publicly and supports victims.",
    impact="Reports are answered within two days; the city's annual report is discussed by the council.",
    language="en", status="published", created_at="2023-05-15T09:00:00Z", published_at="2023-05-15T09:00:00Z")

add(id="sample-35", title="Welcome points in public libraries",
    country="IT", cities=["Bergamo"], period="2015-2020 / 2021-25", topics=["welcoming", "language", "public-services"],
    purpose="Purpose: use the libraries' network as a first point of information for newcomers.",
    process="Librarians trained as welcome officers answer questions, help with online procedures and refer people to services.",
    impact="More than 5,000 contacts a year across nine libraries.",
    language="en", status="published", created_at="2022-11-21T09:00:00Z", published_at="2022-11-21T09:00:00Z")

add(id="sample-36", title="Residents' mediation in social housing",
    country="CH", cities=["Lausanne"], period="à partir de 2016", topics=["mediation", "neighbourhoods"],
    purpose="Purpose: prevent conflicts between neighbours in large social housing estates.",
    process="Mediators from the estates themselves are trained and paid for a few hours a week; they hold open office hours in each building.",
    impact="Eviction procedures linked to neighbour conflicts fell by 40%.",
    language="en", status="published", created_at="2020-09-14T09:00:00Z", published_at="2020-09-14T09:00:00Z")

add(id="sample-37", title="Citizenship ceremony with neighbours",
    country="GB", cities=["Leicester"], period="Since 2016", topics=["leadership-citizenship", "welcoming", "interaction"],
    purpose="Purpose: make the citizenship ceremony a celebration with the local community, not just a formality.",
    process="New citizens invite neighbours and friends; local choirs and schools take part; the mayor hosts a reception.",
    impact="About 1,800 new citizens a year; many say it was the first time they felt welcomed by the city.",
    language="en", status="published", created_at="2018-05-21T09:00:00Z", published_at="2018-05-21T09:00:00Z")

add(id="sample-38", title="Migrant health navigators",
    country="ES", cities=["Bilbao"], period="2017-2021", topics=["public-services", "intercultural-competence", "mediation"],
    purpose="Purpose: guide migrants through the health system and help staff adapt their practice.",
    process="Navigators from migrant communities accompany patients, explain procedures and train health staff.",
    impact="Better use of primary care and fewer emergency visits among participants.",
    evidence="internal_evaluation",
    language="en", status="published", created_at="2021-12-06T09:00:00Z", published_at="2021-12-06T09:00:00Z")

add(id="sample-39", title="City exchange programme for young civil servants",
    country="GR", cities=["Patras"], period="2019-20", topics=["international-outlook", "intercultural-competence"],
    purpose="Purpose: let young city employees spend two weeks in a partner city abroad to learn how it works with diversity.",
    process="Exchanges with four partner cities, with a report and a presentation to colleagues on return.",
    impact="24 employees took part; three practices were adapted at home.",
    language="en", status="published", created_at="2021-03-29T09:00:00Z", published_at="2021-03-29T09:00:00Z")

add(id="sample-40", title="Night market in the old bus station",
    country="NL", cities=["Utrecht"], period="Each summer since 2019", topics=["public-space", "business", "interaction"],
    purpose="Purpose: bring life to a neglected square and give small food entrepreneurs of all origins a place to start.",
    process="Friday evening markets from June to September, with stalls rented at low cost and music by local groups.",
    impact="About 40 stalls each night; several traders opened their own shop.",
    language="en", status="published", created_at="2023-08-28T09:00:00Z", published_at="2023-08-28T09:00:00Z")

add(id="sample-41", title="Serbian-Hungarian-Roma radio programme",
    country="RS", cities=["Pančevo"], period="od 2016. do 2019.", topics=["media", "language", "participation"],
    purpose="Purpose: give the town's language communities a shared weekly radio programme produced together.",
    process="A team of journalists from three communities prepares a two-hour programme in three languages, with local news and music.",
    impact="A regular audience in all three communities, measured by the station.",
    language="en", status="published", created_at="2020-01-13T09:00:00Z", published_at="2020-01-13T09:00:00Z")

add(id="sample-42", title="Intercultural mentoring for city council candidates",
    country="DE", cities=["Düsseldorf"], period="", topics=["leadership-citizenship", "participation"],
    purpose="Purpose: encourage residents with a migrant background to stand for local office.",
    process="Elected members of all parties mentor future candidates for a year: how the council works, campaigning, public speaking.",
    impact="Draft: results are being collected.",
    language="en", status="draft", created_at="2024-02-05T09:00:00Z")

add(id="sample-43", title="Ballarat welcome dinners",
    country="AU", cities=["Ballarat"], period="2018 – present", topics=["welcoming", "interaction", "cultural-civil-life"],
    purpose="Purpose: bring long-time residents and newcomers together around a shared meal in each other's homes.",
    process="Volunteer hosts invite newcomer families to dinner; the city's welcome team makes the introductions and provides interpreters when needed.",
    impact="More than 900 dinners; hosts and guests often keep in touch.",
    language="en", status="published", created_at="2024-04-15T09:00:00Z", published_at="2024-04-15T09:00:00Z")

add(id="sample-44", title="Digital skills for older migrants",
    country="FR", cities=["Nantes"], period="depuis 2021", topics=["education", "public-services"],
    purpose="Objectif : aider les personnes âgées immigrées à faire leurs démarches en ligne et à garder le contact avec leurs proches.",
    process="Des ateliers hebdomadaires dans les centres sociaux, animés par des jeunes en service civique qui parlent arabe, turc ou portugais.",
    impact="300 participants par an ; la moitié font désormais seuls leurs démarches les plus courantes.",
    language="fr", status="published", created_at="2024-10-07T09:00:00Z", published_at="2024-10-07T09:00:00Z")

add(id="sample-45", title="Multilingual emergency alerts",
    country="CH", cities=["Zürich"], period="2020-2022", topics=["public-services", "language", "media"],
    purpose="Purpose: make sure every resident understands public health and safety alerts, whatever language they read.",
    process="Alerts are translated into 15 languages within an hour by a pool of on-call translators and sent through the city's app and community networks.",
    impact="Reached an estimated 95% of residents during the 2020–2022 health crisis.",
    language="en", status="published", created_at="2025-01-20T09:00:00Z", published_at="2025-01-20T09:00:00Z")
