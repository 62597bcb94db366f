#!/usr/bin/env python3
"""After a load run: waits (up to LOAD_DRAIN_SECONDS, default 30) for the inquiry log to settle,
prints its counters, and exits 1 when anything was lost or refused: rejected > 0 (with the
database's error codes), entries still pending in the spool, or accepted != written."""
import json
import os
import sys
import time
import urllib.request

base = os.environ["SHIEN_BASE_URL"]
deadline = time.time() + float(os.environ.get("LOAD_DRAIN_SECONDS", "30"))
while True:
    with urllib.request.urlopen(base + "/healthz", timeout=10) as r:
        log = json.load(r)["inquiry_log"]
    settled = log["pending_in_spool"] == 0 and log["accepted"] == log["written"] + log["rejected"]
    if settled or time.time() > deadline:
        break
    time.sleep(0.5)
print("inquiry log after the run:", json.dumps(log))
problems = []
if log["rejected"] > 0:
    codes = ", ".join(f"{code} ×{n}" for code, n in sorted(log.get("rejected_codes", {}).items()))
    problems.append(f"{log['rejected']} entries refused by the database (error codes: {codes or 'unknown'}); they are in the *.rejected.jsonl file")
if log["pending_in_spool"] > 0:
    problems.append(f"{log['pending_in_spool']} entries still pending in the spool")
if log["accepted"] != log["written"]:
    problems.append(f"accepted {log['accepted']} != written {log['written']}")
if problems:
    print("LOAD FAILED: " + "; ".join(problems))
    sys.exit(1)
print(f"LOAD OK: {log['accepted']} accepted, all written; none rejected or pending")
