#!/usr/bin/env python3
"""Checks two `mosaic serve` instances on one database behind nginx (started by ci/cluster/run.sh).

What each step proves:
  1. sign-in through nginx (the form and its anti-forgery token may come from one instance and be
     posted to the other: both sign with MOSAIC_SECRET), also shown explicitly instance 1 → instance 2;
  2. the session made through nginx is valid on each instance reached directly (sessions are rows of
     the shared database, not memory of one process);
  3. a contributor saves a draft and submits it for review through nginx (a draft written by one
     instance is read back by whichever nginx picks next);
  4. an editor finds it in the review queue and publishes it through nginx;
  5. both instances, reached directly, show the published practice within 1 s of the publish answer
     (--max-delay; the delay is measured per instance), find it by search, and give the same ETag for `/`
     (pages depend only on the catalogue version, which instances share);
  6. requests through nginx keep answering 200 while instance 1 is SIGKILLed under load (nginx retries
     a failed GET on the other instance), and sessions still hold afterwards.

Only the standard library. The accounts come from the environment (set by ci/cluster/start.sh):
CONTRIBUTOR_EMAIL, CONTRIBUTOR_PASSWORD, EDITOR_EMAIL, EDITOR_PASSWORD, ADMIN_EMAIL, ADMIN_PASSWORD.

Usage: check.py --nginx URL --instance URL1 --instance URL2 [--kill-pid PID] [--access-log FILE]
                [--sync-not-required] [--max-delay 1] [--load-seconds 4]
Exits 0 when every check passed, 1 with the failure named otherwise.

bench/cluster_publisher.py imports the helpers of this file (Visitor, sign_in, submit_practice, ...).
"""
import argparse
import http.client
import os
import re
import secrets
import signal
import sys
import threading
import time
import traceback
import urllib.parse
from html.parser import HTMLParser

# The routes, forms and field names this check relies on (Sources/MosaicWeb/App/Route.swift, the
# views under Sources/MosaicWeb/Views, SubmissionForm.swift). Kept here, in one place.
LOGIN = "/login"                       # form: csrf, email, password (303 to /account or /review)
ACCOUNT = "/account"                   # signed in: the account's address is on the page; else 303 to /login
SUBMIT = "/submit"                     # form.template-form: csrf, title, country, cities, purpose, topics...,
                                       # button name=action value=save|submit (303 to /submit/ID?done=saved|sent)
REVIEW = "/review"                     # the queue of submitted drafts (editors)
SESSION_COOKIE = "mosaic_session"
SAMPLE_PRACTICE = "/practices/anti-rumour-network"


def review_page(practice_id):          # form action /review/ID/publish: csrf, note (303 to /review?done=published)
    return f"/review/{practice_id}"


def practice_page(slug):
    return f"/practices/{slug}"


def slug_for(title):
    """The slug Mosaic makes of an ASCII title (MosaicCore/Slug.swift: letters and digits, words joined
    by hyphens, apostrophes dropped, at most 80 characters)."""
    words = re.findall(r"[a-z0-9]+", title.lower().replace("'", ""))
    slug = ""
    for word in words:
        candidate = word if not slug else slug + "-" + word
        if len(candidate) > 80:
            break
        slug = candidate
    return slug or "practice"


# ---------------------------------------------------------------------------------------------------
# HTTP: one connection per request (so that each request is routed afresh by nginx), cookies kept by
# the visitor and sent to whichever address it is given: nginx or an instance directly.

class Answer:
    def __init__(self, status, headers, body, url, seconds):
        self.status, self.headers, self.body, self.url, self.seconds = status, headers, body, url, seconds

    def header(self, name):
        values = self.headers.get(name.lower())
        return values[0] if values else None

    @property
    def location(self):
        return self.header("Location") or ""

    def __repr__(self):
        return f"{self.status} {self.url}" + (f" → {self.location}" if self.location else "")


def request(method, url, body=None, headers=None, timeout=10.0):
    """One HTTP request on a new connection. Raises OSError (refused, reset, timeout) like the socket."""
    parts = urllib.parse.urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    started = time.monotonic()
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=dict(headers or {}))
        response = connection.getresponse()
        data = response.read()
        collected = {}
        for name, value in response.getheaders():
            collected.setdefault(name.lower(), []).append(value)
        return Answer(response.status, collected, data.decode("utf-8", "replace"), url, time.monotonic() - started)
    finally:
        connection.close()


class Visitor:
    """A browser without JavaScript: its cookies, forms sent as a browser sends them, 303s followed."""

    def __init__(self, name):
        self.name = name
        self.cookies = {}

    def cookie_header(self):
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def _send(self, method, url, form=None, timeout=10.0):
        headers = {"User-Agent": "mosaic-cluster-check"}
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        answer = request(method, url, body=body, headers=headers, timeout=timeout)
        for line in answer.headers.get("set-cookie", []):
            pair = line.split(";", 1)[0]
            name, _, value = pair.partition("=")
            if re.search(r";\s*max-age=0\b", line, re.I) or value == "":
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value.strip()
        return answer

    def get(self, url, follow=True, timeout=10.0):
        return self._follow(self._send("GET", url, timeout=timeout), follow)

    def post(self, url, form, follow=False, timeout=10.0):
        return self._follow(self._send("POST", url, form=form, timeout=timeout), follow)

    def _follow(self, answer, follow):
        hops = 0
        while follow and answer.status in (301, 302, 303, 307, 308) and hops < 5:
            answer = self._send("GET", urllib.parse.urljoin(answer.url, answer.location))
            hops += 1
        return answer


class Form:
    def __init__(self, attributes):
        self.action = attributes.get("action") or ""
        self.method = (attributes.get("method") or "get").lower()
        self.classes = (attributes.get("class") or "").split()
        self.fields = []       # (name, value) as a browser would send them, buttons excepted
        self.buttons = []      # (name, value) of the submit buttons
        self.options = {}      # name → values a checkbox or select of that name offers

    def with_values(self, **values):
        """The fields, with `values` replacing what the page had (a list for several values)."""
        fields = [(name, value) for name, value in self.fields if name not in values]
        for name, value in values.items():
            for item in (value if isinstance(value, list) else [value]):
                fields.append((name, item))
        return fields


class FormReader(HTMLParser):
    """Every form of a page, with the values a browser would send for it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None       # (name, options [(value, selected)])
        self._option = None
        self._textarea = None     # (name, text parts)

    def handle_starttag(self, tag, attrs):
        a = {name: (value if value is not None else "") for name, value in attrs}
        if tag == "form":
            self._form = Form(a)
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                form.options.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    form.fields.append((name, a.get("value", "on")))
            elif kind in ("submit", "image", "button"):
                form.buttons.append((name, a.get("value", "")))
            elif kind != "file":
                form.fields.append((name, a.get("value", "")))
        elif tag == "button" and name:
            form.buttons.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = (name, [])
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, []]
        elif tag == "textarea" and name:
            self._textarea = (name, [])

    def handle_data(self, data):
        if self._option is not None:
            self._option[2].append(data)
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            value, selected, text = self._option
            self._select[1].append((value if value is not None else "".join(text).strip(), selected))
            self._option = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, options = self._select
            self._form.options[name] = [value for value, _ in options]
            chosen = [value for value, selected in options if selected] or [value for value, _ in options[:1]]
            self._form.fields.extend((name, value) for value in chosen[:1])
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            name, parts = self._textarea
            text = "".join(parts)
            self._form.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "form":
            self._form = None


def find_form(html, action_ends=None, css_class=None, where=""):
    reader = FormReader()
    reader.feed(html)
    for form in reader.forms:
        path = urllib.parse.urlsplit(form.action).path
        if action_ends is not None and not path.endswith(action_ends):
            continue
        if css_class is not None and css_class not in form.classes:
            continue
        return form
    wanted = f"action ending {action_ends!r}" if action_ends else f"class {css_class!r}"
    raise CheckFailed(f"no form with {wanted} on {where or 'the page'} "
                      f"(forms found: {[f.action for f in reader.forms]})")


# ---------------------------------------------------------------------------------------------------
# The flows, shared with bench/cluster_publisher.py.

class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def sign_in(visitor, base, email, password, form_base=None):
    """Signs in with the sign-in form of `form_base` (default `base`), posted to `base`. Returns the
    path the site sends the visitor to (/account for contributors, /review for editors)."""
    page = visitor.get((form_base or base) + LOGIN)
    expect(page.status == 200, f"{visitor.name}: GET {page.url} answered {page.status}")
    form = find_form(page.body, action_ends=LOGIN, where=page.url)
    answer = visitor.post(base + form.action, form.with_values(email=email, password=password))
    expect(answer.status == 303, f"{visitor.name}: signing in as {email} answered {answer.status} "
                                 f"(403: the form's token was refused; 401: the password was)")
    expect(SESSION_COOKIE in visitor.cookies, f"{visitor.name}: signed in without a {SESSION_COOKIE} cookie")
    return urllib.parse.urlsplit(answer.location).path


def signed_in_as(visitor, base, email):
    """(True, status) when the account page of `base` shows the visitor signed in as `email`."""
    answer = visitor.get(base + ACCOUNT, follow=False)
    return answer.status == 200 and email.lower() in answer.body.lower(), answer


def submit_practice(visitor, base, title, purpose, save_first=True):
    """A contributor's new practice, submitted for review: saved as a draft first (when `save_first`),
    then submitted from the draft's own page, as a browser does. Returns the practice id."""
    page = visitor.get(base + SUBMIT)
    expect(page.status == 200, f"GET {SUBMIT} answered {page.status}")
    form = find_form(page.body, css_class="template-form", where=SUBMIT)
    expect("welcoming" in form.options.get("topics", []), "the submission form offers no topic 'welcoming'")
    values = dict(title=title, country="PT", cities="Lisbon", purpose=purpose, topics=["welcoming"])
    if save_first:
        saved = visitor.post(base + form.action, form.with_values(action="save", **values))
        expect(saved.status == 303 and "done=saved" in saved.location,
               f"saving the draft answered {saved} (422: a field was refused; the form came back)")
        practice_id = urllib.parse.urlsplit(saved.location).path.rstrip("/").split("/")[-1]
        # The draft's page, read back through nginx (perhaps from the other instance).
        page = visitor.get(base + f"{SUBMIT}/{practice_id}")
        expect(page.status == 200 and title in page.body, f"the saved draft's page answered {page.status} without its title")
        form = find_form(page.body, css_class="template-form", where=f"{SUBMIT}/{practice_id}")
        values = {}   # the page has everything already
    sent = visitor.post(base + form.action, form.with_values(action="submit", **values))
    expect(sent.status == 303 and "done=sent" in sent.location,
           f"submitting for review answered {sent} (422: something required is missing)")
    return urllib.parse.urlsplit(sent.location).path.rstrip("/").split("/")[-1]


def csrf_of(visitor, base):
    """The session's anti-forgery token (one per session), from a form of the account page."""
    page = visitor.get(base + ACCOUNT, follow=False)
    expect(page.status == 200, f"{visitor.name}: GET {ACCOUNT} answered {page.status}")
    match = re.search(r'name="csrf" value="([^"]+)"', page.body)
    expect(match, f"{visitor.name}: no csrf field on {ACCOUNT}")
    return match.group(1)


def publish(visitor, base, practice_id, csrf=None, note=""):
    """Publishes a submitted draft. With `csrf`, posts straight away (the publisher of the benchmark);
    else reads the review page's publish form first, as a browser does. Returns the answer, whose
    arrival (time.monotonic()) the caller notes right after."""
    if csrf is None:
        page = visitor.get(base + review_page(practice_id))
        expect(page.status == 200, f"GET {review_page(practice_id)} answered {page.status}")
        form = find_form(page.body, action_ends="/publish", where=review_page(practice_id))
        fields, action = form.with_values(note=note), form.action
    else:
        fields, action = [("csrf", csrf), ("note", note)], review_page(practice_id) + "/publish"
    return visitor.post(base + action, fields)


def poll_until_visible(url, started, deadline, interval=0.02):
    """GETs `url` every `interval` s until it answers 200; returns the seconds from `started`
    (time.monotonic()) to that answer, or None when `deadline` passed first."""
    while time.monotonic() < deadline:
        try:
            answer = request("GET", url, timeout=2)
            if answer.status == 200:
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(interval)
    return None


def poll_instances(urls, started, seconds=5.0, interval=0.02):
    """Polls every URL at once (a thread each); returns their delays (None: never seen)."""
    delays = [None] * len(urls)

    def run(index):
        delays[index] = poll_until_visible(urls[index], started, started + seconds, interval)

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(len(urls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return delays


def milliseconds(seconds):
    return "never" if seconds is None else f"{seconds * 1000:.0f} ms"


# ---------------------------------------------------------------------------------------------------
# The report: each check printed as it passes, a summary at the end.

class Report:
    def __init__(self, sync_required):
        self.sync_required = sync_required
        self.passed, self.pending, self.failures = [], [], []
        self.measures = []

    def ok(self, text):
        self.passed.append(text)
        print(f"  ok       {text}", flush=True)

    def check(self, condition, text, failure=None):
        if not condition:
            raise CheckFailed(failure or text)
        self.ok(text)

    def sync_check(self, condition, text, failure):
        """A check that holds only once instances learn each other's publications (multi-instance sync).
        A failure is recorded and the run goes on (the later checks still tell something)."""
        if condition:
            self.ok(text)
        elif self.sync_required:
            self.failures.append(failure)
            print(f"  FAIL     {failure}", flush=True)
        else:
            self.pending.append(failure)
            print(f"  NOT YET  {failure} (--sync-not-required)", flush=True)

    def measure(self, text):
        self.measures.append(text)
        print(f"  measured {text}", flush=True)


def instance_state(base):
    """What an instance says of its snapshot: /readyz (with its lag), or /healthz where there is no /readyz."""
    try:
        for path in ("/readyz", "/healthz"):
            answer = request("GET", base + path, timeout=3)
            if answer.status != 404:
                return f"{path} {answer.status} {answer.body.strip()}"
        return "no /readyz nor /healthz"
    except OSError as error:
        return f"unreachable ({error})"


def check_sessions(args, report, accounts):
    nginx, (one, two) = args.nginx, args.instance
    contributor = Visitor("contributor")
    landing = sign_in(contributor, nginx, *accounts["contributor"])
    report.check(landing == ACCOUNT, f"contributor signed in through nginx, sent to {landing}",
                 f"the contributor was sent to {landing} after signing in, not {ACCOUNT}")

    # The same cookie, straight to each instance: both know the session (it is in the database).
    for number, base in ((1, one), (2, two)):
        good, answer = signed_in_as(contributor, base, accounts["contributor"][0])
        report.check(good, f"the session made through nginx is valid on instance {number} ({base}{ACCOUNT}: {answer.status}, signed in)",
                     f"instance {number} does not know the session made through nginx: {base}{ACCOUNT} answered {answer}")
    # The control: without the cookie, the same page sends to the sign-in form (so the check above can fail).
    stranger = request("GET", one + ACCOUNT)
    report.check(stranger.status == 303 and LOGIN in stranger.location,
                 f"without the cookie, {ACCOUNT} on instance 1 sends to {LOGIN} (the control)",
                 f"{ACCOUNT} without a session answered {stranger}, not a 303 to {LOGIN}")

    # The anti-forgery token of a visitor not signed in is signed with the shared secret: a sign-in form
    # from instance 1, posted to instance 2, is accepted.
    admin = Visitor("admin")
    sign_in(admin, two, *accounts["admin"], form_base=one)
    good, _ = signed_in_as(admin, one, accounts["admin"][0])
    report.check(good, "a sign-in form fetched from instance 1 is accepted by instance 2 (MOSAIC_SECRET shared); the session works on instance 1")
    return contributor


def check_publication(args, report, accounts, contributor):
    nginx, instances = args.nginx, args.instance
    token = secrets.token_hex(4)
    title = f"Cluster check {token} harbour evenings"
    slug = slug_for(title)
    practice_id = submit_practice(contributor, nginx, title,
                                  "Newcomers and long-time residents tell stories of arrival, one evening a month, in the harbour library.")
    report.ok(f"contributor saved a draft and submitted it for review through nginx (practice {practice_id}, “{title}”)")

    editor = Visitor("editor")
    landing = sign_in(editor, nginx, *accounts["editor"])
    report.check(landing == REVIEW, f"editor signed in through nginx, sent to {landing}",
                 f"the editor was sent to {landing} after signing in, not {REVIEW}")
    queue = editor.get(nginx + REVIEW)
    report.check(queue.status == 200 and title in queue.body, "the submission is in the review queue",
                 f"the review queue ({queue.status}) does not list “{title}”")

    # Not public yet, on either instance: the polling below measures the publication, not a stale page.
    for number, base in enumerate(instances, 1):
        answer = request("GET", base + practice_page(slug))
        report.check(answer.status == 404, f"before publication, instance {number} answers 404 for {practice_page(slug)}",
                     f"before publication, instance {number} answered {answer.status} for {practice_page(slug)}")

    answer = publish(editor, nginx, practice_id)
    published_at = time.monotonic()
    report.check(answer.status == 303 and "done=published" in answer.location,
                 f"editor published it through nginx ({answer.status} → {answer.location}, {answer.seconds * 1000:.0f} ms)",
                 f"publishing answered {answer}")

    # Both instances, straight, every 20 ms for up to 5 s: when does each show the practice page?
    delays = poll_instances([base + practice_page(slug) for base in instances], published_at, seconds=5.0)
    for number, delay in enumerate(delays, 1):
        report.measure(f"instance {number} showed {practice_page(slug)} {milliseconds(delay)} after the publish answer"
                       if delay is not None else f"instance {number} did not show {practice_page(slug)} within 5 s")
    limit = args.max_delay
    for number, delay in enumerate(delays, 1):
        report.sync_check(delay is not None and delay <= limit,
                          f"instance {number} shows the publication within {limit:g} s ({milliseconds(delay)})",
                          f"instance {number} did not show the publication within 5 s" if delay is None else
                          f"instance {number} showed the publication {milliseconds(delay)} after the publish answer (limit {limit:g} s)")

    # The slug the polling used is the one the site gave (read from the review page's history link).
    review = editor.get(nginx + review_page(practice_id))
    report.check(f'href="{practice_page(slug)}/history"' in review.body,
                 f"the site gave the practice the slug polled ({slug})",
                 f"the review page of {practice_id} has no link to {practice_page(slug)}/history: the slug differs")

    # A search for its unique word finds it on each instance.
    for number, base in enumerate(instances, 1):
        found = request("GET", base + "/practices?q=" + token)
        # Result links carry the search they came from: href="/practices/SLUG?from=q%3D...".
        listed = re.search(r'href="' + re.escape(practice_page(slug)) + r'[?"]', found.body)
        report.sync_check(found.status == 200 and listed is not None,
                          f"instance {number} finds it by searching “{token}”",
                          f"instance {number}: /practices?q={token} ({found.status}) does not list {practice_page(slug)}")

    # Same catalogue, same pages, same validators: a cache in front may revalidate against either.
    etags = [request("GET", base + "/").header("ETag") for base in instances]
    report.measure(f"ETag of / — instance 1: {etags[0]}, instance 2: {etags[1]}; "
                   f"instance 1: {instance_state(instances[0])}; instance 2: {instance_state(instances[1])}")
    report.sync_check(etags[0] is not None and etags[0] == etags[1], f"both instances give the same ETag for / ({etags[0]})",
                      f"the instances give different ETags for /: {etags[0]} and {etags[1]}")
    return slug, delays


def process_serves_port(pid, url):
    """True when PID is a live `mosaic serve` on the port of `url` (so that nothing else is killed)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as file:
            words = file.read().decode(errors="replace").split("\0")
    except OSError:
        return False
    port = str(urllib.parse.urlsplit(url).port)
    return "serve" in words and port in words


def check_kill(args, report, accounts, contributor, slug, delays):
    nginx, (one, two) = args.nginx, args.instance
    expect(process_serves_port(args.kill_pid, one),
           f"--kill-pid {args.kill_pid} is not a running `mosaic serve` on {one}: nothing killed")
    paths = ["/", "/practices?q=welcome", SAMPLE_PRACTICE]
    if all(delay is not None for delay in delays):
        paths.append(practice_page(slug))   # the new practice, once both instances have it
    results, lock, stop = [], threading.Lock(), threading.Event()
    killed_at = [None]
    started = time.monotonic()

    def load(offset):
        index = offset
        while not stop.is_set():
            path = paths[index % len(paths)]
            index += 1
            sent = time.monotonic()
            try:
                outcome = request("GET", nginx + path, timeout=5).status
            except OSError as error:
                outcome = f"{type(error).__name__}: {error}"
            with lock:
                results.append((sent - started, path, outcome))

    workers = [threading.Thread(target=load, args=(offset,), daemon=True) for offset in range(2)]
    for worker in workers:
        worker.start()
    time.sleep(args.load_seconds / 2)
    os.kill(args.kill_pid, signal.SIGKILL)
    killed_at[0] = time.monotonic() - started
    time.sleep(args.load_seconds / 2)
    stop.set()
    for worker in workers:
        worker.join(timeout=10)

    before = sum(1 for sent, _, _ in results if sent < killed_at[0])
    failed = [(sent, path, outcome) for sent, path, outcome in results if outcome != 200]
    report.measure(f"{len(results)} requests through nginx in {args.load_seconds:g} s (2 clients, {', '.join(paths)}): "
                   f"{before} before the SIGKILL of instance 1 at {killed_at[0]:.2f} s, {len(results) - before} after")
    report.check(not failed and len(results) - before > 0,
                 f"every request through nginx answered 200 while instance 1 was SIGKILLed ({len(results)} requests, 0 errors)",
                 f"{len(failed)} of {len(results)} requests through nginx failed around the SIGKILL; first: "
                 + "; ".join(f"{sent:.2f}s {path} → {outcome}" for sent, path, outcome in failed[:5])
                 if failed else "no request was made after the SIGKILL")

    try:
        request("GET", one + "/healthz", timeout=2)
        refused = False
    except OSError:
        refused = True
    report.check(refused, "instance 1 is gone (its port refuses connections)", "instance 1 still answers after the SIGKILL")
    good, answer = signed_in_as(contributor, nginx, accounts["contributor"][0])
    report.check(good, "the contributor's session still holds through nginx, on instance 2 alone",
                 f"after the SIGKILL, {ACCOUNT} through nginx answered {answer}")

    # What nginx did: requests it sent to instance 1, found failed, and sent again to instance 2.
    if args.access_log:
        time.sleep(1.2)  # the access log is flushed every second
        try:
            with open(args.access_log, encoding="utf-8", errors="replace") as file:
                lines = file.readlines()
            retried = sum(1 for line in lines if re.search(r'upstream="[^"]*, [^"]*"', line))
            report.measure(f"nginx retried {retried} request(s) on the other instance (access log: upstream \"A, B\")")
        except OSError as error:
            report.measure(f"nginx's access log could not be read: {error}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nginx", required=True, help="nginx's address, e.g. http://127.0.0.1:19100")
    parser.add_argument("--instance", action="append", required=True, help="an instance's own address (twice)")
    parser.add_argument("--kill-pid", type=int, help="instance 1's process id, SIGKILLed under load (no kill test without it)")
    parser.add_argument("--access-log", help="nginx's access log (to count the requests it retried)")
    parser.add_argument("--sync-not-required", action="store_true",
                        help="report the convergence checks without failing on them (binaries from before multi-instance sync)")
    parser.add_argument("--max-delay", type=float, default=1.0,
                        help="seconds within which both instances must show a publication (default 1)")
    parser.add_argument("--load-seconds", type=float, default=4.0, help="length of the kill test (the kill is half-way)")
    args = parser.parse_args()
    if len(args.instance) != 2:
        parser.error("give --instance twice")
    args.nginx = args.nginx.rstrip("/")
    args.instance = [url.rstrip("/") for url in args.instance]
    accounts = {role: (os.environ.get(f"{role.upper()}_EMAIL", default[0]), os.environ.get(f"{role.upper()}_PASSWORD", default[1]))
                for role, default in (("contributor", ("ana@lisboa.example", "contributor pass 1")),
                                      ("editor", ("ed@example.org", "editor pass 12")),
                                      ("admin", ("root@example.org", "admin pass 123")))}

    report = Report(sync_required=not args.sync_not_required)
    print(f"Mosaic cluster check: nginx {args.nginx} → instance 1 {args.instance[0]}, instance 2 {args.instance[1]}", flush=True)
    started = time.monotonic()
    try:
        contributor = check_sessions(args, report, accounts)
        slug, delays = check_publication(args, report, accounts, contributor)
        if args.kill_pid:
            check_kill(args, report, accounts, contributor, slug, delays)
        else:
            report.pending.append("the SIGKILL test was not run (no --kill-pid)")
    except CheckFailed as failure:
        report.failures.append(str(failure))
        print(f"  FAIL     {failure} (the checks stop here)", flush=True)
    except Exception:  # an unexpected error is a failure too, with where it happened
        report.failures.append("unexpected error:\n" + traceback.format_exc())

    print(f"\nSummary ({time.monotonic() - started:.1f} s): {len(report.passed)} checks passed", flush=True)
    for text in report.measures:
        print(f"  - {text}")
    for text in report.pending:
        print(f"  - not checked yet: {text}")
    if report.failures:
        print("FAILED:" + "".join(f"\n  - {failure}" for failure in report.failures))
        return 1
    print("PASSED" + (" (with checks not made: see 'not checked yet')" if report.pending else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
