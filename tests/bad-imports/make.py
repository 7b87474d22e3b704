#!/usr/bin/env python3
"""Writes the bad-import corpus: one file per way an import can go wrong.

Each file starts from ../fixtures/small-export.json (a valid export of two
cases) and breaks one thing. The message each must produce is in
expected.json, checked by tests/import_corpus.rs (library and command-line
tool) and tests/e2e/reliability.test.mjs (the browser). Run it again after
changing the base; it rewrites every file, and lists any in expected.json that
it no longer writes.

    python3 tests/bad-imports/make.py
"""
import copy
import json
import pathlib

HERE = pathlib.Path(__file__).parent
BASE = json.loads((HERE.parent / "fixtures" / "small-export.json").read_text("utf-8"))


def text(d):
    return json.dumps(d, indent=2, ensure_ascii=False)


def edited(change):
    d = copy.deepcopy(BASE)
    change(d)
    return text(d).encode("utf-8")


def a(d):
    return d["assessment"]


def case(d, i=0):
    return d["assessment"]["cases"][i]


def setter(get, key, value):
    def change(d):
        get(d)[key] = value
    return change


def deleter(get, key):
    def change(d):
        del get(d)[key]
    return change


GOOD = text(BASE).encode("utf-8")
MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)><b>bold</b>'


def markup_everywhere(d):
    """HTML and script in every text field the app shows; formulas in some."""
    x = a(d)
    x["force"] = "Force " + MARKUP
    x["assessors"] = ["Assessor " + MARKUP]
    for c in x["cases"]:
        c["reference"] = "REF " + MARKUP
        c["auditor"] = "Auditor " + MARKUP
        for an in c["answers"]:
            an["note"] = "Note " + MARKUP
        c["force_grade"]["reason"] = "Reason " + MARKUP
        if c.get("reviewer_grade"):
            c["reviewer_grade"]["reviewer"] = "Reviewer " + MARKUP
            c["reviewer_grade"]["note"] = "Reviewer note " + MARKUP
    # Text a spreadsheet would run as a formula, for the CSV export.
    x["cases"][0]["reference"] = '=HYPERLINK("http://evil.example","Open") ' + MARKUP
    x["cases"][1]["reference"] = "@SUM(A1) " + MARKUP
    x["cases"][0]["auditor"] = "+1 " + MARKUP
    x["cases"][1]["auditor"] = "-2 " + MARKUP
    rb = x["cases"][1]["refer_back"]
    rb["reason"] = "Refer-back " + MARKUP
    rb["owner"] = "Owner " + MARKUP
    for ac in x["actions"]:
        ac["text"] = "Action " + MARKUP
        ac["owner"] = "Action owner " + MARKUP
        ac["evidence"] = "Evidence " + MARKUP


def v4(d):
    """Format 4, on the second version of the framework."""
    d["version"] = 4
    a(d)["framework"]["version"] = "2.0.0"


def v6(d):
    """Format 6, on the second version of the framework."""
    v4(d)
    d["version"] = 6


def v5(d, pack=None):
    """Format 5, with a team of an auditor and a reviewer; as a work pack for
    `pack` if given, holding the cases allocated to that auditor."""
    v4(d)
    d["version"] = 5
    a(d)["team"] = [
        {"id": "member-1", "name": "DS Ash", "role": "auditor"},
        {"id": "member-2", "name": "Peer reviewer", "role": "reviewer"},
    ]
    for c in a(d)["cases"]:
        c["allocated_to"] = "member-1"
        c["versions"] = {"lead": 1}
    if pack:
        a(d)["pack"] = {"member": pack}


def nested(depth):
    return ('{"format": "cpsa-assessment", "version": 1, "assessment": '
            + "[" * depth + "]" * depth + "}").encode()


FILES = {
    # Not an export at all.
    "not-json.csv": b"force,cases\nCorpus Constabulary,2\n",
    "empty.json": b"",
    "only-whitespace.json": b"  \n\t\n",
    "text-not-json.json": b"Please find attached the audit.",
    "javascript.json": b"const assessment = { force: 'Corpus' };",
    "html-page.json": b"<!DOCTYPE html><html><body>Not found</body></html>",
    # Broken JSON.
    "truncated-middle.json": GOOD[: len(GOOD) // 2],
    "truncated-end.json": GOOD.rstrip()[:-1],
    "unquoted-key.json": GOOD.replace(b'"version": 1', b"version: 1", 1),
    "trailing-comma.json": GOOD.replace(b'"version": 1,', b'"version": 1,,', 1),
    "two-documents.json": GOOD + b"\n" + GOOD,
    "single-quotes.json": GOOD.replace(b'"Corpus Constabulary"', b"'Corpus Constabulary'", 1),
    # Encodings.
    "byte-order-mark-then-text.json": b"\xef\xbb\xbfnot an export",
    "utf16-with-bom.json": b"\xff\xfe" + GOOD.decode("utf-8").encode("utf-16-le"),
    "invalid-utf8.json": GOOD.replace(b"Corpus Constabulary", b"Corpus Constabul\xffry", 1),
    "latin1.json": GOOD.replace(b"Corpus Constabulary", "Corpus Constabulary \u00e9".encode("latin-1"), 1),
    # Some other JSON.
    "json-array.json": b"[]",
    "json-null.json": b"null",
    "json-string.json": b'"cpsa-assessment"',
    "other-json-object.json": b'{"name": "my-package", "version": "1.0.0"}',
    # Envelope.
    "unknown-format.json": edited(setter(lambda d: d, "format", "cpsa-action-plan")),
    "future-version.json": edited(setter(lambda d: d, "version", 9)),
    "version-zero.json": edited(setter(lambda d: d, "version", 0)),
    "version-as-text.json": edited(setter(lambda d: d, "version", "1")),
    "missing-version.json": edited(deleter(lambda d: d, "version")),
    "missing-assessment.json": edited(deleter(lambda d: d, "assessment")),
    "assessment-null.json": edited(setter(lambda d: d, "assessment", None)),
    "exported-at-not-a-time.json": edited(setter(lambda d: d, "exported_at", "yesterday")),
    # Wrong types and missing fields.
    "force-is-a-number.json": edited(setter(a, "force", 12)),
    "cases-is-an-object.json": edited(setter(a, "cases", {})),
    "answer-value-is-boolean.json": edited(lambda d: case(d)["answers"][0].update(value=True)),
    "planned-is-text.json": edited(lambda d: a(d)["sample_plan"][0].update(planned="five")),
    "missing-force.json": edited(deleter(a, "force")),
    "missing-case-type.json": edited(deleter(case, "case_type")),
    "missing-answer-value.json": edited(lambda d: case(d)["answers"][0].pop("value")),
    "unexpected-field.json": edited(setter(a, "colour", "blue")),
    "duplicate-key.json": GOOD.replace(b'"force": "Corpus Constabulary",',
                                       b'"force": "Corpus Constabulary",\n    "force": "Other",', 1),
    # A key given twice in an object read as a map: serde would keep the last.
    "duplicate-map-key.json": edited(lambda d: case(d).update(versions={"lead": 1}))
    .replace(b'"lead": 1', b'"lead": 1,\n          "lead": 2', 1),
    # Values the model does not have.
    "unknown-answer-value.json": edited(lambda d: case(d)["answers"][0].update(value="yes")),
    "unknown-case-grade.json": edited(lambda d: case(d)["force_grade"].update(grade="outstanding")),
    "unknown-timescale.json": edited(lambda d: a(d)["actions"][0].update(timescale="soon")),
    # Framework references.
    "unknown-framework.json": edited(lambda d: a(d)["framework"].update(id="ncpi-2030")),
    "unknown-framework-version.json": edited(lambda d: a(d)["framework"].update(version="9.9.9")),
    "unknown-case-type.json": edited(setter(case, "case_type", "burglary")),
    "unknown-case-type-in-plan.json": edited(lambda d: a(d)["sample_plan"][0].update(case_type="burglary")),
    "unknown-criterion.json": edited(lambda d: case(d)["answers"][0].update(criterion="ZZ99")),
    # Duplicates.
    "duplicate-case-id.json": edited(lambda d: case(d, 1).update(id=case(d, 0)["id"])),
    "duplicate-answer.json": edited(lambda d: case(d)["answers"].append(dict(case(d)["answers"][0]))),
    "duplicate-action-id.json": edited(lambda d: a(d)["actions"].append(dict(a(d)["actions"][0]))),
    "duplicate-case-type-in-plan.json": edited(lambda d: a(d)["sample_plan"].append(dict(a(d)["sample_plan"][0]))),
    # Numbers and dates.
    "planned-negative.json": edited(lambda d: a(d)["sample_plan"][0].update(planned=-1)),
    "planned-too-many.json": edited(lambda d: a(d)["sample_plan"][0].update(planned=100000)),
    "planned-fraction.json": edited(lambda d: a(d)["sample_plan"][0].update(planned=2.5)),
    "number-overflow.json": edited(lambda d: a(d)["sample_plan"][0].update(planned=10**30)),
    "impossible-date.json": edited(lambda d: case(d)["dates"].update(reported="2025-02-30")),
    "date-in-another-form.json": edited(lambda d: case(d)["dates"].update(reported="19/11/2025")),
    "period-reversed.json": edited(lambda d: a(d)["period"].update(start="2026-04-01", end="2025-04-01")),
    "baseline-too-many-cases.json": edited(lambda d: (d.update(version=3), a(d).update(baseline={
        "force": "Corpus Constabulary", "period": {"start": "2024-01-01", "end": "2024-12-31"},
        "framework": {"id": "child-journey", "version": "1.0.0"},
        "by_case_type": [{"case_type": "missing", "good": 4294967295, "requires_improvement": 1, "inadequate": 0}]}))),
    "not-met-share-zero.json": edited(lambda d: (d.update(version=3), a(d).update(action_plan={"not_met_percent": 0}))),
    # Size and shape.
    "deep-nesting.json": nested(5000),
    "long-reference.json": edited(setter(case, "reference", "R" * 301)),
    "long-note.json": edited(lambda d: case(d)["answers"][0].update(note="n" * 20001)),
    "long-copy-id.json": edited(setter(a, "copy_id", "c" * 301)),
    "empty-reference.json": edited(setter(case, "reference", "   ")),
    "empty-refer-back-owner.json": edited(lambda d: case(d, 1)["refer_back"].update(owner="")),
    # Format 4: conditions, the timeline, service standards, key notes.
    "unknown-condition.json": edited(lambda d: (v4(d), case(d).update(conditions=["flew-away"]))),
    "condition-not-asked-for-the-case-type.json": edited(
        lambda d: (v4(d), case(d).update(conditions=["began-with-call"]))),
    "condition-unanswered-but-not-applying.json": edited(lambda d: (v4(d), d.update(version=8), case(d).update(
        case_type="custody", answers=[], completed=False, conditions_unanswered=["began-with-call"]))),
    "answer-needs-a-condition.json": edited(lambda d: (v4(d), case(d).update(
        case_type="custody", answers=[{"criterion": "IC1", "value": "met", "note": "Graded prompt."}]))),
    "unknown-timeline-event.json": edited(lambda d: (v4(d), case(d).update(
        timeline=[{"event": "sunrise", "at": "2025-03-01T06:10"}]))),
    "timeline-time-impossible.json": edited(lambda d: (v4(d), case(d).update(
        timeline=[{"event": "reported", "at": "2025-03-01T25:10"}]))),
    "timeline-event-twice.json": edited(lambda d: (v4(d), case(d).update(timeline=[
        {"event": "reported", "at": "2025-03-01T10:00"}, {"event": "reported", "at": "2025-03-01T11:00"}]))),
    "service-standard-for-a-limit-in-law.json": edited(lambda d: (v4(d), a(d).update(
        service_standards=[{"interval": "police-protection", "minutes": 10000}]))),
    "service-standard-zero.json": edited(lambda d: (v4(d), a(d).update(
        service_standards=[{"interval": "attendance", "minutes": 0}]))),
    "unknown-constructed-figure.json": edited(lambda d: (v4(d), a(d).update(
        provenance={"constructed": ["feelings"], "note": ""}))),
    "complete-without-key-notes.json": edited(lambda d: (v4(d), case(d).update(completed=True, answers=[
        {"criterion": "IC7", "value": "met", "note": ""},
        {"criterion": "IC8", "value": "not-applicable", "note": " "}]))),
    # Damaged team files and work packs (format 5).
    "pack-for-someone-not-in-the-team.json": edited(lambda d: v5(d, pack="member-9")),
    "pack-holds-a-case-not-allocated-to-it.json": edited(lambda d: (v5(d, pack="member-1"), case(d, 1).pop("allocated_to"))),
    "pack-without-its-member.json": edited(lambda d: (v5(d), a(d).update(pack={"made_at": "2026-03-02T10:00:00Z"}))),
    "team-member-twice.json": edited(lambda d: (v5(d), a(d)["team"].append(
        {"id": "member-3", "name": "ds ash", "role": "auditor"}))),
    "team-member-id-twice.json": edited(lambda d: (v5(d), a(d)["team"][1].update(id="member-1"))),
    "team-role-unknown.json": edited(lambda d: (v5(d), a(d)["team"][0].update(role="inspector"))),
    "allocated-to-the-reviewer.json": edited(lambda d: (v5(d), case(d).update(allocated_to="member-2"))),
    "case-versions-not-counts.json": edited(lambda d: (v5(d), case(d).update(versions={"lead": "two"}))),
    "case-deleted-and-present.json": edited(lambda d: (v5(d), a(d).update(
        deleted=[{"case": case(d)["id"], "versions": {"lead": 2}}]))),
    # Format 6: force-level statements, recommendations, dip records.
    "unknown-statement.json": edited(lambda d: (v6(d), a(d).update(
        statements={"ZZ1": {"value": "met"}}))),
    "statement-value-unknown.json": edited(lambda d: (v6(d), a(d).update(
        statements={"ML1": {"value": "mostly"}}))),
    "evidence-without-what.json": edited(lambda d: (v6(d), a(d).update(
        statements={"ML1": {"value": "met", "evidence": [{"kind": "minutes", "what": " "}]}}))),
    "action-answers-a-missing-recommendation.json": edited(lambda d: (v6(d), a(d)["actions"][0].update(
        recommendations=["R9"]))),
    "recommendation-without-text.json": edited(lambda d: (v6(d), a(d).update(recommendations=[
        {"id": "R1", "kind": "recommendation", "text": "", "deadline": "immediately"}]))),
    "recommendation-deadline-unknown.json": edited(lambda d: (v6(d), a(d).update(recommendations=[
        {"id": "R1", "kind": "recommendation", "text": "Review supervision", "deadline": "soonish"}]))),
    "unknown-grade-before-review.json": edited(lambda d: (d.update(version=7), case(d).update(force_grade={
        "grade": "inadequate", "suggested": "inadequate", "reason": "",
        "after_review": True, "before_review": "outstanding"}))),
    # Accepted, with a warning: markup is kept as written and shown as text.
    "markup-in-every-text-field.json": edited(markup_everywhere),
}


def main():
    for name, content in FILES.items():
        (HERE / name).write_bytes(content)
    expected = json.loads((HERE / "expected.json").read_text("utf-8")) if (HERE / "expected.json").exists() else {}
    listed = set(expected.get("files", {}))
    for name in sorted(listed - set(FILES)):
        print(f"expected.json lists {name}, which this script no longer writes")
    for name in sorted(set(FILES) - listed):
        print(f"{name} needs its message in expected.json")


if __name__ == "__main__":
    main()
