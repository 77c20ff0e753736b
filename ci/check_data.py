"""Checks of the data a running Mosaic offers, with tools other than its own: feedparser reads the
Atom feeds, Python's XML parser the sitemaps, csv the export, json the JSON Lines export."""
import csv
import io
import json
import os
import sys
import urllib.request
import xml.etree.ElementTree as ET

import feedparser

BASE = os.environ["BASE_URL"]


def get(path):
    with urllib.request.urlopen(BASE + path) as response:
        return response.headers, response.read().decode("utf-8")


def check(condition, message):
    if not condition:
        print("FAILED:", message)
        sys.exit(1)


for path, language in (("/practices.atom", "en"), ("/fr/practices.atom?topic=welcoming", "fr")):
    feed = feedparser.parse(BASE + path)
    check(not feed.bozo, f"{path}: not well-formed ({feed.get('bozo_exception')})")
    check(feed.version == "atom10", f"{path}: not Atom 1.0 but {feed.version}")
    check(0 < len(feed.entries) <= 50, f"{path}: {len(feed.entries)} entries")
    check(all(entry.id.startswith("tag:") and entry.link and entry.updated for entry in feed.entries), f"{path}: an entry lacks id, link or updated")
    check(feed.feed.get("language", language) == language, f"{path}: language {feed.feed.get('language')}")
print("feeds: Atom 1.0, read by feedparser")

_, index = get("/sitemap.xml")
namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
parts = [loc.text for loc in ET.fromstring(index).findall("s:sitemap/s:loc", namespace)]
check(parts, "the sitemap index lists no part")
urls = 0
for part in parts:
    with urllib.request.urlopen(part.replace("http://localhost", BASE)) as response:
        root = ET.fromstring(response.read())
    urls += len(root.findall("s:url", namespace))
check(urls > 0 and urls <= 50000 * len(parts), f"{urls} addresses in {len(parts)} parts")
_, robots = get("/robots.txt")
check("Sitemap: " in robots, "robots.txt names no sitemap")
print(f"sitemaps: {len(parts)} part(s), {urls} addresses")

_, health = get("/healthz")
count = json.loads(health)["practices"]
headers, text = get("/practices.csv")
rows = list(csv.reader(io.StringIO(text)))
check(len(rows) == count + 1, f"the CSV export has {len(rows) - 1} rows for {count} practices")
_, codebook = get("/data/codebook.json")
columns = [column["name"] for column in json.loads(codebook)["tableSchema"]["columns"]]
check(rows[0] == columns, "the codebook's columns are not the CSV's header")
_, lines = get("/practices.jsonl")
records = [json.loads(line) for line in lines.splitlines()]
check(len(records) == count and all("contact_email" not in record for record in records), "the JSON Lines export")
print(f"exports: {count} practices in CSV (columns as the codebook says) and JSON Lines")
