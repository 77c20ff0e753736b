import os
import re
import time
import urllib.error
import urllib.request
from urllib.parse import urlparse, parse_qs

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import LANGUAGE_PREFIXES, axe_violations, nu_validator_errors, sideways_overflow

# Every page kind, in every language.
PAGES = [
    "/", "/practices", "/practices?topic=welcoming&country=PT", "/practices?q=rumours&sort=title&per_page=10",
    "/practices?q=zebra+unicorn", "/practices/anti-rumour-network", "/practices/library-of-living-languages",
    "/cities/lisbon", "/countries/ch", "/topics/education", "/template", "/no-such-page", "/data", "/api",
    "/practices?q=mosque+festival&year_from=2015&year_to=2020", "/practices?q=libary",
]
ALL_PAGES = [prefix + path if prefix else path for prefix in LANGUAGE_PREFIXES for path in PAGES]


@pytest.mark.parametrize("path", ALL_PAGES)
def test_no_accessibility_violations(driver, base_url, path):
    driver.get(base_url + path)
    problems = axe_violations(driver)
    assert not problems, "\n".join(problems)


def test_html_is_valid(base_url, tmp_path):
    """Every page, 404 pages included, is fetched and checked by the Nu validator."""
    files = []
    for index, path in enumerate(ALL_PAGES):
        try:
            body = urllib.request.urlopen(base_url + path).read()
        except urllib.error.HTTPError as error:
            assert error.code == 404, f"{path}: {error.code}"
            body = error.read()
        file = tmp_path / f"page-{index}.html"
        file.write_bytes(body)
        files.append((path, str(file)))
    report = nu_validator_errors(files)
    assert not report, report


def wait_for_url(driver, fragment, timeout=10):
    """Clicks start navigations that finish a moment later: wait for the address to show it."""
    WebDriverWait(driver, timeout).until(lambda d: fragment in d.current_url)
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return document.readyState") == "complete")


def shown(driver):
    return driver.find_element(By.CSS_SELECTOR, "#showing").text


def test_visitor_flow(driver, base_url, screenshots):
    """Search, choose a topic, then a country, go to page 2, open a practice, come back."""
    driver.get(base_url + "/")
    box = driver.find_element(By.CSS_SELECTOR, "input[name=q]")
    box.send_keys("city")
    box.submit()
    wait_for_url(driver, "/practices?q=city")
    total_before = int(re.search(r"of (\d+)", shown(driver)).group(1))

    driver.find_element(By.CSS_SELECTOR, "#facet-topic ~ ul a.facet-value").click()
    wait_for_url(driver, "topic=")
    driver.find_element(By.CSS_SELECTOR, "#facet-country ~ ul a.facet-value").click()
    wait_for_url(driver, "country=")
    filtered = shown(driver)
    assert driver.find_elements(By.CSS_SELECTOR, ".chips .chip")

    # Page 2 needs more results than one page: show 10 per page, then search more broadly if needed.
    driver.get(base_url + "/practices?per_page=10&sort=title")
    driver.find_element(By.CSS_SELECTOR, "#facet-language ~ ul a.facet-value").click()
    wait_for_url(driver, "language=")
    driver.find_element(By.CSS_SELECTOR, ".pagination a[rel=next]").click()
    wait_for_url(driver, "page=2")
    state = parse_qs(urlparse(driver.current_url).query)
    assert state["page"] == ["2"] and state["per_page"] == ["10"] and "language" in state
    list_url = driver.current_url
    list_text = shown(driver)
    driver.save_screenshot(os.path.join(screenshots, "flow-page-2.png"))

    driver.find_element(By.CSS_SELECTOR, ".card h3 a").click()
    wait_for_url(driver, "/practices/")
    driver.find_element(By.CSS_SELECTOR, ".back-link a").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url == list_url)
    assert shown(driver) == list_text
    assert filtered


def test_script_only_improves(driver, base_url):
    """Sort and page size apply with their button, never on input: arrow keys step through the options
    without the page reloading (WCAG 3.2.2). Print buttons appear with JavaScript."""
    driver.get(base_url + "/practices?q=welcome")
    before = driver.current_url
    select = driver.find_element(By.ID, "sort")
    select.send_keys(Keys.ARROW_DOWN)
    select.send_keys(Keys.ARROW_DOWN)
    driver.find_element(By.ID, "per_page").send_keys(Keys.ARROW_DOWN)
    time.sleep(0.5)
    assert driver.current_url == before, "a select navigated on input"
    Select(driver.find_element(By.ID, "sort")).select_by_value("title")
    driver.find_element(By.ID, "apply-controls").click()
    wait_for_url(driver, "sort=title")
    driver.get(base_url + "/practices/anti-rumour-network")
    assert driver.find_element(By.CSS_SELECTOR, "[data-print]").is_displayed()


def test_works_without_javascript(no_js, base_url):
    no_js.get(base_url + "/practices?q=welcome")
    assert no_js.find_element(By.ID, "apply-controls").is_displayed()
    Select(no_js.find_element(By.ID, "sort")).select_by_value("title")
    no_js.find_element(By.ID, "apply-controls").click()
    wait_for_url(no_js, "sort=title")
    no_js.find_element(By.CSS_SELECTOR, "#facet-country ~ ul a.facet-value").click()
    wait_for_url(no_js, "country=")
    no_js.get(base_url + "/practices/anti-rumour-network")
    assert not no_js.find_element(By.CSS_SELECTOR, "[data-print]").is_displayed(), "no print button that cannot work"


SHOTS = {"home": "/", "catalogue": "/practices?topic=welcoming", "practice": "/practices/anti-rumour-network",
         "practice-fr": "/fr/practices/anti-rumour-network", "city": "/cities/lisbon", "template": "/template", "data": "/data", "api-fr": "/fr/api"}


@pytest.mark.parametrize("name", sorted(SHOTS))
def test_screenshots(driver, phone, base_url, screenshots, name):
    for browser, width in ((phone, 390), (driver, 1280)):
        browser.get(base_url + SHOTS[name])
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": width, "height": min(height, 6000), "deviceScaleFactor": 1, "mobile": width < 600})
        path = os.path.join(screenshots, f"{name}-{width}.png")
        browser.save_screenshot(path)
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
        assert os.path.getsize(path) > 0
        # Nothing sticks out sideways at this width.
        overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} is {overflow}px wider than the {width}px screen"


@pytest.mark.parametrize("prefix", [p for p in LANGUAGE_PREFIXES if p])
def test_catalogue_in_every_language(phone, base_url, screenshots, prefix):
    """The catalogue on a phone in each language: a screenshot, nothing wider than the screen, the
    language switcher opens and lists every language."""
    phone.get(base_url + prefix + "/practices?topic=welcoming")
    assert phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == prefix[1:]
    phone.find_element(By.CSS_SELECTOR, ".languages summary").click()
    entries = phone.find_elements(By.CSS_SELECTOR, ".languages li")
    assert len(entries) == len(LANGUAGE_PREFIXES)
    width = phone.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390, f"{prefix}: the page is {width} px wide"
    phone.save_screenshot(os.path.join(screenshots, f"catalogue-{prefix[1:]}-390.png"))


def test_suggestions_combobox(driver, base_url, screenshots):
    """Typing in the search box lists suggestions (ARIA combobox); arrows choose one, Enter opens it,
    Escape closes the list; axe finds nothing with the list open."""
    driver.get(base_url + "/")
    box = driver.find_element(By.CSS_SELECTOR, "input[name=q]")
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
    box.send_keys("lis")
    WebDriverWait(driver, 10).until(lambda d: box.get_attribute("aria-expanded") == "true")
    options = driver.find_elements(By.CSS_SELECTOR, "[role=listbox] [role=option]")
    assert any("Lisbon" in option.text for option in options)
    status = driver.find_element(By.CSS_SELECTOR, "form [role=status]")
    assert re.match(r"\d+ suggestions?$", status.get_attribute("textContent")), status.get_attribute("textContent")
    problems = axe_violations(driver)
    assert not problems, problems
    driver.save_screenshot(os.path.join(screenshots, "suggestions.png"))
    box.send_keys(Keys.ARROW_DOWN)
    active = box.get_attribute("aria-activedescendant")
    assert active and driver.find_element(By.ID, active).get_attribute("aria-selected") == "true"
    box.send_keys(Keys.ESCAPE)
    assert box.get_attribute("aria-expanded") == "false" and not box.get_attribute("aria-activedescendant")
    # Choose the city with the keyboard: its page opens.
    box.send_keys(Keys.BACK_SPACE, "s")
    WebDriverWait(driver, 10).until(lambda d: box.get_attribute("aria-expanded") == "true")
    labels = [o.text for o in driver.find_elements(By.CSS_SELECTOR, "[role=listbox] [role=option]")]
    for _ in range(labels.index(next(label for label in labels if label.startswith("Lisbon"))) + 1):
        box.send_keys(Keys.ARROW_DOWN)
    box.send_keys(Keys.ENTER)
    wait_for_url(driver, "/cities/lisbon")


@pytest.mark.parametrize("path", [prefix + path for prefix in ("", "/fr") for path in PAGES + ["/practices/anti-rumour-network/history"]])
def test_nothing_scrolls_sideways_at_320px(narrow, base_url, path):
    """WCAG 1.4.10: at 320 CSS pixels, no page is wider than the screen."""
    narrow.get(base_url + path)
    overflow, culprits = sideways_overflow(narrow)
    if overflow > 0:
        pytest.fail(f"{path} is {overflow}px wider than 320px: {culprits}")


@pytest.mark.parametrize("width", [640, 1280])
def test_focus_order_follows_the_screen(base_url, width):
    """WCAG 2.4.3: tabbing through the catalogue goes down the page, or on to a column further right; it
    never jumps back up to something above in the same column."""
    from conftest import make_driver
    d = make_driver(width)
    try:
        d.get(base_url + "/practices?topic=welcoming")
        body = d.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        previous, seen = None, 0
        for _ in range(90):
            if d.execute_script("return document.activeElement === document.body"):
                break  # past the last link of the page
            rect = d.execute_script("const r = document.activeElement.getBoundingClientRect(); "
                                    "return [r.top + window.scrollY, r.left, r.right, document.activeElement.outerHTML.slice(0, 80)]")
            if previous and rect[2] > rect[1]:
                assert rect[0] >= previous[0] - 4 or rect[1] >= previous[2] - 4, f"at {width}px, focus went from {previous[3]} back up to {rect[3]}"
            if rect[2] > rect[1]:
                previous, seen = rect, seen + 1
            d.switch_to.active_element.send_keys(Keys.TAB)
        assert seen > 40
    finally:
        d.quit()
