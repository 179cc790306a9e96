"""Campaign detection benchmark: 100,000 free-text answers, three campaign templates among them.

`run()` (called by `make bench`) prepares a SQLite database in one process, then runs
`reporting.campaigns.detect` (the background task's work: read the answers, find the clusters,
store them and the figures) in a fresh process, so the peak memory printed is that whole
process's (resource.getrusage ru_maxrss, Django included). Goal (issue 19): under 60 s within
500 MB. Precision and recall against the known templates are printed too.
"""

import json
import os
import time
from pathlib import Path

from bench.steps import run_step

ROOT = Path(__file__).resolve().parent.parent
WORK = Path("/tmp/hys-campaign-bench")
ANSWERS = int(os.environ.get("BENCH_CAMPAIGN_ANSWERS", "100000"))
GOALS = {"seconds": 60.0, "peak_mb": 500.0}
SLUG = "bench-campaigns"


def _env():
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "VAR_DIR": str(WORK),
            "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def _child(step):
    return run_step("bench.campaigns_bench", step, _env())


def run(figure=None):
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "bench.sqlite3").unlink(missing_ok=True)
    started = time.perf_counter()
    setup = _child("setup")
    print(f"campaigns: {setup['answers']:,} free-text answers ready ({time.perf_counter() - started:.0f} s to prepare)")
    result = _child("detect")
    ok = result["seconds"] < GOALS["seconds"] and result["peak_mb"] < GOALS["peak_mb"]
    print(
        f"campaigns: detection {result['seconds']:.1f} s ({result['cpu']:.1f} s CPU), {result['clusters']} clusters, "
        f"peak memory {result['peak_mb']:.0f} MB (whole process) (goal < {GOALS['seconds']:.0f} s within {GOALS['peak_mb']:.0f} MB)  "
        f"{'OK' if ok else 'OVER'}; precision {result['precision']:.3f}, recall {result['recall']:.3f} against the known templates"
    )
    if figure is not None:
        figure("campaign detection, 100,000 answers (s)", f"{result['seconds']:.1f} s", f"< {GOALS['seconds']:.0f} s", result["seconds"] < GOALS["seconds"])
        figure("campaign detection peak memory (MB)", f"{result['peak_mb']:.0f} MB", f"< {GOALS['peak_mb']:.0f} MB", result["peak_mb"] < GOALS["peak_mb"])
    return result


def _rows():
    from tests.reporting.campaign_data import seeded

    variants = ANSWERS // 33  # three templates, each about 3% of the answers (a tenth in all)
    return seeded(variants=variants, unique=ANSWERS - 3 * (variants + variants // 10) - 12, exact=variants // 10, seed=19)


def _prepare():
    from django.conf import settings
    from django.core.management import call_command

    from wagtail.models import Locale, Page

    call_command("migrate", verbosity=0, interactive=False)
    from feedback.models import Response
    from home.models import HomePage
    from tests.factories import add_form, make_consultation

    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    home = HomePage.objects.first() or Page.get_first_root_node().add_child(instance=HomePage(title="Benchmark home", slug="bench-home"))
    consultation = make_consultation(home, title="Benchmark campaigns", slug=SLUG, opens=-90, closes=-1)
    add_form(consultation)
    locale = Locale.get_default()
    batch = []
    for i, (_label, text) in enumerate(_rows()):
        batch.append(Response(reference=f"HYS-C{i:07d}", consultation=consultation, locale=locale, answers={"reasons": text}))
        if len(batch) == 5000:
            Response.objects.bulk_create(batch)
            batch = []
    Response.objects.bulk_create(batch)
    return {"answers": Response.objects.filter(consultation=consultation).count()}


def _detect():
    import resource

    from consultations.models import ConsultationPage
    from feedback.models import Response
    from reporting import campaigns
    from reporting.models import CampaignMember
    from tests.reporting.campaign_data import pairwise_precision_recall

    consultation = ConsultationPage.objects.get(slug=SLUG)
    started, cpu_started = time.perf_counter(), time.process_time()
    scan = campaigns.detect(consultation)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Quality on a sample: every answer of the clusters against the labels the set was made with.
    labels = dict(zip((f"HYS-C{i:07d}" for i in range(ANSWERS)), (label for label, _text in _rows()), strict=False))
    references = dict(Response.objects.filter(consultation=consultation).values_list("pk", "reference"))
    truth = {pk: labels.get(reference) for pk, reference in references.items()}
    found = {}
    for response_id, cluster_id in CampaignMember.objects.values_list("response_id", "cluster_id"):
        found.setdefault(cluster_id, []).append(response_id)
    precision, recall = _sampled(truth, list(found.values()), pairwise_precision_recall)
    return {"seconds": seconds, "cpu": cpu, "peak_mb": peak, "clusters": scan.clusters, "precision": precision, "recall": recall}


def _sampled(truth, found, measure, keep=3000):
    """Pairwise precision and recall on a random sample of the answers (pairs grow as n²)."""
    import random

    rng = random.Random(1)
    share = min(1.0, keep / max(1, len(truth)))
    chosen = {key for key in truth if rng.random() < share}
    return measure({key: truth[key] for key in chosen}, [[key for key in cluster if key in chosen] for cluster in found])


def _step(step):
    import django

    django.setup()
    print(json.dumps({"setup": _prepare, "detect": _detect}[step]()))


if __name__ == "__main__":
    run()
