#!/usr/bin/env python3
"""Validate an org3 output directory and print per-seed statistics.

usage: python3 validate.py /tmp/org3/seed1 [/tmp/org3/seed2 ...]
"""
import collections
import datetime as dt
import json
import os
import re
import statistics
import sys

KINDS = {"project", "upstream", "infrastructure", "flaky", "decoy"}
SECTION = re.compile(rb"section_(start|end):(\d+):([A-Za-z0-9_.-]+)(\[[^\]]*\])?\r\x1b\[0K")


def check(out):
    errs = []
    d = json.load(open(os.path.join(out, "organisation.json")))
    for k in ("generator", "seed", "nights", "projects", "causes", "jobs"):
        if k not in d:
            errs.append("missing key %s" % k)
    nights = d["nights"]
    if nights != sorted(nights) or nights[-1] != "2026-11-28":
        errs.append("nights not ascending or not ending 2026-11-28")
    for a, b in zip(nights, nights[1:]):
        if (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days != 1:
            errs.append("nights not consecutive at %s" % a)
    pids = {p["id"] for p in d["projects"]}
    causes = {c["id"]: c for c in d["causes"]}
    for c in d["causes"]:
        if c["kind"] not in KINDS:
            errs.append("cause %s has bad kind %s" % (c["id"], c["kind"]))
    last = 0
    per_cause = collections.Counter()
    order = {p["id"]: i for i, p in enumerate(sorted(d["projects"], key=lambda p: p["id"]))}
    prev_key = None
    seq = collections.defaultdict(list)
    nset = set(nights)
    for j in d["jobs"]:
        if j["id"] <= last:
            errs.append("job ids not strictly increasing at %d" % j["id"])
        last = j["id"]
        key = (j["night"], order.get(j["project"], -1))
        if prev_key and key < prev_key:
            errs.append("jobs not in (night, project) order at %d" % j["id"])
        prev_key = key
        if j["project"] not in pids:
            errs.append("job %d unknown project" % j["id"])
        if j["night"] not in nset:
            errs.append("job %d night not in nights" % j["id"])
        if j["status"] not in ("failed", "success"):
            errs.append("job %d bad status" % j["id"])
        if j["status"] == "failed":
            if not j.get("cause") or j["cause"] not in causes:
                errs.append("failed job %d without known cause" % j["id"])
            if not j.get("trace"):
                errs.append("failed job %d without trace" % j["id"])
            if not j.get("failure_reason"):
                errs.append("failed job %d without failure_reason" % j["id"])
            per_cause[j["cause"]] += 1
        else:
            if j.get("cause") is not None:
                errs.append("passing job %d has a cause" % j["id"])
        if j.get("trace"):
            p = os.path.join(out, j["trace"])
            if not os.path.isfile(p):
                errs.append("trace missing for job %d" % j["id"])
        seq[(j["project"], j["name"])].append(j)
    # green-trace rule
    for k, js in seq.items():
        js.sort(key=lambda j: j["night"])
        for a, b in zip(js, js[1:]):
            if a["status"] == "success":
                want = b["status"] == "failed"
                if bool(a["trace"]) != want:
                    errs.append("green trace rule violated for job %d" % a["id"])
        if js[-1]["status"] == "success" and js[-1]["trace"]:
            errs.append("green trace on last night for job %d" % js[-1]["id"])
    for cid in causes:
        if per_cause[cid] < 1:
            errs.append("cause %s has no failures" % cid)
    # trace sanity: UTF-8, \n endings, ends with newline, section markers paired
    nbytes = 0
    lines_failed = []
    for j in d["jobs"]:
        if not j.get("trace"):
            continue
        raw = open(os.path.join(out, j["trace"]), "rb").read()
        nbytes += len(raw)
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            errs.append("trace %d not utf-8" % j["id"])
        if not raw.endswith(b"\n"):
            errs.append("trace %d does not end with newline" % j["id"])
        if b"\r\n" in raw and b"00O " not in raw[:200]:
            errs.append("trace %d has CRLF line ends" % j["id"])
        opened = []
        for m in SECTION.finditer(raw):
            if m.group(1) == b"start":
                opened.append(m.group(3))
            elif opened and opened[-1] == m.group(3):
                opened.pop()
            else:
                errs.append("trace %d: unbalanced section_end %s" % (j["id"], m.group(3).decode()))
                break
        if j["status"] == "success" and (b"Job succeeded" not in raw[-200:]):
            errs.append("green trace %d lacks 'Job succeeded'" % j["id"])
        if j["status"] == "failed":
            lines_failed.append(raw.count(b"\n"))
    return d, errs, per_cause, nbytes, lines_failed


def main():
    bad = 0
    for out in sys.argv[1:]:
        d, errs, per_cause, nbytes, lf = check(out)
        kinds = {c["id"]: c["kind"] for c in d["causes"]}
        failed = [j for j in d["jobs"] if j["status"] == "failed"]
        eco = collections.Counter(p["ecosystem"] for p in d["projects"])
        print("== %s (seed %s)" % (out, d["seed"]))
        print("projects: %d   ecosystems: %d   jobs: %d   failed: %d (%.1f%%)   traces: %d (%.1f MB)" % (
            len(d["projects"]), len(eco), len(d["jobs"]), len(failed), 100.0 * len(failed) / len(d["jobs"]),
            sum(1 for j in d["jobs"] if j["trace"]), nbytes / 1e6))
        ck = collections.Counter(kinds.values())
        print("causes by kind: " + ", ".join("%s=%d" % (k, ck.get(k, 0)) for k in sorted(KINDS)) + "   total=%d" % len(kinds))
        fk = collections.Counter()
        for c, n in per_cause.items():
            fk[kinds[c]] += n
        print("failures by cause kind: " + ", ".join("%s=%d" % (k, fk.get(k, 0)) for k in sorted(KINDS)))
        fr = collections.Counter(j["failure_reason"] for j in failed)
        print("failure_reason: " + ", ".join("%s=%d" % kv for kv in fr.most_common()))
        lf.sort()
        print("failed-trace lines: median %d, p10 %d, p90 %d, max %d, >=2000: %d" % (
            statistics.median(lf), lf[len(lf) // 10], lf[9 * len(lf) // 10], lf[-1], sum(1 for x in lf if x >= 2000)))
        if errs:
            bad += 1
            print("ERRORS (%d):" % len(errs))
            for e in errs[:30]:
                print("  " + e)
        else:
            print("OK: all checks passed")
        print()
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
