#!/usr/bin/env python3
"""Load and fault test (loopback only, bounded): replays the attacks of the hardening issue against a real
server, then runs a mixed read/write load while killing the server with SIGKILL and restarting it, and
checks that the database is intact and that every publication the server acknowledged is still there.

Usage: bench/fault.sh [SECONDS]   (builds the release binary, then runs this with it)"""
import http.client, json, os, re, resource, signal, socket, sqlite3, statistics, subprocess, sys, tempfile, threading, time, urllib.parse

BIN, SECONDS = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40
PORT = 18333
WORK = tempfile.mkdtemp(prefix="mosaic-fault-")
DB = os.path.join(WORK, "site.sqlite")
ENV = dict(os.environ, LOG_LEVEL="error", MOSAIC_SECRET="fault-test-secret")
results, failures = {}, []

def check(name, ok, detail=""):
    results[name] = "ok" if ok else f"FAILED {detail}"
    if not ok: failures.append(name)

def run(*args, stdin=None):
    return subprocess.run([BIN, *args, "--database", DB], input=stdin, capture_output=True, text=True, env=ENV)

def start():
    # A low file-descriptor limit, as on a small server: the connection limit must keep Mosaic answering.
    limit = lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
    process = subprocess.Popen([BIN, "serve", "--sample", "--database", DB, "--port", str(PORT), "--idle-timeout", "3",
                                "--max-connections", "200"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, preexec_fn=limit)
    for _ in range(150):
        try:
            if request("GET", "/healthz")[0] == 200: return process
        except OSError: pass
        time.sleep(0.1)
    raise SystemExit("the server did not start")

def request(method, path, body=None, headers=None, timeout=10):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()

class Browser:
    def __init__(self): self.cookies, self.csrf = {}, None
    def _keep(self, headers):
        for key, value in headers.items():
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
    def _cookie(self): return "; ".join(f"{k}={v}" for k, v in self.cookies.items())
    def get(self, path):
        status, headers, body = request("GET", path, headers={"Cookie": self._cookie()})
        self._keep(headers)
        found = re.search(rb'name="csrf" value="([^"]+)"', body)
        if found: self.csrf = found.group(1).decode()
        return status, headers, body
    def post(self, path, fields, raw=None):
        body = raw if raw is not None else urllib.parse.urlencode(fields + [("csrf", self.csrf or "")])
        status, headers, answer = request("POST", path, body=body, headers={
            "Cookie": self._cookie(), "Content-Type": "application/x-www-form-urlencoded"})
        self._keep(headers)
        return status, headers, answer
    def sign_in(self, email, password):
        self.get("/login")
        return self.post("/login", [("email", email), ("password", password)])

def rss(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(next(l for l in f if l.startswith("VmRSS")).split()[1]) // 1024

# Accounts, made as an administrator would.
run("users", "add", "--email", "ana@lisboa.example", "--name", "Ana", "--role", "contributor", "--city", "Lisbon", stdin="contributor pass 1\n")
run("users", "add", "--email", "ed@example.org", "--name", "Ed", "--role", "editor", stdin="editor pass 12\n")
server = start()

# 1. Open redirect after sign-in; the editor and the contributor sign in before the attack on the throttle.
editor = Browser()
editor.get("/login?next=/%09/evil.example")
status, headers, _ = editor.post("/login?next=/%09/evil.example", [("email", "ed@example.org"), ("password", "editor pass 12"), ("next", "/\t/evil.example")])
check("no open redirect", "evil" not in headers.get("Location", "") , headers.get("Location"))

ana = Browser()
ana.sign_in("ana@lisboa.example", "contributor pass 1")

# 1b. Timing: a known address with a wrong password and an unknown address answer alike.
def timed(email):
    b = Browser(); b.get("/login"); began = time.time(); b.post("/login", [("email", email), ("password", "wrong password")])
    return time.time() - began
known = [timed("ed@example.org") for _ in range(2)]
unknown = [timed("nobody@example.org") for _ in range(2)]
ratio = statistics.median(unknown) / statistics.median(known)
results["sign-in seconds, known vs unknown address"] = [round(statistics.median(known), 3), round(statistics.median(unknown), 3)]
check("no timing oracle", 0.7 < ratio < 1.4, f"unknown/known = {ratio:.2f}")

# 1c. 300 idle connections against a 256-descriptor limit: the site still answers once the idle ones are closed.
idle = []
for _ in range(300):
    try: idle.append(socket.create_connection(("127.0.0.1", PORT), timeout=2))
    except OSError: break
began = time.time()
try: answered = request("GET", "/healthz", timeout=15)[0] == 200
except OSError: answered = False
results["healthz behind 300 idle connections, seconds"] = round(time.time() - began, 2)
check("idle connections do not take the site down", answered and time.time() - began < 8, f"answered {answered} in {time.time() - began:.1f} s")
for s_ in idle: s_.close()

# 2. Parallel wrong passwords from one address: no more checked than the throttle allows.
statuses = []
def wrong():
    b = Browser(); statuses.append(b.sign_in("ed@example.org", "wrong password")[0])
threads = [threading.Thread(target=wrong) for _ in range(60)]
[t.start() for t in threads]; [t.join() for t in threads]
check("parallel sign-ins throttled", statuses.count(401) <= 5 and statuses.count(429) + statuses.count(503) >= 55,
      f"{statuses.count(401)} checked, {statuses.count(429)} waited, {statuses.count(503)} busy")
results["parallel sign-ins"] = {"checked": statuses.count(401), "waited": statuses.count(429), "busy": statuses.count(503)}

# 3. Slowloris: trickling connections are closed, and the site keeps answering meanwhile.
sockets = []
for _ in range(50):
    s = socket.create_connection(("127.0.0.1", PORT)); s.send(b"GET / HTTP/1.1\r\nX-A: "); sockets.append(s)
start_time = time.time(); answered = request("GET", "/healthz")[0] == 200
time.sleep(4)
closed = 0
for s in sockets:
    try:
        s.settimeout(0.5); s.send(b"a"); data = s.recv(10); closed += data == b""
    except OSError: closed += 1
    s.close()
check("slowloris connections closed", closed == 50 and answered, f"{closed} of 50 closed, healthz answered: {answered}")

# 4. A huge one-word title, and a form that is not UTF-8.
ana.get("/submit")
began = time.time()
status = ana.post("/submit", [("title", "a" * 200_000), ("cities", "Lisbon"), ("action", "save")])[0]
check("huge title refused quickly", status == 422 and time.time() - began < 2, f"{status} in {time.time() - began:.1f} s")
results["huge title seconds"] = round(time.time() - began, 3)
status = ana.post("/submit", None, raw=b"title=%ZZ&action=save&csrf=" + (ana.csrf or "").encode())[0]
check("malformed form refused", status == 400, status)

# 4b. A contributor's 4.9 MB Markdown template whose title is one 100,000-letter word.
markdown = b"## Title (required)\n\n" + b"a" * 100_000 + b"\n\n## Purpose\n\n" + b"Walks. " * 690_000
boundary = "faultboundary"
ana.get("/submit")
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{ana.csrf}\r\n--{boundary}\r\n"
        f"Content-Disposition: form-data; name=\"document\"; filename=\"t.md\"\r\nContent-Type: text/markdown\r\n\r\n").encode() \
       + markdown + f"\r\n--{boundary}--\r\n".encode()
began = time.time()
status = request("POST", "/upload", body=body, headers={"Cookie": ana._cookie(), "Content-Type": f"multipart/form-data; boundary={boundary}"}, timeout=60)[0]
results["5 MB Markdown upload with a 100,000-letter title"] = {"status": status, "seconds": round(time.time() - began, 3), "bytes": len(body)}
check("huge upload answered quickly", status in (413, 422) and time.time() - began < 5, f"{status} in {time.time() - began:.1f} s")

# 5. Anonymous 5 MB uploads: refused before the body is read; memory does not grow.
before = rss(server.pid)
def upload():
    try: request("POST", "/upload", body=b"x" * 5_000_000, headers={"Content-Type": "multipart/form-data; boundary=x"})
    except OSError: pass
threads = [threading.Thread(target=upload) for _ in range(32)]
[t.start() for t in threads]; [t.join() for t in threads]
after = rss(server.pid)
check("anonymous uploads cost no memory", after - before < 60, f"{before} -> {after} MB")
results["anonymous uploads, resident MB"] = [before, after]

# 6. Mixed load with kills: readers, a contributor submitting and an editor publishing; SIGKILL every few seconds.
acknowledged, errors, reads = [], [0], [0]
stop = threading.Event()
def reader():
    while not stop.is_set():
        try: request("GET", "/practices?q=welcome", timeout=5); reads[0] += 1
        except OSError: errors[0] += 1; time.sleep(0.05)
def writer():
    n = 0
    while not stop.is_set():
        n += 1
        title = f"Fault walk {n} {time.time_ns()}"
        try:
            ana.get("/submit")
            status, headers, body = ana.post("/submit", [("title", title), ("country", "PT"), ("cities", "Lisbon"), ("language", "en"),
                                                         ("purpose", "Neighbours walk together."), ("action", "submit")])
            found = re.search(rb'action="/submit/([0-9a-f-]+)"', body)
            if status != 200 or not found: continue
            draft = found.group(1).decode()
            editor.get(f"/review/{draft}")
            status, headers, _ = editor.post(f"/review/{draft}/publish", [("note", "")])
            if status == 303: acknowledged.append(title)
        except OSError:
            errors[0] += 1; time.sleep(0.1)
threads = [threading.Thread(target=reader) for _ in range(3)] + [threading.Thread(target=writer)]
[t.start() for t in threads]
kills, deadline = 0, time.time() + SECONDS
while time.time() < deadline:
    time.sleep(3)
    server.send_signal(signal.SIGKILL); server.wait(); kills += 1
    server = start()
stop.set(); [t.join() for t in threads]
server.send_signal(signal.SIGTERM); server.wait(timeout=20)

integrity = sqlite3.connect(DB).execute("PRAGMA integrity_check").fetchone()[0]
stored = {row[0] for row in sqlite3.connect(DB).execute("SELECT title FROM practices WHERE status = 'published'")}
lost = [t for t in acknowledged if t not in stored]
check("database intact", integrity == "ok", integrity)
check("no acknowledged publication lost", not lost, f"{len(lost)} lost")
server = start()
shown = sum(1 for t in acknowledged[:20] if json.loads(run("search", "--json", f'"{t}"').stdout or "{}").get("total", 0) >= 1)
server.send_signal(signal.SIGTERM); server.wait(timeout=20)
results["mixed load"] = {"seconds": SECONDS, "kills": kills, "reads": reads[0], "connection errors during kills": errors[0],
                         "publications acknowledged": len(acknowledged), "lost": len(lost), "integrity": integrity,
                         "acknowledged and found by search after a restart (of the first 20)": shown}
print(json.dumps(results, indent=1))
sys.exit(1 if failures else 0)
