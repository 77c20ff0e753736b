#!/usr/bin/env python3
"""The publisher of bench/cluster.sh: while wrk loads the cluster through nginx, an editor publishes one
practice a second through nginx, and for each publication the two instances are polled directly (every
20 ms, up to 5 s) to measure when each shows it.

  prepare  signs in a contributor and an editor through nginx, and has the contributor submit COUNT
           practices for review (before the load starts, so that the load measures publishing only);
           writes the sessions and the practices to STATE (JSON).
  publish  publishes the practices of STATE, one a second, each measured on both instances; prints a
           readable summary and writes the measurements to REPORT (JSON).

A practice is "lost" on an instance that never showed it within 5 s. Delays are counted from the
arrival of the publish answer (so the publishing instance shows it at about 0 ms).

Usage:
  cluster_publisher.py prepare --nginx URL --count N --state FILE
  cluster_publisher.py publish --nginx URL --instance URL1 --instance URL2 --state FILE --count N --report FILE
The accounts come from the environment (CONTRIBUTOR_EMAIL, ... as set by ci/cluster/start.sh).
Only the standard library; the HTTP helpers and flows are those of ci/cluster/check.py.
"""
import argparse
import json
import math
import os
import secrets
import statistics
import sys
import threading
import time

sys.dont_write_bytecode = True   # no __pycache__ left in ci/cluster by the import below
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ci", "cluster"))
from check import (REVIEW, CheckFailed, Visitor, csrf_of, milliseconds, poll_until_visible, practice_page,  # noqa: E402
                   publish, sign_in, slug_for, submit_practice)

POLL_SECONDS = 5.0
POLL_INTERVAL = 0.02


def account(role):
    defaults = {"contributor": ("ana@lisboa.example", "contributor pass 1"), "editor": ("ed@example.org", "editor pass 12")}
    return os.environ.get(f"{role.upper()}_EMAIL", defaults[role][0]), os.environ.get(f"{role.upper()}_PASSWORD", defaults[role][1])


def prepare(args):
    nginx = args.nginx.rstrip("/")
    contributor, editor = Visitor("contributor"), Visitor("editor")
    sign_in(contributor, nginx, *account("contributor"))
    landing = sign_in(editor, nginx, *account("editor"))
    if landing != REVIEW:
        raise CheckFailed(f"the editor account was sent to {landing}: is it an editor?")
    run = secrets.token_hex(3)
    drafts = []
    started = time.monotonic()
    for number in range(1, args.count + 1):
        title = f"Bench publication {run} {number:03d} harbour evenings"
        practice_id = submit_practice(contributor, nginx, title,
                                      "A practice submitted by bench/cluster.sh, published under load to measure convergence.",
                                      save_first=False)
        drafts.append({"id": practice_id, "title": title, "slug": slug_for(title)})
    state = {"editor_cookies": editor.cookies, "csrf": csrf_of(editor, nginx), "drafts": drafts}
    with open(args.state, "w", encoding="utf-8") as file:
        json.dump(state, file, indent=1)
    print(f"publisher: {len(drafts)} practices submitted for review in {time.monotonic() - started:.1f} s", flush=True)


def summary(values):
    seen = sorted(value for value in values if value is not None)
    if not seen:
        return "none seen"
    p90 = seen[math.ceil(0.9 * len(seen)) - 1]   # nearest rank
    return f"median {milliseconds(statistics.median(seen))}, p90 {milliseconds(p90)}, max {milliseconds(seen[-1])}"


def publish_all(args):
    nginx = args.nginx.rstrip("/")
    instances = [url.rstrip("/") for url in args.instance]
    with open(args.state, encoding="utf-8") as file:
        state = json.load(file)
    editor = Visitor("editor")
    editor.cookies = state["editor_cookies"]
    drafts = state["drafts"][:args.count]
    results = []      # one per publication: answer status and time, delay per instance
    pollers = []
    started = time.monotonic()
    for number, draft in enumerate(drafts):
        # One a second, on the second (a slow answer delays only the publication it belongs to).
        time.sleep(max(0.0, started + number * args.interval - time.monotonic()))
        result = {"id": draft["id"], "slug": draft["slug"], "at": round(time.monotonic() - started, 3),
                  "status": None, "answer_ms": None, "delays_ms": [None] * len(instances)}
        results.append(result)
        try:
            answer = publish(editor, nginx, draft["id"], csrf=state["csrf"])
        except OSError as error:
            result["status"] = f"{type(error).__name__}: {error}"
            continue
        answered = time.monotonic()
        result["status"], result["answer_ms"] = answer.status, round(answer.seconds * 1000, 1)
        if answer.status != 303 or "done=published" not in answer.location:
            continue

        def poll(result=result, slug=draft["slug"], answered=answered, index=0):
            delay = poll_until_visible(instances[index] + practice_page(slug), answered, answered + POLL_SECONDS, POLL_INTERVAL)
            result["delays_ms"][index] = None if delay is None else round(delay * 1000, 1)

        for index in range(len(instances)):
            thread = threading.Thread(target=poll, kwargs={"index": index}, daemon=True)
            thread.start()
            pollers.append(thread)
    for thread in pollers:
        thread.join()

    published = [r for r in results if r["status"] == 303]
    refused = [r for r in results if r["status"] != 303]
    lines = [f"== publisher: one publication every {args.interval:g} s through nginx, each polled on both instances "
             f"every {POLL_INTERVAL * 1000:.0f} ms for up to {POLL_SECONDS:g} s",
             f"  publications: {len(published)} made, {len(refused)} refused or failed"
             + (f" (first: {refused[0]['status']})" if refused else ""),
             f"  publish answer through nginx: {summary([r['answer_ms'] / 1000 for r in published])}"]
    lost_total = 0
    for index, url in enumerate(instances):
        delays = [r["delays_ms"][index] for r in published]
        lost = sum(1 for delay in delays if delay is None)
        lost_total += lost
        lines.append(f"  instance {index + 1} ({url}): seen {len(delays) - lost} of {len(delays)}, lost {lost}; "
                     f"delay after the publish answer: {summary([None if d is None else d / 1000 for d in delays])}")
    # The cluster's convergence: when the last of the instances shows it (the one that did not publish it).
    both = [None if None in r["delays_ms"] else max(r["delays_ms"]) / 1000 for r in published]
    lines.append(f"  both instances showing it: {sum(1 for d in both if d is not None)} of {len(both)}; "
                 f"delay until the last one does: {summary(both)}")
    print("\n".join(lines), flush=True)
    with open(args.report, "w", encoding="utf-8") as file:
        json.dump({"instances": instances, "publications": results}, file, indent=1)
    return 0 if published and not refused else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("prepare")
    p.add_argument("--nginx", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--state", required=True)
    p = commands.add_parser("publish")
    p.add_argument("--nginx", required=True)
    p.add_argument("--instance", action="append", required=True)
    p.add_argument("--state", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--interval", type=float, default=1.0)
    p.add_argument("--report", required=True)
    args = parser.parse_args()
    try:
        if args.command == "prepare":
            prepare(args)
            return 0
        return publish_all(args)
    except CheckFailed as failure:
        print(f"publisher failed: {failure}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
