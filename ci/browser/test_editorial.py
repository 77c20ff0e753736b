"""Contributors and editors in a real browser: a contributor submits a practice, an editor asks for a
change, the contributor fixes it, the editor publishes it, and a visitor finds it and reads its
history. Every new page is checked with axe-core and the Nu validator, in English and French.

The accounts are made by .ci/run with `mosaic users add` before the server starts; their addresses
and passwords come from the environment."""
import os
import urllib.error
import urllib.request

import pytest
from selenium.common.exceptions import WebDriverException, NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import LANGUAGE_PREFIXES, axe_violations, make_driver, nu_validator_errors, sideways_overflow
from test_pages import wait_for_url

CONTRIBUTOR = (os.environ.get("CONTRIBUTOR_EMAIL", "ana@lisboa.example"), os.environ.get("CONTRIBUTOR_PASSWORD", "contributor pass 1"))
EDITOR = (os.environ.get("EDITOR_EMAIL", "ed@example.org"), os.environ.get("EDITOR_PASSWORD", "editor pass 12"))
ADMIN = (os.environ.get("ADMIN_EMAIL", "root@example.org"), os.environ.get("ADMIN_PASSWORD", "admin pass 123"))
TITLE = "Harbour storytelling evenings for newcomers"


def sign_in(driver, base_url, account, language=""):
    driver.delete_all_cookies()
    driver.get(base_url + language + "/login")
    driver.find_element(By.ID, "email").send_keys(account[0])
    driver.find_element(By.ID, "password").send_keys(account[1])
    driver.find_element(By.CSS_SELECTOR, "form.stacked-form button[type=submit]").click()
    # Contributors land on their account, editors on the review queue.
    WebDriverWait(driver, 10).until(lambda d: "/login" not in d.current_url)
    wait_for_url(driver, "/account" if account == CONTRIBUTOR else "/review")


def wait_for_text(driver, text, timeout=10):
    """After a click the old page is replaced while it is being read (twice after a form: the answer is a
    redirect): wait until the new one says `text`. Chromium may also report a node of the old page as not
    belonging to the document, which is the same race."""
    WebDriverWait(driver, timeout, ignored_exceptions=[StaleElementReferenceException, NoSuchElementException, WebDriverException]).until(
        lambda d: text in d.find_element(By.TAG_NAME, "main").text)


def no_violations(driver):
    problems = axe_violations(driver)
    assert not problems, driver.current_url + "\n" + "\n".join(problems)


def came_by_redirect(driver):
    """A form that succeeded answers with a redirect (303) to a page saying what happened, so that
    reloading that page sends nothing again: the navigation that showed it was redirected."""
    count = driver.execute_script("const n = performance.getEntriesByType('navigation')[0]; return n ? n.redirectCount : -1")
    assert count >= 1, f"{driver.current_url} was not reached by a redirect after a form (redirectCount {count})"


def fill(driver, name, text):
    field = driver.find_element(By.NAME, name)
    field.clear()
    field.send_keys(text)


def signed_in_browser(base_url, account):
    d = make_driver(1280)
    sign_in(d, base_url, account)
    return d


@pytest.fixture(scope="module")
def contributor(base_url):
    d = signed_in_browser(base_url, CONTRIBUTOR)
    yield d
    d.quit()


@pytest.fixture(scope="module")
def editor(base_url):
    d = signed_in_browser(base_url, EDITOR)
    yield d
    d.quit()


def test_submission_review_and_publication(contributor, editor, driver, base_url, screenshots):
    # The contributor starts a practice, saves a draft, then submits it.
    contributor.get(base_url + "/submit")
    fill(contributor, "title", TITLE)
    contributor.find_element(By.CSS_SELECTOR, "button[value=save]").click()
    wait_for_text(contributor, "Draft saved.")
    came_by_redirect(contributor)
    action = contributor.find_element(By.CSS_SELECTOR, "form.template-form").get_attribute("action")
    practice_id = action.rstrip("/").split("/")[-1]

    # Submitting without the required fields lists them; nothing is sent. (The country and the city come
    # from the contributor's account: the purpose is what is missing.)
    contributor.find_element(By.CSS_SELECTOR, "button[value=submit]").click()
    wait_for_text(contributor, "to fix before submitting")
    assert contributor.find_element(By.ID, "e-purpose").text
    Select(contributor.find_element(By.NAME, "country")).select_by_value("PT")
    fill(contributor, "cities", "Lisbon")
    fill(contributor, "purpose", "Newcomers and long-time residents tell stories of arrival, one evening a month, in the harbour library.")
    contributor.find_element(By.ID, "f-topics-welcoming").click()
    contributor.save_screenshot(os.path.join(screenshots, "submit-form-1280.png"))
    no_violations(contributor)
    contributor.find_element(By.CSS_SELECTOR, "button[value=submit]").click()
    wait_for_text(contributor, "Submitted for review. An editor will read it")
    came_by_redirect(contributor)

    # The editor finds it in the queue and asks for a change.
    editor.get(base_url + "/review")
    no_violations(editor)
    editor.find_element(By.LINK_TEXT, TITLE).click()
    wait_for_url(editor, "/review/" + practice_id)
    assert editor.find_elements(By.CSS_SELECTOR, ".diff ins")
    editor.save_screenshot(os.path.join(screenshots, "review-1280.png"))
    no_violations(editor)
    editor.find_element(By.ID, "changes-note").send_keys("Please describe how the evenings are run.")
    editor.find_element(By.CSS_SELECTOR, "form[action$='/request-changes'] button").click()
    wait_for_url(editor, "/review?done=changes")
    came_by_redirect(editor)

    # The contributor sees the note, fixes the practice and submits again.
    contributor.get(base_url + "/account")
    assert "Please describe how the evenings are run." in contributor.find_element(By.TAG_NAME, "main").text
    no_violations(contributor)
    contributor.get(base_url + "/submit/" + practice_id)
    fill(contributor, "process", "A librarian and two volunteers host; stories are recorded with consent and kept by the library.")
    contributor.find_element(By.CSS_SELECTOR, "button[value=submit]").click()
    wait_for_text(contributor, "Submitted for review. An editor will read it")

    # The editor publishes it.
    editor.get(base_url + "/review/" + practice_id)
    assert any("evenings are run" in e.text or "librarian" in e.text for e in editor.find_elements(By.CSS_SELECTOR, ".diff dd"))
    editor.find_element(By.CSS_SELECTOR, "form[action$='/publish'] button").click()
    wait_for_url(editor, "/review?done=published")
    came_by_redirect(editor)

    # A visitor finds it by search, opens it, then its history.
    driver.get(base_url + "/practices?q=harbour+storytelling")
    driver.find_element(By.PARTIAL_LINK_TEXT, TITLE).click()
    wait_for_url(driver, "/practices/harbour-storytelling-evenings-for-newcomers")
    assert driver.find_element(By.TAG_NAME, "h1").text == TITLE
    driver.find_element(By.LINK_TEXT, "History of changes").click()
    wait_for_url(driver, "/history")
    rows = driver.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) == 1
    no_violations(driver)
    driver.save_screenshot(os.path.join(screenshots, "history-1280.png"))


SIGNED_OUT_PAGES = ["/login", "/password/forgot", "/password/reset/not-a-real-token", "/practices/anti-rumour-network/history"]
CONTRIBUTOR_PAGES = ["/account", "/submit", "/review"]  # the last: the page that refuses
EDITOR_PAGES = ["/review", "/review?state=changes_requested", "/review/sample-02", "/practices/anti-rumour-network/history", "/admin/thesaurus",
                "/admin/cities"]
ADMIN_PAGES = ["/admin/audit"]


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
def test_new_pages_accessible_and_valid(base_url, tmp_path, language):
    """axe-core on every new page in a browser signed in with the right role, and the Nu validator on
    the same pages fetched with that browser's session."""
    checked = []
    for account, paths in ((None, SIGNED_OUT_PAGES), (CONTRIBUTOR, CONTRIBUTOR_PAGES), (EDITOR, EDITOR_PAGES), (ADMIN, ADMIN_PAGES)):
        d = make_driver(1280)
        try:
            if account:
                sign_in(d, base_url, account, language)
            for path in paths:
                d.get(base_url + language + path)
                no_violations(d)
                # Nothing scrolls sideways on a 320 px screen (WCAG 1.4.10): account tables, diffs, long words.
                overflow, culprits = sideways_overflow(d)
                assert overflow <= 0, f"{language}{path} is {overflow}px wider than 320px: {culprits}"
            cookie = "; ".join(f"{c['name']}={c['value']}" for c in d.get_cookies())
            for path in paths:
                request = urllib.request.Request(base_url + language + path, headers={"Cookie": cookie})
                try:
                    body = urllib.request.urlopen(request).read()
                except urllib.error.HTTPError as error:
                    body = error.read()
                file = tmp_path / f"editorial-{len(checked)}.html"
                file.write_bytes(body)
                checked.append((language + path, str(file)))
        finally:
            d.quit()
    report = nu_validator_errors(checked)
    assert not report, report


def test_forms_refuse_without_token(base_url):
    """A sign-in posted without the form's token is refused and opens no session."""
    data = f"email={EDITOR[0]}&password={EDITOR[1]}".encode()
    request = urllib.request.Request(base_url + "/login", data=data, method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 403
    assert "mosaic_session" not in (refused.value.headers.get("Set-Cookie") or "")
