"""Run inside a Django process (python -m bench.submitter SECONDS THREADS OUT.json): many threads call
feedback.services.submit_response for SECONDS and write what each acknowledged. Used for PostgreSQL
throughput, the SQLite concurrency check and the fault runs.

BENCH_START_AT (epoch seconds, optional): wait until then before submitting, so several of these
processes started together measure the same window (bench.http_submitter.inprocess_run)."""

import json
import os
import sys
import threading
import time
import traceback
import uuid


def answer_for(question):
    from feedback import questions as q

    first = question.choices[0][0] if question.choices else None
    return {
        q.SHORT_TEXT: "Bench answer",
        q.LONG_TEXT: "A longer bench answer about the proposal.",
        q.EMAIL: "bench@example.org",
        q.DATE: "2026-01-01",
        q.POSTCODE: "NF1 2AB",
        q.NUMBER: question.min_value if question.min_value is not None else 1,
        q.RATING: question.min_value if question.min_value is not None else 1,
        q.MULTIPLE_CHOICE: [first] if first else [],
        q.GRID: {key: first for key, _label in question.statements},
    }.get(question.type, first)


def open_form_page():
    from consultations.models import ConsultationPage
    from consultations.status import is_open
    from feedback import questions as q

    for consultation in ConsultationPage.objects.live().filter(locale__language_code="en"):
        page = q.form_page_for(consultation)
        if page is not None and page.live and is_open(consultation):
            return page, consultation
    raise SystemExit("no open consultation with a live form in the demo")


def build_answers(consultation):
    from feedback import questions as q

    data = {}
    for question in q.questions_for(consultation, include_about_you=False, include_standard=False):
        if question.condition_key:
            continue
        value = answer_for(question)
        if value not in (None, [], {}):
            data[question.key] = value
    return data


def main():
    import django

    django.setup()
    from django.db import close_old_connections

    from feedback.services import submit_response

    seconds, threads, out = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    page, consultation = open_form_page()
    data = build_answers(consultation)
    acknowledged, errors, lock = [], [], threading.Lock()
    start_at = float(os.environ.get("BENCH_START_AT") or 0)
    late_start = max(0.0, time.time() - start_at) if start_at else 0.0
    while time.time() < start_at:
        time.sleep(0.005)
    cpu_start = time.process_time()
    deadline = time.monotonic() + seconds

    def worker():
        while time.monotonic() < deadline:
            key = uuid.uuid4().hex
            started = time.monotonic()
            try:
                response, _created = submit_response(page, dict(data), idempotency_key=key)
                with lock:
                    acknowledged.append({"key": key, "ref": response.reference, "s": time.monotonic() - started})
            except Exception as error:  # recorded and reconciled, never hidden
                with lock:
                    errors.append({"key": key, "error": f"{type(error).__name__}: {error}"[:300]})
                if len(errors) < 3:
                    traceback.print_exc()
                time.sleep(0.2)
            finally:
                close_old_connections()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    with open(out, "w") as handle:
        json.dump({"acknowledged": acknowledged, "errors": errors, "seconds": seconds, "form_page": page.pk, "consultation": consultation.pk,
                   "cpu": time.process_time() - cpu_start, "late_start": late_start}, handle)


def reconcile(result_path):
    """Django process: every acknowledged key in the database exactly once; nothing else saved."""
    import django

    django.setup()
    from django.db.models import Count

    from feedback.models import Response

    with open(result_path) as handle:
        result = json.load(handle)
    acked = {row["key"] for row in result["acknowledged"]}
    failed = {row["key"] for row in result["errors"]}
    rows = dict(
        Response.objects.filter(idempotency_key__in=acked | failed).values_list("idempotency_key").annotate(n=Count("id")).values_list("idempotency_key", "n")
    )
    print(json.dumps({
        "acknowledged": len(acked),
        "missing": len([k for k in acked if rows.get(k, 0) == 0]),
        "duplicated": len([k for k, n in rows.items() if n > 1]),
        "unacknowledged_saved": len([k for k in failed if rows.get(k, 0) > 0]),
    }))


if __name__ == "__main__":
    if sys.argv[1] == "reconcile":
        reconcile(sys.argv[2])
    else:
        main()
