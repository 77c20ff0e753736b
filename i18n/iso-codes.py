#!/usr/bin/env python3
"""Regenerates the country and language names Mosaic shows in its interface languages, from Debian's
iso-codes package (its JSON lists and gettext translations): `apt-get install iso-codes`, then
`python3 i18n/iso-codes.py`. The output files record the package version they were made from.

English and French country names stay those of Sources/MosaicCore/Resources/countries.tsv (chosen by
us: "Russia", not "Russian Federation"); the other interface languages come from iso-codes, which has
no entry for Kosovo (XK): its names are given here."""
import gettext
import json
import os
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
LOCALES = os.path.join(ROOT, "Sources/MosaicWeb/Resources/locales")
RESOURCES = os.path.join(ROOT, "Sources/MosaicCore/Resources")
ISO = "/usr/share/iso-codes/json"
# gettext's names for the interface languages (Serbian is written in Latin script).
GETTEXT = {"sr": "sr@latin"}
KOSOVO = {"de": "Kosovo", "it": "Kosovo", "es": "Kosovo", "pt": "Kosovo", "el": "Κόσοβο", "eu": "Kosovo",
          "sr": "Kosovo", "sq": "Kosova", "fi": "Kosovo", "uk": "Косово", "tr": "Kosova"}

version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "iso-codes"], capture_output=True, text=True).stdout.strip()
if not version:
    sys.exit("iso-codes is not installed: apt-get install iso-codes")
languages = sorted(name[:-5] for name in os.listdir(LOCALES) if name.endswith(".json") and name[:-5] not in ("en", "fr"))


def translator(domain, language):
    return gettext.translation(domain, localedir="/usr/share/locale", languages=[GETTEXT.get(language, language)], fallback=True)


codes = [line.split("\t")[0] for line in open(os.path.join(RESOURCES, "countries.tsv"), encoding="utf-8") if not line.startswith("#")]
countries = {entry["alpha_2"]: entry for entry in json.load(open(os.path.join(ISO, "iso_3166-1.json")))["3166-1"]}
with open(os.path.join(RESOURCES, "country-names.tsv"), "w", encoding="utf-8") as out:
    out.write(f"# Country names by interface language, made by i18n/iso-codes.py from iso-codes {version}\n")
    out.write("# code\tlanguage\tname\n")
    for code in codes:
        entry = countries.get(code)
        for language in languages:
            if entry is None:
                name = KOSOVO[language] if code == "XK" else None
            else:
                t = translator("iso_3166-1", language)
                english = entry.get("common_name") or entry["name"]
                name = t.gettext(english)
                if name == english and "common_name" in entry:
                    name = t.gettext(entry["name"])
            if name:
                out.write(f"{code}\t{language}\t{name}\n")

# Language names: the languages practices are written in (ISO 639-1 codes that iso-codes knows).
tags = sorted({entry["alpha_2"] for entry in json.load(open(os.path.join(ISO, "iso_639-2.json")))["639-2"] if "alpha_2" in entry})
by_tag = {entry["alpha_2"]: entry for entry in json.load(open(os.path.join(ISO, "iso_639-2.json")))["639-2"] if "alpha_2" in entry}
with open(os.path.join(RESOURCES, "language-names.tsv"), "w", encoding="utf-8") as out:
    out.write(f"# Language names by interface language, made by i18n/iso-codes.py from iso-codes {version}\n")
    out.write("# tag\tlanguage\tname\n")
    for tag in tags:
        english = by_tag[tag]["name"].split(";")[0].strip()
        for language in ["en", "fr"] + languages:
            name = translator("iso_639-2", language).gettext(by_tag[tag]["name"]).split(";")[0].strip() if language != "en" else english
            out.write(f"{tag}\t{language}\t{name}\n")
print(f"wrote country-names.tsv and language-names.tsv for {', '.join(languages)} from iso-codes {version}")
