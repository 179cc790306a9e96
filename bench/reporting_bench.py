"""Reporting benchmark: 100,000 responses on PostgreSQL; dashboard, CSV and XLSX export.

`run()` (called by `make bench`) starts a private PostgreSQL on port 55499, then runs each
measurement in a fresh Python process pointed at it, so the peak memory printed for an export is
the whole process's (resource.getrusage ru_maxrss), not a guess. Goals (issue 5): dashboard under
1 s; each export of 100,000 responses under 15 s within 200 MB. Issue 19: a cross-tabulation page
(two questions, filtered by an answer) and reach against the local population, each under 1 s.
"""

import json
import os
import subprocess
import time
from pathlib import Path

from bench.steps import run_step

ROOT = Path(__file__).resolve().parent.parent
PGPORT = os.environ.get("REPORTING_BENCH_PGPORT", "55499")  # another port when two benches share a machine
PGDATA = os.environ.get("REPORTING_BENCH_PGDATA", "/tmp/pg-bench")
DATABASE_URL = f"postgres://postgres@127.0.0.1:{PGPORT}/have_your_say"
RESPONSES = int(os.environ.get("BENCH_RESPONSES", "100000"))
SLUG = "bench-urgent-care"
GOALS = {"dashboard": 1.0, "export_seconds": 15.0, "export_mb": 200.0, "crosstab": 1.0, "reach": 1.0}


def _env():
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": DATABASE_URL,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "VAR_DIR": "/tmp/hys-reporting-bench",
            "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def _child(step):
    return run_step("bench.reporting_bench", step, _env())


def _postgres(action):
    subprocess.run(  # noqa: S603, S607
        ["bash", ".ci/postgres.sh", action], cwd=ROOT, env={**os.environ, "PGPORT": PGPORT, "PGDATA": PGDATA}, check=True
    )


def run():
    _postgres("stop")  # a fresh cluster every time: no state left from an older schema
    _postgres("start")
    try:
        _measure()
    finally:
        _postgres("stop")


def _measure():
    os.makedirs("/tmp/hys-reporting-bench", exist_ok=True)
    started = time.perf_counter()
    setup = _child("setup")
    print(f"reporting: {setup['responses']:,} responses ready on PostgreSQL ({time.perf_counter() - started:.1f} s to prepare)")
    print(f"reporting: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (times below are wall-clock)")
    dash = _child("dashboard")
    print(
        f"reporting: dashboard render {dash['seconds']:.3f} s ({dash['cpu']:.3f} s CPU in Django) (goal < {GOALS['dashboard']:.0f} s), "
        f"{dash['queries']} queries  {'OK' if dash['seconds'] < GOALS['dashboard'] else 'SLOW'}"
    )
    tab = _child("crosstab")
    print(
        f"reporting: cross-tab page (support by age band, where used the service) {tab['seconds']:.3f} s "
        f"({tab['cpu']:.3f} s CPU in Django) (goal < {GOALS['crosstab']:.0f} s), {tab['queries']} queries; "
        f"multiple choice by channel {tab['multiple_seconds']:.3f} s  {'OK' if max(tab['seconds'], tab['multiple_seconds']) < GOALS['crosstab'] else 'SLOW'}"
    )
    reach = _child("reach")
    print(
        f"reporting: reach against the local population {reach['seconds']:.3f} s (goal < {GOALS['reach']:.0f} s), "
        f"{reach['queries']} queries, {reach['under']} groups named under-represented  {'OK' if reach['seconds'] < GOALS['reach'] else 'SLOW'}"
    )
    for kind in ("csv", "xlsx"):
        result = _child(kind)
        ok = result["seconds"] < GOALS["export_seconds"] and result["peak_mb"] < GOALS["export_mb"]
        print(
            f"reporting: {kind.upper()} export {result['seconds']:.1f} s ({result['cpu']:.1f} s CPU), {result['rows']:,} rows, {result['bytes'] / 1e6:.1f} MB file, "
            f"peak memory {result['peak_mb']:.0f} MB (whole process) "
            f"(goal < {GOALS['export_seconds']:.0f} s within {GOALS['export_mb']:.0f} MB)  {'OK' if ok else 'OVER'}"
        )


# --- Steps, each in its own process -------------------------------------------------------------


def _setup_django():
    import django

    django.setup()


def _consultation():
    from consultations.models import ConsultationPage

    return ConsultationPage.objects.get(slug=SLUG)


def _prepare():
    import datetime
    import random

    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone

    from wagtail.models import Locale

    call_command("migrate", verbosity=0, interactive=False)
    from wagtail.models import Page

    from consultations.models import ConsultationPage
    from feedback.models import Response
    from home.models import HomePage
    from tests.factories import about_you_section, add_form, make_consultation

    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(title="Benchmark home", slug="bench-home"))
    consultation = ConsultationPage.objects.filter(slug=SLUG).first() or make_consultation(
        home, title="Benchmark urgent care", slug=SLUG, opens=-90, closes=-1
    )
    add_form(consultation, about_you=about_you_section())
    have = Response.objects.filter(consultation=consultation).count()
    rng = random.Random(5)
    locales = list(Locale.objects.all())
    now = timezone.now()
    scale = ["strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "dont_know"]
    words = ["bus", "parking", "hours", "staff", "waiting", "closer", "travel", "cost", "children", "care", "night", "weekend"]
    batch = []
    for i in range(have, RESPONSES):
        answers = {
            "support": rng.choice(scale),
            "use_service": rng.choice(["yes", "no"]),
            "travel": rng.sample(["car", "bus", "walk", "taxi"], rng.randint(1, 3)),
            "reasons": " ".join(rng.choice(words) for _ in range(rng.randint(5, 40))),
            "priorities": {"parking": rng.choice(["very", "quite", "not"]), "hours": rng.choice(["very", "quite", "not"])},
            "rating": rng.randint(1, 5),
            "area": rng.choice(["north", "south", "east", "west"]),
            "about_age_band": rng.choice(["16_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus", "prefer_not_to_say"]),
            "about_sex": rng.choice(["female", "male", "prefer_not_to_say"]),
            "about_ethnicity": rng.choice(["white_british"] * 8 + ["asian_pakistani", "white_other", "black_african"]),
            "about_disability": rng.choice(["yes", "no", "no", "no", "prefer_not_to_say"]),
            "publication_consent": rng.choice(["full", "anonymous", "none"]),
        }
        batch.append(
            Response(
                reference=f"HYS-B{i:07d}",
                consultation=consultation,
                locale=locales[i % len(locales)],
                channel=rng.choice(["online", "online", "online", "embed", "paper", "phone"]),
                postcode_district=f"NF{rng.randint(1, 12)}",
                submitted_at=now - datetime.timedelta(days=1 + rng.random() * 88),
                answers=answers,
            )
        )
        if len(batch) == 5000:
            Response.objects.bulk_create(batch)
            batch = []
    if batch:
        Response.objects.bulk_create(batch)
    _code_themes(consultation)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"responses": Response.objects.filter(consultation=consultation).count()}


def _code_themes(consultation):
    """Code about a third of the free-text answers with one or two of six themes, as analysts do."""
    import random

    from feedback.models import Response
    from reporting.models import ResponseTheme, Theme

    if Theme.objects.filter(consultation=consultation).exists():
        return
    names = ["Transport", "Parking", "Opening hours", "Staff", "Cost", "Children and families"]
    themes = [Theme.objects.create(consultation=consultation, name=name) for name in names]
    rng = random.Random(55)
    codes = []
    for pk in Response.objects.filter(consultation=consultation).order_by("pk").values_list("pk", flat=True).iterator(chunk_size=5000):
        if rng.random() < 0.35:
            codes += [ResponseTheme(response_id=pk, question_key="reasons", theme=theme) for theme in rng.sample(themes, rng.randint(1, 2))]
        if len(codes) >= 5000:
            ResponseTheme.objects.bulk_create(codes)
            codes = []
    ResponseTheme.objects.bulk_create(codes)


def _superuser_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(username="bench-admin", defaults={"is_superuser": True, "is_staff": True})
    client = Client()
    client.force_login(user)
    return client


def _dashboard():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = _superuser_client()
    url = reverse("reporting:dashboard", args=[_consultation().pk])
    client.get(url)  # warm up
    times, cpu = [], []
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        assert response.status_code == 200
    return {"seconds": sorted(times)[1], "cpu": sorted(cpu)[1], "queries": len(queries.captured_queries)}


def _median(run, times=3):
    """Run `run` once to warm up, then `times` times; the median wall-clock and CPU seconds."""
    run()
    wall, cpu = [], []
    for _ in range(times):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = run()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return sorted(wall)[times // 2], sorted(cpu)[times // 2], result


def _crosstab():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from feedback.questions import questions_for
    from reporting import analysis, crosstabs

    client = _superuser_client()
    consultation = _consultation()
    url = reverse("reporting:crosstab", args=[consultation.pk])
    query = {"row": "support", "column": "about_age_band", "where": "use_service=yes"}
    with CaptureQueriesContext(connection) as queries:
        seconds, cpu, response = _median(lambda: client.get(url, query))
    assert response.status_code == 200 and b'data-testid="crosstab"' in response.content
    dimensions = crosstabs.dimensions(questions_for(consultation))
    travel, channel = crosstabs.find(dimensions, "travel"), crosstabs.find(dimensions, "@channel")
    multiple, _cpu, _tab = _median(lambda: crosstabs.crosstab(analysis.responses_for(consultation), channel, travel))
    return {"seconds": seconds, "cpu": cpu, "queries": len(queries.captured_queries) // 4, "multiple_seconds": multiple}


def _reach():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reporting import analysis, reach

    consultation = _consultation()
    with CaptureQueriesContext(connection) as queries:
        seconds, _cpu, result = _median(lambda: reach.reach(analysis.responses_for(consultation)))
    return {"seconds": seconds, "queries": len(queries.captured_queries) // 4, "under": len(result.under)}


def _export(kind):
    import resource

    from django.urls import reverse

    client = _superuser_client()
    url = reverse(f"reporting:export_{kind}", args=[_consultation().pk])
    started, cpu_started = time.perf_counter(), time.process_time()
    response = client.get(url)
    size, rows = 0, 0
    for chunk in response.streaming_content:
        size += len(chunk)
        if kind == "csv":
            rows += chunk.count(b"\n")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if kind == "xlsx":
        from feedback.models import Response

        rows = Response.objects.filter(consultation=_consultation()).count() + 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "cpu": cpu, "bytes": size, "rows": rows - 1, "peak_mb": peak}


def _step(step):
    _setup_django()
    result = {"setup": _prepare, "dashboard": _dashboard, "crosstab": _crosstab, "reach": _reach}.get(step)
    result = result() if result else _export(step)
    print(json.dumps(result))


if __name__ == "__main__":
    run()
