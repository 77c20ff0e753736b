"""Writes Sources/MosaicStore/Resources/sample/practices.jsonl from the sample practices in this folder.

The practices are invented for Mosaic. Run: python3 scripts/make_sample.py
"""
import json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from sample_practices_part1 import P, SOURCE
import sample_practices_part2, sample_practices_part3, sample_practices_part4  # noqa: F401 (they add to P)

out = os.path.join(os.path.dirname(__file__), "..", "Sources", "MosaicStore", "Resources", "sample", "practices.jsonl")
with open(out, "w", encoding="utf-8") as f:
    for p in P:
        p = dict(p)
        p.setdefault("updated_at", p["created_at"])
        p["source"] = SOURCE
        f.write(json.dumps(p, ensure_ascii=False) + "\n")
print(f"{len(P)} practices written to {os.path.normpath(out)}")
