from sample_practices_part1 import add, P, SOURCE

add(id="sample-11", title="Intercultural competence training for city staff",
    country="IE", cities=["Dublin"], period="From 2021 to 2027", topics=["intercultural-competence", "public-services", "commitment"],
    purpose="Purpose: give every employee who serves the public the skills to work well with residents of all backgrounds.",
    rationale="Complaints to the city showed misunderstandings at front desks, and staff asked for training.",
    process="A two-day course, designed with community organisations, is part of induction for new staff. Managers follow an additional module on inclusive recruitment and team leadership.\n\n- Case studies drawn from real situations at the front desks.\n- Trainers from the communities themselves.",
    impact="By 2024, 2,300 staff had been trained; complaints about discrimination at front desks fell.",
    references="Training curriculum 2021; mid-term review 2024.",
    evaluation="Before-and-after questionnaires for every participant, and a mid-term review by an independent consultant.",
    evidence="external_evaluation",
    resources="Two trainers, course materials and staff time: about 150,000 euros a year.",
    partners="Community organisations, the staff union and the national human rights body.",
    lessons="Training works when managers attend too and when it leads to changes in procedures, not only attitudes.",
    transferability="The curriculum is published and has been adapted by two other Irish local authorities.",
    links=[{"title": "Curriculum", "url": "https://dublin.example.org/training/curriculum"}, {"title": "Mid-term review", "url": "https://dublin.example.org/training/review-2024.pdf"}],
    contact_name="Aoife Byrne", contact_organisation="Dublin City Council, Human Resources", contact_email="training@dublin.example.org",
    language="en", status="published", created_at="2022-01-17T09:00:00Z", published_at="2022-01-17T09:00:00Z")

add(id="sample-12", title="Refugee-owned business incubator",
    country="SE", cities=["Malmö"], period="2021 (ongoing since 2017)", topics=["business", "welcoming", "leadership-citizenship"],
    purpose="Purpose: help refugees who ran a business in their country of origin start one again in the city.",
    process="A six-month programme with coaching, Swedish business vocabulary, access to a shared workspace and small loans, run with the chamber of commerce.",
    impact="85 businesses created, 70% still active after three years.",
    evidence="monitoring",
    language="en", status="published", created_at="2021-06-01T09:00:00Z", published_at="2021-06-01T09:00:00Z")

add(id="sample-13", title="Local media lab for young reporters",
    country="UA", cities=["Lutsk"], period="2015-2020 / 2021-25", topics=["media", "participation", "interaction"],
    purpose="Purpose: train young people of different backgrounds to report on their city, and give minority voices a place in local media.",
    process="A newsroom in the youth centre runs workshops on reporting, video and fact-checking. Stories are published by the local television and a website run by the participants.",
    impact="More than 200 young reporters; their stories on minorities were the most viewed of the local television in 2019.",
    language="en", status="published", created_at="2021-09-09T12:00:00Z", published_at="2021-09-09T12:00:00Z")

add(id="sample-14", title="Sister-city exchanges with the cities of origin",
    country="PL", cities=["Lublin"], period="2020", topics=["international-outlook", "business", "cultural-civil-life"],
    purpose="Purpose: use the ties of residents with their cities of origin to build partnerships in culture, trade and education.",
    process="The city signed partnership agreements with three cities where many residents come from, and organised delegations of entrepreneurs, artists and schools in both directions.",
    impact="Two trade fairs, a joint summer school and 30 school exchanges in the first year.",
    language="en", status="published", created_at="2020-12-01T10:00:00Z", published_at="2020-12-01T10:00:00Z")

add(id="sample-15", title="National register of intercultural trainers",
    country="PT", cities=[], period="permanent", topics=["intercultural-competence", "education"],
    purpose="Purpose: let municipalities and schools find qualified trainers in intercultural competence anywhere in the country.",
    process="The national agency for migration certifies trainers after a course and keeps a public register. Municipalities can book trainers with a national grant.",
    impact="About 300 certified trainers; every municipality with a local integration plan has used the register.",
    language="en", status="published", created_at="2019-07-22T09:00:00Z", published_at="2019-07-22T09:00:00Z")

add(id="sample-16", title="Shared gardens on housing estates",
    country="NL", cities=["Rotterdam"], period="2016-2019", topics=["neighbourhoods", "public-space", "interaction"],
    purpose="Purpose: turn unused green spaces between housing blocks into gardens that neighbours of all origins run together.",
    process="The housing corporation provided land and water; a community worker helped residents form garden groups and agree rules. Each garden holds a harvest meal every autumn.",
    impact="Fourteen gardens with about 600 gardeners; fewer complaints about vandalism in the estates concerned.",
    language="en", status="published", created_at="2020-04-04T09:00:00Z", published_at="2020-04-04T09:00:00Z")

add(id="sample-17", title="Community conflict mediation service",
    country="GR", cities=["Ioannina"], period="N/A", topics=["mediation", "neighbourhoods"],
    purpose="Purpose: offer residents a free, neutral way to settle disputes between neighbours before they escalate.",
    process="Trained volunteer mediators, including speakers of Albanian and Arabic, meet both parties separately and then together. The service is reached by phone or at the town hall.",
    impact="Around 80 cases a year, three quarters ending in an agreement.",
    language="en", status="published", created_at="2022-05-18T09:00:00Z", published_at="2022-05-18T09:00:00Z")

add(id="sample-18", title="Multilingual city information line",
    country="CH", cities=["Genève"], period="", topics=["public-services", "language", "welcoming"],
    purpose="Purpose: answer residents' questions about city services by phone in 14 languages.",
    process="Operators are city staff who speak the languages most common among residents; an interpreting service covers other languages within the call.",
    impact="40,000 calls a year, a third of them in a language other than French.",
    language="en", status="published", created_at="2021-02-08T09:00:00Z", published_at="2021-02-08T09:00:00Z")

add(id="sample-19", title="Welcome guide written by newcomers",
    country="FR", cities=["Lyon"], period="De 2015 à 2018", topics=["welcoming", "media", "participation"],
    purpose="Objectif : produire, avec des personnes récemment arrivées, un guide pratique de la ville qui réponde aux questions qu'elles se sont réellement posées.",
    process="Des ateliers d'écriture ont réuni 40 nouveaux arrivants et des agents municipaux pendant un an. Le guide existe en huit langues, sur papier et en ligne.",
    impact="Le guide est distribué par tous les services d'accueil ; il a été mis à jour deux fois.",
    language="fr", status="published", created_at="2019-11-12T09:00:00Z", published_at="2019-11-12T09:00:00Z",
    translations={"en": {"title": "Welcome guide written by newcomers", "period": "2015 to 2018",
                         "purpose": "Purpose: produce, with people who have recently arrived, a practical guide to the city that answers the questions they actually had."}})

add(id="sample-20", title="Anti-discrimination observatory",
    country="ES", cities=["Getxo"], period="2019 - en cours", topics=["anti-discrimination", "commitment", "public-services"],
    purpose="Purpose: record, follow up and prevent discrimination in access to housing, work and public services.",
    process="Residents can report discrimination at a desk, by phone or online. The observatory supports victims, mediates with landlords and employers, and publishes a yearly report.",
    impact="The yearly report led to a code of conduct signed by 35 estate agencies.",
    evidence="monitoring",
    language="en", status="published", created_at="2023-01-10T09:00:00Z", published_at="2023-01-10T09:00:00Z")

add(id="sample-21", title="Youth football league across districts",
    country="IT", cities=["Torino"], period="Since 2016", topics=["interaction", "neighbourhoods", "education"],
    purpose="Purpose: bring together teenagers from districts that rarely meet, through a football league with mixed teams.",
    process="Teams are formed across districts and schools. Coaches are trained in conflict management; every match ends with a shared snack organised by families.",
    impact="600 players a year; coaches report friendships that continue outside the league.",
    language="en", status="published", created_at="2020-06-15T09:00:00Z", published_at="2020-06-15T09:00:00Z")

add(id="sample-22", title="Inclusive public spaces audit",
    country="GB", cities=["Swansea"], period="2018 – present", topics=["public-space", "participation", "anti-discrimination"],
    purpose="Purpose: find out who uses the city's parks and squares, who does not, and why, and change their design accordingly.",
    rationale="Women, older people and some minority groups said they avoided certain parks, especially after dark.",
    process="Walks with residents' groups, observation at different hours and a short survey in six languages. Each audit ends with a list of changes agreed with the parks department.\n\n- Better lighting on main paths.\n- Benches and toilets near playgrounds.\n- Signs in the most spoken languages.",
    impact="Changes made in eight parks; use by women and older residents has increased, according to repeated counts.",
    references="Audit toolkit; reports for each park.",
    evaluation="Counts of park users by age and gender before and after the changes.",
    evidence="monitoring",
    resources="A part-time officer and a capital budget for changes.",
    partners="Residents' groups, the parks department and the police.",
    lessons="Walking with residents reveals problems that plans do not show.",
    transferability="The toolkit is simple and can be used by any city.",
    links=[{"title": "Audit toolkit", "url": "https://swansea.example.org/parks/audit-toolkit"}],
    contact_name="Rhys Morgan", contact_organisation="City and County of Swansea", contact_email="parks@swansea.example.org",
    language="en", status="published", created_at="2022-09-20T09:00:00Z", published_at="2022-09-20T09:00:00Z")
