"""The pages on a richer catalogue than the sample: practices written in German, Greek, Ukrainian,
Turkish, Spanish, Serbian and Finnish, a title of 191 characters, a practice of fourteen cities, a word
of 103 letters, a link of 149, and cities spelt two ways (ci/fixtures/rich-practices.jsonl, invented for
the project). .ci/run serves it (the sample and these) on its own server and gives its address in
RICH_BASE_URL; without it these checks are skipped.

On each page, in English and French: axe-core, the Nu validator, and no sideways scrolling at 320 px.
Then an editor merges two spellings of one city on the city register, in the browser."""
import os
import urllib.error
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from conftest import axe_violations, make_driver, nu_validator_errors, sideways_overflow
from test_editorial import EDITOR, sign_in, wait_for_text
from test_pages import wait_for_url

RICH = os.environ.get("RICH_BASE_URL", "").rstrip("/")
pytestmark = pytest.mark.skipif(not RICH, reason="RICH_BASE_URL names no server with the richer catalogue")

PAGES = [
    "/practices/interkulturelle-nachbarschaftslotsinnen", "/practices/diapolitismikoi-diamesolavites-iatreia",
    "/practices/rozmovnyi-klub", "/practices/gocmen-kadinlar-kooperatif-mutfak", "/practices/red-comarcal-oficinas-antirrumores",
    "/practices/visejezicni-dan-otvorenih-vrata", "/practices/kotoutumisen-kumppanuusohjelma",
    "/practices", "/practices?country=ES", "/practices?q=antirrumores", "/practices?language=uk",
    "/cities/castellon-de-la-plana", "/countries/ua", "/countries/de", "/practices/interkulturelle-nachbarschaftslotsinnen/history",
]
ALL = [prefix + path for prefix in ("", "/fr") for path in PAGES]


@pytest.mark.parametrize("path", ALL)
def test_rich_pages_accessible_and_narrow(narrow, path):
    narrow.get(RICH + path)
    assert "Page not found" not in narrow.title, path
    problems = axe_violations(narrow)
    assert not problems, path + "\n" + "\n".join(problems)
    overflow, culprits = sideways_overflow(narrow)
    assert overflow == 0, f"{path} scrolls {overflow} px sideways at 320 px: {culprits}"


def test_rich_pages_valid(tmp_path):
    files = []
    for index, path in enumerate(ALL):
        body = urllib.request.urlopen(RICH + path).read()
        file = tmp_path / f"rich-{index}.html"
        file.write_bytes(body)
        files.append((path, str(file)))
    report = nu_validator_errors(files)
    assert not report, report


def test_fourteen_cities_all_listed():
    body = urllib.request.urlopen(RICH + "/practices/red-comarcal-oficinas-antirrumores").read().decode()
    for city in ("Castellón de la Plana", "La Vall d'Uixó".replace("'", "&#39;"), "Peníscola", "Alcalà de Xivert"):
        assert city in body, city


def test_editor_merges_two_spellings(screenshots):
    """The register lists "Vinnitsya" and "Vinnytsia" as possibly one city; the editor keeps
    "Vinnytsia" and merges; the old city page then leads to the new one."""
    driver = make_driver(1280)
    try:
        sign_in(driver, RICH, EDITOR)
        driver.get(RICH + "/admin/cities")
        problems = axe_violations(driver)
        assert not problems, "\n".join(problems)
        overflow, culprits = sideways_overflow(driver)
        assert overflow == 0, f"the city register scrolls {overflow} px sideways at 320 px: {culprits}"
        driver.save_screenshot(os.path.join(screenshots, "city-register-1280.png"))
        group = next(form for form in driver.find_elements(By.CSS_SELECTOR, "ul.lookalikes form")
                     if "Vinnitsya" in form.text and "Vinnytsia" in form.text)
        keep = next(radio for radio in group.find_elements(By.CSS_SELECTOR, "input[type=radio]") if radio.get_attribute("value") == "Vinnytsia")
        driver.execute_script("arguments[0].click()", keep)
        group.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for_text(driver, "is now")
        notice = driver.find_element(By.CSS_SELECTOR, "p.notice").text
        assert notice == "“Vinnitsya” is now “Vinnytsia”: 1 practice updated.", notice
        assert not axe_violations(driver)
        driver.get(RICH + "/cities/vinnitsya")
        wait_for_url(driver, "/cities/vinnytsia")
        assert len(driver.find_elements(By.CSS_SELECTOR, "li.card")) == 2
    finally:
        driver.quit()
