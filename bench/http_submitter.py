"""Submissions through the real server: complete responses POSTed to the partner embed form.

Why the embed form: it is the cheapest honest public way in — one POST carries the whole response
(the public form spreads it over a session, one POST per step). The POST goes through everything
a person's does: middleware, the signed-token and same-origin checks, the rate limit (raised for
the bench with the FEEDBACK_RATE_LIMIT setting, never switched off in code), the honeypot,
`feedback.services.submit_response` and the receipt task enqueued on commit.

reCAPTCHA: the bench server has no reCAPTCHA keys, a supported configuration (honeypot + rate
limit only; `security.public_forms.recaptcha_status_message()` says so in the admin). With keys, each
response would also wait for Google's verdict, which cannot be measured offline.

Tokens: each POST needs a fresh signed token, which the embed page's GET hands out. For the
"POST" figure they are issued beforehand with `partners.embed.make_token`, the very function the
GET calls (the GET is a page read, measured by the read parts); the "GET + POST" figure fetches
every token from the page itself, as a browser does.

Run from bench/__main__.py (parts `http-submissions`, `mail-down`); the clients are separate
processes (multiprocessing) so the client side is not held back by one GIL.
"""

import json
import multiprocessing
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
REFERENCE_RE = re.compile(rb'data-testid="reference">(HYS-[A-Z0-9]+)<')
TOKEN_RE = re.compile(rb'name="embed_token" value="([^"]+)"')
RECEIPT_EMAIL = "bench-receipt@example.org"


# --- In a Django process --------------------------------------------------------------------------
def browser_fields(questions, answers):
    """The stored-shape answers as a browser posts them: grids per statement, dates in three boxes."""
    from feedback import questions as q

    by_key = {question.key: question for question in questions}
    fields = []
    for key, value in answers.items():
        question = by_key.get(key)
        if question is not None and question.type == q.GRID:
            fields += [(f"{key}__{statement}", answer) for statement, answer in value.items()]
        elif question is not None and question.type == q.DATE:
            year, month, day = str(value).split("-")
            fields += [(f"{key}-day", day), (f"{key}-month", month), (f"{key}-year", year)]
        elif isinstance(value, list):
            fields += [(key, str(item)) for item in value]
        else:
            fields.append((key, str(value)))
    return fields


def prepare(out_path, count):
    """Write the embed path, the form fields and `count` tokens for the clients."""
    import django

    django.setup()
    from bench.submitter import build_answers, open_form_page
    from feedback import questions as q
    from feedback import services
    from partners import embed

    form_page, consultation = open_form_page()
    source = services.source_page(consultation)
    fields = browser_fields(q.questions_for(consultation), build_answers(consultation))
    fields += [
        ("publication_consent", "anonymous"),
        ("wants_receipt", "on"),
        ("respondent_email", RECEIPT_EMAIL),
        ("hys_website", ""),  # the honeypot, left empty as a person leaves it
    ]
    tokens = [embed.make_token(None, source, form_page, "") for _ in range(count)]
    with open(out_path, "w") as handle:
        json.dump(
            {
                "path": embed.embed_path("consultation", consultation),
                "fields": fields,
                "tokens": tokens,
                "form_page": form_page.pk,
            },
            handle,
        )


def reconcile(result_path):
    """Every acknowledged submission saved exactly once with the reference the page showed; nothing
    unacknowledged saved. Keys come from the tokens, exactly as the embed view derives and
    `feedback.services.submit_response` stores them."""
    import django

    django.setup()
    from django.core import signing
    from django.db.models import Count, Max

    from wagtail.models import Page

    from feedback.models import Response
    from feedback.services import scoped_idempotency_key
    from partners import embed

    with open(result_path) as handle:
        result = json.load(handle)
    forms = {}

    def key_of(token):
        # As stored: the embed's key scoped to the form and the "embed" client (issue 15 stores
        # only that hash, so the raw key alone finds nothing).
        payload = signing.loads(token, salt=embed.TOKEN_SALT)
        if payload["f"] not in forms:
            forms[payload["f"]] = Page.objects.get(pk=payload["f"])
        return scoped_idempotency_key(forms[payload["f"]], embed.idempotency_key(payload), "embed")

    acked = {key_of(row["token"]): row["ref"] for row in result["acknowledged"]}
    failed = {key_of(row["token"]) for row in result["errors"] if row.get("token")}
    rows = {
        key: (n, ref)
        for key, n, ref in Response.objects.filter(idempotency_key__in=set(acked) | failed)
        .values("idempotency_key")
        .annotate(n=Count("id"), ref=Max("reference"))
        .values_list("idempotency_key", "n", "ref")
    }
    receipts = Response.objects.filter(idempotency_key__in=set(acked), wants_receipt=True).count()
    print(
        json.dumps(
            {
                "acknowledged": len(acked),
                "saved": sum(1 for key in acked if key in rows),
                "missing": sum(1 for key in acked if key not in rows),
                "duplicated": sum(1 for n, _ref in rows.values() if n > 1),
                "wrong_reference": sum(
                    1 for key, ref in acked.items() if key in rows and rows[key][1] != ref
                ),
                "unacknowledged_saved": sum(
                    1 for key in failed if key in rows and key not in acked
                ),
                "receipts_expected": receipts,
                "references": sorted(ref for ref in acked.values()),
            }
        )
    )


# --- Client processes (no Django) ----------------------------------------------------------------
def _client(index, processes, threads, plan, port, start_at, seconds, mode, out_path):
    tokens = plan["tokens"][index::processes]
    body_fields = [tuple(pair) for pair in plan["fields"]]
    path = plan["path"]
    origin = f"http://127.0.0.1:{port}"
    lock = threading.Lock()
    cursor = iter(tokens)
    acknowledged, errors, statuses, latencies = [], [], {}, []
    cpu_start = time.process_time()
    deadline = start_at + seconds

    def next_token():
        with lock:
            return next(cursor, None)

    def count(status):
        with lock:
            statuses[str(status)] = statuses.get(str(status), 0) + 1

    def worker():
        connection = HTTPConnection("127.0.0.1", port, timeout=30)
        while time.time() < deadline:
            started = time.monotonic()
            token = None
            try:
                if mode == "get+post":
                    connection.request("GET", path)
                    page = connection.getresponse()
                    html = page.read()
                    count(f"GET {page.status}")
                    match = TOKEN_RE.search(html)
                    if page.status != 200 or not match:
                        with lock:
                            errors.append({"token": None, "error": f"GET {page.status}"})
                        continue
                    token = match.group(1).decode()
                else:
                    token = next_token()
                    if token is None:
                        with lock:
                            errors.append({"token": None, "error": "bench ran out of tokens"})
                        return
                body = urllib.parse.urlencode([*body_fields, ("embed_token", token)])
                connection.request(
                    "POST",
                    path,
                    body=body,
                    headers={
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Origin": origin,
                        "Referer": origin + path,
                    },
                )
                reply = connection.getresponse()
                html = reply.read()
                count(reply.status)
                match = REFERENCE_RE.search(html)
                with lock:
                    if reply.status == 200 and match:
                        acknowledged.append({"token": token, "ref": match.group(1).decode()})
                        latencies.append(time.monotonic() - started)
                    else:
                        errors.append(
                            {"token": token, "error": f"POST {reply.status}: {html[:200]!r}"}
                        )
            except Exception as error:  # recorded and reconciled, never hidden
                count("error")
                with lock:
                    errors.append(
                        {"token": token, "error": f"{type(error).__name__}: {error}"[:300]}
                    )
                connection.close()
                connection = HTTPConnection("127.0.0.1", port, timeout=30)
                time.sleep(0.05)
        connection.close()

    while time.time() < start_at:
        time.sleep(0.005)
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    with open(out_path, "w") as handle:
        json.dump(
            {
                "acknowledged": acknowledged,
                "errors": errors,
                "statuses": statuses,
                "latencies": latencies,
                "cpu": time.process_time() - cpu_start,
            },
            handle,
        )


# --- CPU accounting -------------------------------------------------------------------------------
def tree_cpu(pid):
    """CPU seconds (user + system, including reaped children) of a process and its descendants."""
    try:
        import psutil
    except ImportError:
        return float("nan")
    total = 0.0
    try:
        root = psutil.Process(pid)
        for process in [root, *root.children(recursive=True)]:
            try:
                times = process.cpu_times()
                total += times.user + times.system + times.children_user + times.children_system
            except psutil.Error:
                pass
    except psutil.Error:
        return float("nan")
    return total


def postgres_pid(pgdata):
    try:
        return int(Path(pgdata, "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


# --- One measured run -----------------------------------------------------------------------------
def run(env, *, warmup=3.0, **kwargs):
    """`measure()` after an unmeasured warm-up of `warmup` seconds (each gunicorn worker loads its
    templates, translations and form definitions on its first requests); the warm-up's
    submissions are reconciled too and any trouble in them is reported."""
    if warmup:
        first = measure(
            env, **{**kwargs, "seconds": warmup, "name": kwargs["name"] + "-warmup", "tokens": None}
        )
        if first["5xx"] or first["missing"] or first["duplicated"] or first["unacknowledged_saved"]:
            raise RuntimeError(f"warm-up went wrong: {first}")
    return measure(env, **kwargs)


def measure(
    env,
    *,
    port,
    seconds,
    work,
    name,
    processes=3,
    threads=4,
    mode="post",
    server_pid=None,
    pgdata=None,
    tokens=None,
):
    """POST complete responses for `seconds` from `processes` client processes; reconcile.

    Returns a dict: rate, acknowledged, statuses, 5xx, reconcile figures, CPU seconds of the
    clients, the server (gunicorn tree) and PostgreSQL, and latency percentiles.
    """
    plan_path = Path(work) / f"{name}-plan.json"
    count = tokens or int(max(500, 400 * seconds))
    subprocess.run(
        [PY, "-m", "bench.http_submitter", "prepare", str(plan_path), str(count)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    plan = json.loads(plan_path.read_text())
    start_at = time.time() + 1.0
    outs = [Path(work) / f"{name}-client-{i}.json" for i in range(processes)]
    context = multiprocessing.get_context("spawn")
    clients = [
        context.Process(
            target=_client,
            args=(i, processes, threads, plan, port, start_at, seconds, mode, str(outs[i])),
        )
        for i in range(processes)
    ]
    for client in clients:
        client.start()
    while time.time() < start_at:
        time.sleep(0.005)
    pg = postgres_pid(pgdata) if pgdata else None
    server_cpu0 = tree_cpu(server_pid) if server_pid else float("nan")
    pg_cpu0 = tree_cpu(pg) if pg else float("nan")
    wall0 = time.monotonic()
    for client in clients:
        client.join(seconds + 120)
    wall = max(time.monotonic() - wall0, seconds)
    server_cpu = (tree_cpu(server_pid) if server_pid else float("nan")) - server_cpu0
    pg_cpu = (tree_cpu(pg) if pg else float("nan")) - pg_cpu0
    merged = {"acknowledged": [], "errors": [], "statuses": {}, "latencies": [], "cpu": 0.0}
    for out in outs:
        part = json.loads(out.read_text())
        merged["acknowledged"] += part["acknowledged"]
        merged["errors"] += part["errors"]
        merged["latencies"] += part["latencies"]
        merged["cpu"] += part["cpu"]
        for status, n in part["statuses"].items():
            merged["statuses"][status] = merged["statuses"].get(status, 0) + n
    result_path = Path(work) / f"{name}.json"
    result_path.write_text(json.dumps(merged))
    check = subprocess.run(
        [PY, "-m", "bench.http_submitter", "reconcile", str(result_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check.returncode:
        raise RuntimeError(f"reconcile failed: {check.stderr[-1500:]}")
    figures = json.loads(check.stdout.strip().splitlines()[-1])
    latencies = sorted(merged["latencies"])

    def pct(p):
        return (
            latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1000
            if latencies
            else float("nan")
        )

    five = sum(
        n
        for status, n in merged["statuses"].items()
        if status.split()[-1].isdigit() and int(status.split()[-1]) >= 500
    )
    acked = len(merged["acknowledged"])
    return {
        **figures,
        "rate": acked / seconds,
        "seconds": seconds,
        "wall": wall,
        "statuses": merged["statuses"],
        "errors": merged["errors"][:5],
        "error_count": len(merged["errors"]),
        "5xx": five,
        "client_cpu": merged["cpu"],
        "server_cpu": server_cpu,
        "pg_cpu": pg_cpu,
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
    }


# --- In-process submitter as several processes ----------------------------------------------------
def inprocess_run(env, *, seconds, work, name, processes=2, threads=4):
    """`python -m bench.submitter` as `processes` processes started together (one per core)."""
    start_at = time.time() + 8.0  # Django setup of every process happens before the window
    outs = [Path(work) / f"{name}-{i}.json" for i in range(processes)]
    penv = {**env, "BENCH_START_AT": str(start_at)}
    procs = [
        subprocess.Popen(
            [PY, "-m", "bench.submitter", str(seconds), str(threads), str(out)],
            cwd=ROOT,
            env=penv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for out in outs
    ]
    for proc in procs:
        proc.wait(seconds + 300)
    merged = {"acknowledged": [], "errors": [], "cpu": 0.0, "late_start": 0.0}
    for out in outs:
        part = json.loads(out.read_text())
        merged["acknowledged"] += part["acknowledged"]
        merged["errors"] += part["errors"]
        merged["cpu"] += part.get("cpu", float("nan"))
        merged["late_start"] = max(merged["late_start"], part.get("late_start", 0.0))
    result_path = Path(work) / f"{name}.json"
    result_path.write_text(json.dumps({**merged, "seconds": seconds}))
    check = subprocess.run(
        [PY, "-m", "bench.submitter", "reconcile", str(result_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return merged, json.loads(check.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        prepare(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "reconcile":
        reconcile(sys.argv[2])
