# Sample practices written for Mosaic (invented, plausible; not taken from any website).
SOURCE = "Sample content written for Mosaic: an invented practice, not a real one."

P = []

def add(**kw):
    P.append(kw)

add(id="sample-01", title="Neighbourhood welcome ambassadors", subtitle="Residents who volunteer to show newcomers around their district",
    country="PT", cities=["Lisbon"], period="2019 - ongoing", topics=["welcoming", "neighbourhoods", "participation"],
    purpose="Purpose: help people who have just moved to the city feel at home in their neighbourhood within their first three months, by pairing them with a resident who knows the area.",
    rationale="The city's 2018 survey of recent arrivals showed that most of them knew nobody in their street after a year, and that they learnt about local services by chance. Parish councils asked for a simple, human way to welcome people.",
    process="Each parish council recruits volunteer ambassadors through its newsletter and local associations. Ambassadors take a one-day course on welcoming, on the services newcomers ask about most, and on listening across languages.\n\nNewcomers are referred by the municipal welcome desk, schools and employers. An ambassador meets them within two weeks and walks the neighbourhood with them: the market, the health centre, the library, the school, the places where neighbours meet.\n\n- Ambassadors meet once a month to share what they learn.\n- A coordinator at the city answers questions and follows up difficult cases.",
    impact="In five years, 640 ambassadors have welcomed more than 3,100 households from 74 countries. Nine out of ten newcomers say they would recommend the programme; a third of them have later become ambassadors themselves.",
    references="Programme guide for ambassadors (2020); annual activity reports 2020–2024.",
    evaluation="A university team interviewed 120 newcomers and 40 ambassadors in 2022 and compared them with newcomers who had not taken part.",
    evidence="external_evaluation",
    resources="One full-time coordinator, training costs and a small budget for walks and meetings: about 90,000 euros a year.",
    partners="The 24 parish councils, the municipal welcome desk, schools, two migrant associations and the university's sociology department.",
    lessons="Short, concrete first meetings work better than long programmes. Ambassadors need to be thanked publicly and regularly. Matching by language helps, but is not essential.",
    transferability="Any city with active neighbourhood councils can start small, in two or three districts, with a part-time coordinator.",
    links=[{"title": "Ambassadors' guide", "url": "https://lisbon.example.org/welcome/ambassadors-guide.pdf"}],
    contact_name="Inês Carvalho", contact_organisation="City of Lisbon, Department of Social Rights", contact_email="welcome@lisbon.example.org",
    language="en", status="published", created_at="2021-03-02T09:00:00Z", published_at="2021-03-02T09:00:00Z",
    translations={"fr": {"title": "Ambassadeurs d'accueil de quartier", "subtitle": "Des habitants bénévoles font découvrir leur quartier aux nouveaux arrivants", "period": "2019 - en cours",
                         "purpose": "Objectif : aider les personnes qui viennent d'arriver en ville à se sentir chez elles dans leur quartier au cours de leurs trois premiers mois, en les mettant en relation avec un habitant qui connaît bien les lieux."}})

add(id="sample-02", title="Anti-rumour network", subtitle="Trained volunteers who answer prejudice with facts and conversation",
    country="ES", cities=["Barcelona"], period="Since 2010", topics=["anti-discrimination", "media", "intercultural-competence"],
    purpose="Purpose: reduce the prejudices and false rumours about migrants and minorities that circulate in everyday conversation, and that make living together harder.",
    rationale="Rumours such as 'newcomers receive more social benefits' were heard in many neighbourhood meetings. Official campaigns did not reach the places where the rumours spread: bars, markets, family dinners.",
    process="The city trains 'anti-rumour agents': shopkeepers, teachers, neighbours, youth workers. The training gives facts and figures, but above all ways to question a rumour without confronting the person.\n\n- A public catalogue of the most common rumours with the data that answers them.\n- Street activities, theatre and a comic strip made with local artists.\n- A network of more than 400 member organisations.",
    impact="Over 2,500 agents have been trained. Surveys in districts with the most activity show fewer people agreeing with the three most common rumours than in 2011.",
    references="Anti-rumour handbook; evaluation report 2016.",
    evaluation="Repeated surveys of residents in 2011, 2014 and 2019, and an external review of the network in 2016.",
    evidence="external_evaluation",
    resources="A team of three at the city and a yearly grant to the network's members.",
    partners="More than 400 associations, schools, libraries and community centres.",
    lessons="Humour and empathy work better than correcting people. The network needs a light structure that lets organisations act in their own way.",
    transferability="The method has been adapted by many cities; it needs local data and local agents rather than a copied campaign.",
    links=[{"title": "Anti-rumour handbook", "url": "https://barcelona.example.org/antirumours/handbook"}],
    contact_name="Jordi Puig", contact_organisation="Barcelona City Council", contact_email="antirumours@barcelona.example.org",
    language="en", status="published", created_at="2018-06-12T10:00:00Z", published_at="2018-06-12T10:00:00Z",
    translations={"fr": {"title": "Réseau anti-rumeurs", "period": "Depuis 2010",
                         "purpose": "Objectif : réduire les préjugés et les fausses rumeurs sur les migrants et les minorités qui circulent dans les conversations de tous les jours.",
                         "impact": "Plus de 2 500 agents ont été formés. Dans les quartiers les plus actifs, moins d'habitants adhèrent aux trois rumeurs les plus répandues qu'en 2011."}})

add(id="sample-03", title="Intercultural mediators in health centres",
    country="NO", cities=["Oslo"], period="2017-2021", topics=["public-services", "mediation", "language"],
    purpose="Purpose: make primary health care easier to use for patients who do not speak Norwegian well, and help staff understand what patients expect.",
    rationale="Doctors reported missed appointments, misunderstood prescriptions and long consultations with patients who had recently arrived.",
    process="Six mediators speaking eleven languages between them were employed by the health district. They joined consultations when asked, ran information sessions in waiting rooms and advised staff on cultural questions.",
    impact="Missed appointments fell by a fifth in the two pilot centres. Staff asked for the mediators to stay after the pilot ended.",
    evidence="internal_evaluation",
    language="en", status="published", created_at="2019-01-20T08:30:00Z", published_at="2019-01-21T08:30:00Z")

add(id="sample-04", title="Library of living languages", subtitle="Story hours, book clubs and language exchanges in 25 languages",
    country="FR", cities=["Strasbourg"], period="à partir de 2016", topics=["language", "cultural-civil-life", "education"],
    purpose="Objectif : faire de la médiathèque un lieu où toutes les langues parlées dans la ville ont leur place, et où chacun peut apprendre celle des autres.",
    rationale="Les bibliothécaires constataient que de nombreuses familles n'entraient jamais à la médiathèque, faute de livres dans leur langue et faute de se sentir invitées.",
    process="La médiathèque a constitué des fonds dans 25 langues avec l'aide des associations. Des habitants bénévoles animent des heures du conte bilingues, des clubs de lecture et des échanges de conversation.\n\n- Un « café des langues » chaque samedi.\n- Des valises de livres prêtées aux écoles.",
    impact="Les inscriptions de familles ont augmenté de 30 % en trois ans ; 60 bénévoles animent chaque année plus de 400 séances.",
    language="fr", status="published", created_at="2020-02-14T14:00:00Z", published_at="2020-02-14T14:00:00Z",
    translations={"en": {"title": "Library of living languages", "period": "from 2016",
                         "purpose": "Purpose: make the media library a place where every language spoken in the city has its place, and where everyone can learn the languages of others.",
                         "process": "The library built collections in 25 languages with the help of associations. Volunteers run bilingual story hours, reading clubs and conversation exchanges.\n\n- A language café every Saturday.\n- Boxes of books lent to schools."}})

add(id="sample-05", title="Diversity in the municipal workforce", subtitle="Recruiting and promoting staff who reflect the city's population",
    country="NO", cities=[], period="2011-14", topics=["commitment", "business", "anti-discrimination"],
    purpose="Purpose: make the staff of Norwegian municipalities reflect the diversity of their residents, at every level of responsibility.",
    rationale="A national report found that people with a migrant background were strongly under-represented in municipal jobs, above all in management.",
    process="The national association of local authorities offered municipalities a programme: anonymous applications, diverse interview panels, mentoring for staff with a migrant background and yearly figures on recruitment.",
    impact="The 40 municipalities that took part raised the share of new hires with a migrant background from 9% to 15% during the programme.",
    evidence="monitoring",
    language="en", status="published", created_at="2018-09-03T09:00:00Z", published_at="2018-09-03T09:00:00Z")

add(id="sample-06", title="Intercultural festival of the seasons",
    country="IT", cities=["Reggio Emilia"], period="Each year in March", topics=["cultural-civil-life", "interaction", "public-space"],
    purpose="Purpose: bring residents of all origins together in the squares of the old town for a weekend, around the new year celebrations of the many calendars present in the city.",
    process="Associations propose music, food and games linked to the spring new years (Nowruz, the Chinese new year, Easter traditions). The city provides stages, permits and communication.",
    impact="About 15,000 visitors each year; associations say the festival is where they meet each other.",
    language="en", status="published", created_at="2019-03-30T16:00:00Z", published_at="2019-03-30T16:00:00Z")

add(id="sample-07", title="Welcome classes for newly arrived pupils",
    country="CH", cities=["Neuchâtel"], period="depuis 2012", topics=["education", "welcoming", "language"],
    purpose="Purpose: let children who arrive during the school year learn French quickly while staying part of an ordinary class.",
    rationale="Pupils placed directly in ordinary classes lost months; pupils in separate classes stayed apart from their peers.",
    process="Newly arrived pupils spend mornings in a welcome class with a French teacher and afternoons in their ordinary class. They join the ordinary class full time as soon as the teachers agree, usually within a year.",
    impact="Most pupils join the ordinary class full time within nine months.",
    evidence="monitoring",
    language="en", status="published", created_at="2019-05-06T09:00:00Z", published_at="2019-05-06T09:00:00Z",
    translations={"fr": {"title": "Classes d'accueil pour les élèves nouvellement arrivés", "period": "depuis 2012",
                         "purpose": "Objectif : permettre aux enfants qui arrivent en cours d'année d'apprendre rapidement le français tout en restant membres d'une classe ordinaire."}})

add(id="sample-08", title="Roma school mediators",
    country="RS", cities=["Novi Sad", "Subotica"], period="od 2015.", topics=["education", "mediation", "anti-discrimination"],
    purpose="Purpose: help Roma children enrol in school, attend regularly and finish primary education.",
    process="Mediators from the Roma community work in schools and visit families. They help with enrolment papers, talk with teachers about absences, and organise homework support.",
    impact="Drop-out in the schools with mediators fell by half in four years.",
    evidence="monitoring",
    language="en", status="published", created_at="2020-10-01T10:00:00Z", published_at="2020-10-01T10:00:00Z")

add(id="sample-09", title="City council of foreign residents", subtitle="An elected advisory council for residents who cannot vote in local elections",
    country="DE", cities=["Stuttgart"], period="2013-", topics=["participation", "leadership-citizenship", "commitment"],
    purpose="Purpose: give residents without the right to vote a voice in the decisions of the city council.",
    rationale="A quarter of adult residents could not vote in municipal elections because they did not hold an EU citizenship.",
    process="Every five years, residents without voting rights elect 18 members. The council gives opinions on every proposal that concerns integration, education and housing, and can put questions to the mayor.",
    impact="The council's opinions led to changes in the city's housing allocation rules and in the opening hours of the foreigners' office.",
    language="en", status="published", created_at="2018-11-15T09:00:00Z", published_at="2018-11-15T09:00:00Z")

add(id="sample-10", title="Open mosque days", subtitle="Mosques, churches and temples open their doors to neighbours",
    country="GB", cities=["Bradford"], period="January - February 2018", topics=["interaction", "cultural-civil-life", "neighbourhoods"],
    purpose="Purpose: let neighbours of all faiths and none visit places of worship, ask questions and share a meal.",
    process="Twelve places of worship prepared guided visits, exhibitions and shared meals over six weekends, with volunteers trained to answer difficult questions.",
    impact="About 4,000 visits; most visitors had never entered a place of worship of another faith.",
    language="en", status="published", created_at="2018-03-10T11:00:00Z", published_at="2018-03-10T11:00:00Z")
