import MosaicCore

/// The home page: the search box, the catalogue in numbers, topic tiles with counts, the latest practices.
struct HomeView {
    let t: Strings
    let numbers: [(value: Int, label: String)]
    let topics: [(label: String, href: String, count: Int)]
    let latest: [CardView]

    func render() -> HTML {
        let language = t.language
        var html: HTML = """
            <div class="wrap">
            <section class="hero" aria-labelledby="home-title">
            <h1 id="home-title">\(t["home_title"])</h1>
            <p class="lead">\(t["home_intro"])</p>
            \(SearchFormView(action: Route.practices.path(language), id: "home-search", text: "").render(t))</section>
            <section aria-labelledby="numbers-heading">
            <h2 id="numbers-heading" class="visually-hidden">\(t["home_numbers_label"])</h2>
            <ul class="numbers">
            """
        for number in numbers {
            html += "<li><span class=\"number\">\(t.number(number.value))</span> <span class=\"number-label\">\(number.label)</span></li>"
        }
        html += "</ul>\n</section>\n<section aria-labelledby=\"topics-heading\">\n<h2 id=\"topics-heading\">\(t["home_topics_heading"])</h2>\n<ul class=\"tiles\">"
        for topic in topics {
            html += "<li><a href=\"\(topic.href)\"><span class=\"tile-title\">\(topic.label)</span> <span class=\"tile-count\">\(t.plural("topic_count", topic.count))</span></a></li>"
        }
        html += """
            </ul>
            </section>
            <section aria-labelledby="latest-heading">
            <h2 id="latest-heading">\(t["home_latest_heading"])</h2>
            <ol class="cards">
            \(latest.render())</ol>
            <p><a class="button" href="\(Route.practices.path(language))">\(t["home_all_practices"])</a></p>
            </section>
            </div>

            """
        return html
    }
}

/// Not found: a helpful page with the search box.
struct NotFoundView {
    let t: Strings
    let practice: Bool

    var heading: String { practice ? t["practice_not_found_title"] : t["not_found_title"] }

    func render() -> HTML {
        let language = t.language
        return """
            <div class="wrap">
            <h1>\(heading)</h1>
            <p class="lead">\(practice ? t["practice_not_found_text"] : t["not_found_text"])</p>
            \(SearchFormView(action: Route.practices.path(language), id: "not-found-search", text: "").render(t))<p><a href="\(Route.practices.path(language))">\(t["all_practices"])</a></p>
            </div>

            """
    }
}
