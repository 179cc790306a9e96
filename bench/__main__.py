"""`make bench`: production settings, gunicorn + WhiteNoise on a private PostgreSQL, loopback only.

Prints every figure beside its goal. Bounded in time (about 8 minutes); each part reports on its own
so one failure does not hide the others. Page speed is measured with wrk (bench/wrk.py) against a
stock Wagtail site in the same run (bench/stock_wagtail.py). Ports: PostgreSQL 55470, gunicorn
8108/8109/8111, nginx 8110, stock Wagtail 8112, Redis 56379, all on 127.0.0.1 (BENCH_PGPORT,
BENCH_PORT_BASE, BENCH_REDIS_PORT, BENCH_PGDATA and BENCH_DIR move them). Work files under
/tmp/hys-bench. One part only: `make bench BENCH=pages` (parts: pages, load, submissions, mail-down,
http-submissions, sqlite, faults, scale-out, reporting, campaigns, uploads, involvement; comma-separated).
"""

import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/hys-bench"))
# BENCH_PGPORT and BENCH_PORT_BASE move them when two benches share a machine (five HTTP ports
# from the base: our site, a second server, nginx, our site uncached, the stock Wagtail site).
PGPORT = int(os.environ.get("BENCH_PGPORT", "55470"))
_BASE = int(os.environ.get("BENCH_PORT_BASE", "8108"))
APP_PORT, APP2_PORT, NGINX_PORT = _BASE, _BASE + 1, _BASE + 2
BARE_PORT, STOCK_PORT = _BASE + 3, _BASE + 4  # page speed: our site with every cache off; the stock Wagtail site
REDIS_PORT = int(os.environ.get("BENCH_REDIS_PORT", "56379"))
PGDATA = os.environ.get("BENCH_PGDATA", "/tmp/pg-bench-load")
SECONDS = float(os.environ.get("BENCH_SECONDS", "1"))  # scale every duration (0.2 for a smoke run)
RESULTS = []


def say(text):
    print(text, flush=True)


def figure(name, value, goal, ok):
    mark = "ok " if ok else "BELOW GOAL" if ok is False else "   "
    RESULTS.append((name, value, goal, mark))
    say(f"  {name:<58} {value:>18}   goal: {goal:<22} {mark}")


def env_for(var_dir, **extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=SECRET_KEY,
        VAR_DIR=str(var_dir),
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{PGPORT}/have_your_say",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT="2599",
        PAGE_CACHE_SECONDS="300",
        LOG_LEVEL="ERROR",
    )
    env.update(extra)
    return env


SECRET_KEY = secrets.token_urlsafe(64)


def manage(env, *args, timeout=600, check=True):
    result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return result.stdout


def postgres(action):
    subprocess.run(["bash", ".ci/postgres.sh", action], cwd=ROOT, env={**os.environ, "PGPORT": str(PGPORT), "PGDATA": PGDATA}, check=False, capture_output=True)


def pg_ctl(action):
    pgbin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    cmd = [str(pgbin / "pg_ctl"), "-D", PGDATA, "-w", "-m", "fast", action]
    if action in ("start", "restart"):
        cmd += ["-l", f"{PGDATA}/server.log", "-o", f"-p {PGPORT} -k {PGDATA} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300"]
    if os.getuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    subprocess.run(cmd, check=False, capture_output=True)


GUNICORN_WORKERS, GUNICORN_THREADS = 3, 4  # the stock Wagtail baseline is served the same way


def gunicorn(env, port, workers=GUNICORN_WORKERS, *, command=None, cwd=ROOT, ready_path="/healthz"):
    command = command or [
        PY, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers), "-k", "gthread",
        "--threads", str(GUNICORN_THREADS), "--timeout", "60", "--log-level", "error",
    ]
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=open(WORK / f"gunicorn-{port}.log", "a"), start_new_session=True,  # noqa: SIM115 (lives as long as the server)
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{ready_path}", timeout=2)
            return process
        except Exception:
            time.sleep(0.2)
    stop(process)
    raise RuntimeError(f"gunicorn on {port} did not come up")


def stop(process):
    if process and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def fetch(url, timeout=10):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def hammer(urls, seconds, concurrency):
    """GET the urls round-robin from `concurrency` threads; statuses and latencies."""
    deadline = time.monotonic() + seconds
    latencies, statuses, lock = [], {}, threading.Lock()

    def worker(offset):
        index = offset
        local_lat, local_status = [], {}
        while time.monotonic() < deadline:
            url = urls[index % len(urls)]
            index += 1
            started = time.monotonic()
            try:
                status, _body, _headers = fetch(url)
            except Exception:
                status = "error"
            local_lat.append(time.monotonic() - started)
            local_status[status] = local_status.get(status, 0) + 1
        with lock:
            latencies.extend(local_lat)
            for key, value in local_status.items():
                statuses[key] = statuses.get(key, 0) + value

    started = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(worker, range(concurrency)))
    elapsed = time.monotonic() - started
    return {"rps": sum(statuses.values()) / elapsed, "latencies": sorted(latencies), "statuses": statuses}


def pct(values, p):
    return values[min(len(values) - 1, int(len(values) * p / 100))] * 1000 if values else float("nan")


def submit_run(env, seconds, threads, name):
    out = WORK / f"{name}.json"
    subprocess.run([PY, "-m", "bench.submitter", str(seconds), str(threads), str(out)], cwd=ROOT, env=env, timeout=seconds + 300, capture_output=True, text=True)
    result = json.loads(out.read_text())
    check = subprocess.run([PY, "-m", "bench.submitter", "reconcile", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    return result, json.loads(check.stdout.strip().splitlines()[-1])


def setup():
    say(f"== setting up: PostgreSQL on 127.0.0.1:{PGPORT}, migrate, demo content, collectstatic")
    if os.environ.get("BENCH_KEEP"):  # reuse the cluster and content of the previous run
        WORK.mkdir(parents=True, exist_ok=True)
        pg_ctl("start")
        return env_for(WORK / "var")
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True, exist_ok=True)
    postgres("stop")
    postgres("start")
    env = env_for(WORK / "var")
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput")
    return env


def page_urls(env):
    script = (
        "import django;django.setup()\n"
        "from consultations.models import ConsultationPage\n"
        "from wagtail.models import Page\n"
        "p=ConsultationPage.objects.live().filter(locale__language_code='en').order_by('pk').first()\n"
        "print(p.url)\n"
        "print(' '.join(x.url for x in Page.objects.live().filter(depth__gte=2).specific()[:40] if x.url))\n"
    )
    out = subprocess.run([PY, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.splitlines()
    return out[0], out[1].split()


def load_average():
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


def cache_header(headers):
    """The page cache's verdict on a response, whichever cache produced it."""
    for name in ("X-Page-Cache", "X-Wagtail-Cache", "X-Cache"):
        if name in headers:
            return f"{name}: {headers[name]}"
    return "no cache header"


def start_stock_wagtail():
    """The stock `wagtail start` site under gunicorn with our settings, or None (and why)."""
    from bench import stock_wagtail

    admin_url = f"postgres://postgres@127.0.0.1:{PGPORT}/have_your_say"
    site, python, senv = stock_wagtail.prepare(f"postgres://postgres@127.0.0.1:{PGPORT}/stock_wagtail", admin_url, SECRET_KEY, say=say)
    command = stock_wagtail.gunicorn_command(python, STOCK_PORT, GUNICORN_WORKERS, GUNICORN_THREADS)
    return gunicorn(senv, STOCK_PORT, command=command, cwd=site, ready_path="/")


def pages(env):
    """Page speed with wrk: our consultation page three ways, a static file of the same size from
    the same server, and a stock Wagtail page, in interleaved short rounds so a change in the
    machine's load touches every figure alike."""
    from bench import wrk

    seconds = max(1, round(5 * SECONDS))
    rounds, connections = 5, 8
    say(f"\n== (4) page speed with wrk (-t1 -c{connections} -d{seconds}s x {rounds} rounds per target), gunicorn"
        f" {GUNICORN_WORKERS} workers x {GUNICORN_THREADS} threads on PostgreSQL, production settings")
    say(f"  load average (1/5/15 min) before: {load_average()} on {os.cpu_count()} CPUs (wrk and the servers share them)")
    load_at_start = f"{os.getloadavg()[0]:.1f}"
    wrk.ensure_wrk(say)
    consultation_path, urls = page_urls(env)
    fragments_env = {**env, "PAGE_CACHE_SECONDS": "0"}
    bare_env = {**env, "PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"}
    servers = []
    try:
        servers.append(gunicorn(bare_env, BARE_PORT))
        status, body, _ = fetch(f"http://127.0.0.1:{BARE_PORT}{consultation_path}")
        if status != 200:
            raise RuntimeError(f"{consultation_path} answered {status}")
        # That view queued the drawing of its paper questionnaire (feedback.paper): draw it as
        # production's worker would, so every page measured links the PDFs with their size.
        manage(env, "db_worker", "--batch", "--interval", "0")
        static_dir = WORK / "var" / "static" / "bench"
        static_dir.mkdir(parents=True, exist_ok=True)
        (static_dir / "same-size.html").write_bytes(b"x" * len(body))  # before the server starts: WhiteNoise scans at start
        servers.append(gunicorn(env, APP_PORT))
        servers.append(gunicorn(fragments_env, APP2_PORT))
        cached_base = f"http://127.0.0.1:{APP_PORT}"
        targets = {
            "static": cached_base + "/static/bench/same-size.html",
            "cached": cached_base + consultation_path,
            "fragments": f"http://127.0.0.1:{APP2_PORT}{consultation_path}",
            "uncached": f"http://127.0.0.1:{BARE_PORT}{consultation_path}",
        }
        try:
            servers.append(start_stock_wagtail())
            targets["stock"] = f"http://127.0.0.1:{STOCK_PORT}/"
        except Exception as error:
            say(f"  !! stock Wagtail baseline not available: {type(error).__name__}: {str(error)[:400]}")
        verdicts = [cache_header(fetch(targets["cached"])[2]) for _ in range(4 * GUNICORN_WORKERS)]
        say(f"  page cache, {len(verdicts)} GETs (each worker process has its own local cache): "
            + ", ".join(f"{verdicts.count(v)} x {v}" for v in sorted(set(verdicts))))
        # Warm every worker of every server, not just the one a single GET reaches: a worker's
        # first page view loads templates, opens its database connections and fills its own
        # in-memory caches, which took 1-13 s each on the loaded machine. A single warming GET
        # left two of our three workers cold, and their first views (~50 requests in all for the
        # uncached page) were counted: that, not the code, was most of the 0.3% "regression".
        for url in targets.values():
            wrk.run(url, seconds=max(2, seconds // 2), connections=connections)  # not counted
        totals = {name: {"requests": 0, "seconds": 0.0, "failures": 0, "latency": [], "rps": []} for name in targets}
        waited = 0.0
        for _ in range(rounds):
            for name, url in targets.items():
                waited += wrk.wait_until_quiet()
                run = wrk.run(url, seconds=seconds, connections=connections)
                total = totals[name]
                total["requests"] += run["requests"]
                total["seconds"] += seconds
                total["failures"] += run["non_2xx"] + run["socket_errors"]
                total["latency"].append(run["latency_ms"])
                total["rps"].append(run["requests"] / seconds)
        rps = {name: total["requests"] / total["seconds"] for name, total in totals.items()}
        # Each ratio is the median over the rounds of (target / the static file in the same round):
        # on this shared machine the static file's own rate moved by more than 2x between runs, and
        # a ratio of two sums lets one slow round of either side decide it.
        ratio = {
            name: statistics.median(a / b for a, b in zip(total["rps"], totals["static"]["rps"], strict=True) if b)
            for name, total in totals.items()
        }
        stock_size = len(fetch(targets["stock"])[1]) if "stock" in targets else 0
        say(f"  consultation page {len(body):,} bytes; stock Wagtail home page {stock_size:,} bytes;"
            f" {waited:.0f} s in all spent waiting for the CPUs to go quiet before each run")
        for name, total in totals.items():
            latency = sum(total["latency"]) / len(total["latency"])
            rounds_text = " / ".join(f"{value:.0f}" for value in total["rps"])
            say(f"  {name:<10} {rps[name]:>8.0f} req/s (rounds: {rounds_text})   mean latency {latency:6.1f} ms   failures {total['failures']}")
        # Beside the ratios in the summary: on a shared machine they mean little without it.
        figure("load average (1 min) before the servers / after the rounds", f"{load_at_start} / {os.getloadavg()[0]:.1f}", "(measured)", None)
        figure("consultation page, page cache on / static file (wrk)", f"{ratio['cached']:.0%}", ">= 95%", ratio["cached"] >= 0.95)
        figure("page cache off, fragments on / static file (wrk)", f"{ratio['fragments']:.0%}", ">= 25%", ratio["fragments"] >= 0.25)
        figure("everything uncached / static file (wrk)", f"{ratio['uncached']:.1%} ({rps['uncached']:.0f}/s)", ">= 5%", ratio["uncached"] >= 0.05)
        if "stock" in rps:
            figure("stock Wagtail home page, requests/s (baseline)", f"{rps['stock']:.0f}", "(baseline)", None)
            figure("our uncached consultation page / stock Wagtail page", f"{rps['uncached'] / rps['stock']:.0%}", "(measured)", None)
        failures = sum(total["failures"] for total in totals.values())
        figure("wrk: non-2xx answers and socket errors", str(failures), "0", failures == 0)
    finally:
        for server in reversed(servers):
            stop(server)
        say(f"  load average (1/5/15 min) after: {load_average()}")
    query_counts(env, [consultation_path, *urls])
    return consultation_path


QUERY_COUNTS = ROOT / "bench" / "query_counts.json"


def query_counts(env, paths):
    """Database queries per public page, steady state (second GET), with fragments on and with
    everything uncached; each compared with bench/query_counts.json.

    The reference is the code from before the redesign (commit 5e29170) serving the demo content
    of today's `load_demo`: counts depend on content as much as on code (the Welsh pages gained
    1-4 queries when the demo's Eastbrook consultation was published in Welsh, under the old code
    as under the new). When the demo changes, record it again from that commit's checkout against
    a database loaded by today's demo (BENCH_RECORD_QUERIES=1 records whatever code runs)."""
    say("\n== (4q) database queries per public page (second GET, page cache off), against bench/query_counts.json")
    script = (
        "import django,json,sys;django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client=Client(HTTP_HOST='127.0.0.1')\n"
        "out={}\n"
        "for path in json.loads(sys.argv[1]):\n"
        "    client.get(path)\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        status=client.get(path).status_code\n"
        "    out[path]=[status,len(queries)]\n"
        "print(json.dumps(out))\n"
    )
    paths = list(dict.fromkeys(paths))
    measured = {}
    for mode, extra in (("fragments", {"PAGE_CACHE_SECONDS": "0"}), ("uncached", {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"})):
        out = subprocess.run([PY, "-c", script, json.dumps(paths)], cwd=ROOT, env={**env, **extra}, capture_output=True, text=True, timeout=600)
        if out.returncode:
            raise RuntimeError(f"query count failed:\n{out.stderr[-1500:]}")
        measured[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    record = os.environ.get("BENCH_RECORD_QUERIES") or not QUERY_COUNTS.exists()
    baseline = {} if record else json.loads(QUERY_COUNTS.read_text())
    rose, errors = [], []
    say(f"  {'page':<62} {'fragments on':>14} {'uncached':>14}")
    for path in paths:
        cells = []
        for mode in ("fragments", "uncached"):
            status, count = measured[mode][path]
            before = baseline.get(mode, {}).get(path)
            if status >= 500:
                errors.append(f"{path} {status}")
            if before is not None and count > before:
                rose.append(f"{path} ({mode}: {before} -> {count})")
            cells.append(f"{count}" + (f" (was {before})" if before is not None and before != count else "") + ("" if status == 200 else f" [{status}]"))
        say(f"  {path[:62]:<62} {cells[0]:>14} {cells[1]:>14}")
    if record:
        QUERY_COUNTS.write_text(json.dumps({mode: {p: c for p, (_s, c) in rows.items()} for mode, rows in measured.items()}, indent=1, sort_keys=True) + "\n")
        say(f"  recorded these counts as the reference in {QUERY_COUNTS.relative_to(ROOT)}")
    compared = sum(1 for path in paths if path in baseline.get("fragments", {}))
    figure("public pages whose query count rose (vs query_counts.json)", f"{len(rose)} of {compared}", "0 (unchanged or lower)", not rose if compared else None)
    for line in rose[:10]:
        say(f"  rose: {line}")
    figure("public pages answering 5xx while counting", str(len(errors)), "0", not errors)


def load_test(env, consultation_path):
    say("\n== (1) load: 200 simulated respondents reading, submissions alongside, 60 s, gunicorn + PostgreSQL")
    server = gunicorn(env, APP_PORT)
    try:
        _, urls = page_urls(env)
        base = f"http://127.0.0.1:{APP_PORT}"
        targets = [base + u for u in urls] + [base + consultation_path] * 5
        seconds = 60 * SECONDS
        box = {}
        submit_thread = threading.Thread(target=lambda: box.update(zip(("result", "check"), submit_run(env, seconds, 8, "load-submissions"), strict=True)))
        submit_thread.start()
        reads = hammer(targets, seconds, 200)
        submit_thread.join()
        lat = reads["latencies"]
        five = sum(n for s, n in reads["statuses"].items() if isinstance(s, int) and s >= 500)
        figure("read requests per second (200 concurrent)", f"{reads['rps']:.0f}", "(measured)", None)
        figure("read latency p50 / p95 / p99 (ms)", f"{pct(lat, 50):.0f}/{pct(lat, 95):.0f}/{pct(lat, 99):.0f}", "(measured)", None)
        figure("5xx responses during the load test", str(five), "0", five == 0)
        timeouts = reads["statuses"].get("error", 0)
        figure("client timeouts (10 s) or refused connections", str(timeouts), "0", timeouts == 0)
        check = box.get("check", {})
        result = box.get("result", {"acknowledged": [], "errors": []})
        figure("submissions acknowledged during the load test", str(check.get("acknowledged")), "(measured)", None)
        figure("acknowledged but missing from the database", str(check.get("missing")), "0", check.get("missing") == 0)
        figure("saved more than once", str(check.get("duplicated")), "0", check.get("duplicated") == 0)
        figure("unacknowledged but saved (half-saved)", str(check.get("unacknowledged_saved")), "0", check.get("unacknowledged_saved") == 0)
        figure("submissions per second alongside the readers", f"{len(result['acknowledged']) / seconds:.0f}", "(measured)", None)
    finally:
        stop(server)


def submissions(env):
    from bench import http_submitter

    say("\n== (4a) submissions per second on PostgreSQL, IN-PROCESS (submit_response called directly, no HTTP): 2 processes x 4 threads")
    seconds = 15 * SECONDS
    result, check = http_submitter.inprocess_run(env, seconds=seconds, work=WORK, name="pg-submissions", processes=2, threads=4)
    rate = len(result["acknowledged"]) / seconds
    acked = max(len(result["acknowledged"]), 1)
    say(f"  {len(result['acknowledged'])} in {seconds:.0f} s; submitter CPU {result['cpu']:.1f} s = {result['cpu'] / acked * 1000:.1f} ms per submission"
        f" (Python side only; PostgreSQL not counted); latest process start {result['late_start']:.1f} s after the window opened")
    figure("in-process submissions per second (2 processes, no HTTP)", f"{rate:.0f}", "(measured)", None)
    figure("errors / missing / duplicated", f"{len(result['errors'])}/{check['missing']}/{check['duplicated']}", "0/0/0", not result["errors"] and not check["missing"] and not check["duplicated"])


def http_server_env(env, **extra):
    """The production env plus the two documented settings the submission bench raises: the per-IP
    rate limit (every client here is 127.0.0.1) and short receipt retry delays."""
    return {**env, "FEEDBACK_RATE_LIMIT": "10000000/h", "RECEIPT_RETRY_DELAYS": "2,4,8" + ",10" * 30, **extra}


def http_submissions(env):
    from bench import http_submitter

    say("\n== (4b) submissions per second THROUGH gunicorn (the issue's measure): complete responses POSTed to the partner"
        " embed form by 3 client processes x 4 connections; no reCAPTCHA keys (honeypot + rate limit); no task worker running")
    senv = http_server_env(env)
    server = gunicorn(senv, APP_PORT)
    try:
        seconds = 15 * SECONDS
        run = http_submitter.run(senv, port=APP_PORT, seconds=seconds, work=WORK, name="http-submissions", server_pid=server.pid, pgdata=PGDATA)
        acked = max(run["acknowledged"], 1)
        say(f"  statuses {run['statuses']}; latency p50/p95/p99 {run['p50']:.0f}/{run['p95']:.0f}/{run['p99']:.0f} ms")
        say(f"  CPU seconds over {seconds:.0f} s: gunicorn {run['server_cpu']:.1f}, PostgreSQL {run['pg_cpu']:.1f}, clients {run['client_cpu']:.1f}"
            f" = {(run['server_cpu'] + run['pg_cpu']) / acked * 1000:.1f} ms of server + database CPU per submission")
        if run["errors"]:
            say(f"  first errors: {run['errors'][:3]}")
        figure("HTTP submissions per second (POST, gunicorn + PostgreSQL)", f"{run['rate']:.0f}", ">= 200/s", run["rate"] >= 200)
        figure("HTTP: 5xx / missing / duplicated / unacknowledged saved", f"{run['5xx']}/{run['missing']}/{run['duplicated']}/{run['unacknowledged_saved']}", "0/0/0/0",
               not (run["5xx"] or run["missing"] or run["duplicated"] or run["unacknowledged_saved"]))
        figure("HTTP: acknowledged references that differ from the saved ones", str(run["wrong_reference"]), "0", run["wrong_reference"] == 0)
        full = http_submitter.run(senv, port=APP_PORT, seconds=5 * SECONDS, work=WORK, name="http-get-post", mode="get+post",
                                  server_pid=server.pid, pgdata=PGDATA, tokens=1)
        say(f"  GET form + POST: statuses {full['statuses']}; gunicorn CPU {full['server_cpu']:.1f} s, PostgreSQL {full['pg_cpu']:.1f} s")
        figure("HTTP responses per second incl. loading the form (GET + POST)", f"{full['rate']:.0f}", "(measured)", None)
        figure("HTTP GET+POST: 5xx / missing / duplicated / unacked saved", f"{full['5xx']}/{full['missing']}/{full['duplicated']}/{full['unacknowledged_saved']}", "0/0/0/0",
               not (full["5xx"] or full["missing"] or full["duplicated"] or full["unacknowledged_saved"]))
    finally:
        stop(server)


def mail_down(env):
    import email as email_lib
    import socket

    from aiosmtpd.controller import Controller

    from bench import http_submitter

    port = int(env["EMAIL_PORT"])
    say(f"\n== (3b) fault: the mail server down while people respond (nothing on 127.0.0.1:{port}), then back (aiosmtpd),"
        " task worker (manage.py db_worker) running throughout")
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            say(f"  something already listens on {port}: skipped")
            return
    senv = http_server_env(env)
    backlog = subprocess.run(
        [PY, "-c", "import django;django.setup()\nfrom django_tasks_db.models import DBTaskResult\n"
         "print(DBTaskResult.objects.filter(status='READY', task_path='feedback.tasks.send_receipt').count())"],
        cwd=ROOT, env=senv, capture_output=True, text=True, timeout=120,
    ).stdout.strip()
    say(f"  receipt tasks already queued by earlier runs (sent first, not counted below): {backlog}")
    server = gunicorn(senv, APP_PORT)
    worker = subprocess.Popen([PY, "manage.py", "db_worker", "--interval", "0.2"], cwd=ROOT, env=senv, stdout=subprocess.DEVNULL,
                              stderr=open(WORK / "db_worker.log", "a"), start_new_session=True)  # noqa: SIM115 (lives as long as the worker)
    controller = None
    try:
        seconds = 10 * SECONDS
        run = http_submitter.run(senv, port=APP_PORT, seconds=seconds, work=WORK, name="mail-down", server_pid=server.pid, pgdata=PGDATA)
        ours = set(run["references"])
        script = (
            "import django,json,sys;django.setup()\n"
            "from feedback.models import Response\n"
            "refs=json.load(open(sys.argv[1]))\n"
            "qs=Response.objects.filter(reference__in=refs)\n"
            "print(json.dumps({'sent':qs.filter(receipt_sent_at__isnull=False).count(),'attempts':sum(qs.values_list('receipt_attempts',flat=True)),"
            "'pending':qs.filter(receipt_sent_at__isnull=True).count()}))\n"
        )
        refs_path = WORK / "mail-down-refs.json"
        refs_path.write_text(json.dumps(sorted(ours)))

        def state():
            out = subprocess.run([PY, "-c", script, str(refs_path)], cwd=ROOT, env=senv, capture_output=True, text=True, timeout=120)
            return json.loads(out.stdout.strip().splitlines()[-1])

        down = state()
        say(f"  while down: {run['acknowledged']} acknowledged, {run['saved']} saved; receipts sent {down['sent']}, failed attempts so far {down['attempts']}")
        figure("mail down: responses saved / acknowledged", f"{run['saved']}/{run['acknowledged']}", "all", run["saved"] == run["acknowledged"] and not run["missing"])
        figure("mail down: 5xx / duplicated / unacknowledged saved", f"{run['5xx']}/{run['duplicated']}/{run['unacknowledged_saved']}", "0/0/0",
               not (run["5xx"] or run["duplicated"] or run["unacknowledged_saved"]))
        figure("mail down: submissions per second while the mail server was down", f"{run['rate']:.0f}", "(measured)", None)

        inbox, lock = [], threading.Lock()

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
                subject = str(email_lib.message_from_bytes(envelope.content).get("Subject", ""))
                with lock:
                    inbox.append(subject)
                return "250 OK"

        controller = Controller(Handler(), hostname="127.0.0.1", port=port)
        controller.start()
        back = time.monotonic()
        say(f"  SMTP server up on 127.0.0.1:{port}; waiting for the worker's retries to drain")
        deadline = back + max(240, 120 * SECONDS)
        current = state()
        while current["pending"] and time.monotonic() < deadline:
            time.sleep(2)
            current = state()
        drained = time.monotonic() - back
        with lock:
            subjects = list(inbox)
        delivered = [ref for subject in subjects for ref in re.findall(r"HYS-[A-Z0-9]{8}", subject) if ref in ours]
        distinct = set(delivered)
        expected = run["receipts_expected"]
        say(f"  drained in {drained:.0f} s; inbox {len(subjects)} messages ({len(subjects) - len(delivered)} for the warm-up's or earlier responses)")
        figure("mail back: receipts delivered after it returned / expected", f"{len(distinct)}/{expected}", "all", len(distinct) == expected and expected > 0)
        figure("mail back: receipts lost / sent twice", f"{expected - len(distinct & ours)}/{len(delivered) - len(distinct)}", "0/0",
               expected == len(distinct & ours) and len(delivered) == len(distinct))
    finally:
        if controller is not None:
            controller.stop()
        stop(worker)
        stop(server)


def sqlite(env):
    say("\n== (2) SQLite: 20 concurrent submitters for 30 s")
    var = WORK / "sqlite"
    var.mkdir(parents=True, exist_ok=True)
    senv = {k: v for k, v in env_for(var).items() if k != "DATABASE_URL"}
    manage(senv, "migrate", "--noinput")
    manage(senv, "load_demo")
    seconds = 30 * SECONDS
    result, check = submit_run(senv, seconds, 20, "sqlite-submissions")
    locked = sum("locked" in e["error"] for e in result["errors"])
    figure("SQLite submissions acknowledged", str(check["acknowledged"]), "(measured)", None)
    figure('"database is locked" errors', str(locked), "0", locked == 0)
    figure("lost / duplicated / half-saved", f"{check['missing']}/{check['duplicated']}/{check['unacknowledged_saved']}", "0/0/0", not (check["missing"] or check["duplicated"] or check["unacknowledged_saved"]))


def faults(env, consultation_path):
    say("\n== (3) faults: PostgreSQL restarted in the middle of reads and submissions")
    server = gunicorn(env, APP_PORT)
    try:
        base = f"http://127.0.0.1:{APP_PORT}"
        seconds = 20 * SECONDS
        box = {}
        submit_thread = threading.Thread(target=lambda: box.update(zip(("result", "check"), submit_run(env, seconds, 4, "fault-submissions"), strict=True)))
        submit_thread.start()

        def restart():
            time.sleep(seconds / 3)
            pg_ctl("stop")
            time.sleep(3)
            pg_ctl("start")

        restarter = threading.Thread(target=restart)
        restarter.start()
        reads = hammer([base + consultation_path + "?nocache=1", base + "/healthz"], seconds, 16)
        restarter.join()
        submit_thread.join()
        statuses = reads["statuses"]
        others = sum(n for s, n in statuses.items() if isinstance(s, int) and s >= 500 and s != 503)
        figure("503 pages while PostgreSQL was away", str(statuses.get(503, 0)), "> 0, clean", statuses.get(503, 0) > 0)
        figure("other 5xx (tracebacks) during the restart", str(others), "0", others == 0)
        status, _, _ = fetch(base + consultation_path + "?nocache=1")
        figure("page after PostgreSQL is back (no restart of the app)", str(status), "200", status == 200)
        check = box.get("check", {})
        figure("submissions: lost / duplicated / half-saved", f"{check.get('missing')}/{check.get('duplicated')}/{check.get('unacknowledged_saved')}", "0/0/0",
               not (check.get("missing") or check.get("duplicated") or check.get("unacknowledged_saved")))
    finally:
        stop(server)


def scale_out(env, consultation_path):
    say("\n== (5) scale-out: two gunicorn behind nginx, one PostgreSQL, one Redis")
    if not shutil.which("nginx") or not shutil.which("redis-server"):
        say("  nginx or redis-server missing (apt-get install nginx-light redis-server): skipped")
        return
    redis = subprocess.Popen(["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL, start_new_session=True)
    conf = WORK / "nginx.conf"
    conf.write_text(f"""
pid {WORK}/nginx.pid; error_log {WORK}/nginx-error.log; daemon off; worker_processes 1;
events {{ worker_connections 1024; }}
http {{ access_log off; client_body_temp_path {WORK}/nginx-body; proxy_temp_path {WORK}/nginx-proxy;
  fastcgi_temp_path {WORK}/nginx-fcgi; uwsgi_temp_path {WORK}/nginx-uwsgi; scgi_temp_path {WORK}/nginx-scgi;
  upstream app {{ server 127.0.0.1:{APP_PORT}; server 127.0.0.1:{APP2_PORT}; }}
  server {{ listen 127.0.0.1:{NGINX_PORT}; location / {{ proxy_pass http://app; proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; add_header X-Upstream $upstream_addr; }} }} }}
""")
    nginx = subprocess.Popen(["nginx", "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    renv = http_server_env(env_for(WORK / "var", CACHE_URL=f"redis://127.0.0.1:{REDIS_PORT}/0", TRUSTED_PROXY_COUNT="1"))
    one = two = None
    try:
        one, two = gunicorn(renv, APP_PORT, workers=2), gunicorn(renv, APP2_PORT, workers=2)
        time.sleep(0.5)
        direct_b = f"http://127.0.0.1:{APP2_PORT}{consultation_path}"
        fetch(direct_b)
        _, _, headers = fetch(direct_b)
        figure("page cached on app server B before publishing", headers.get("X-Page-Cache", "-"), "hit", headers.get("X-Page-Cache") == "hit")
        new_title = f"Bench title {secrets.token_hex(3)}"
        script = (
            "import django;django.setup()\n"
            "from consultations.models import ConsultationPage\n"
            f"p=ConsultationPage.objects.get(url_path__endswith={consultation_path.rstrip('/').rsplit('/', 1)[-1]!r}+'/', locale__language_code='en')\n"
            f"p.title={new_title!r};p.save_revision().publish()\n"
        )
        subprocess.run([PY, "-c", script], cwd=ROOT, env=renv, check=True, capture_output=True)  # publishing from a third process = "app server A"
        _, body, headers = fetch(direct_b)
        figure("publish elsewhere, seen at once through app server B", "yes" if new_title.encode() in body else "no", "yes", new_title.encode() in body)
        upstreams = set()
        for _ in range(20):
            _, _, headers = fetch(f"http://127.0.0.1:{NGINX_PORT}/healthz")
            upstreams.add(headers.get("X-Upstream"))
        figure("nginx spreads requests over both app servers", str(len(upstreams)), "2", len(upstreams) == 2)
        from bench import http_submitter

        # Complete responses POSTed through nginx, so both app servers take them.
        run = http_submitter.run(renv, port=NGINX_PORT, seconds=10 * SECONDS, work=WORK, name="scale-submissions")
        say(f"  through nginx: statuses {run['statuses']}, {run['rate']:.0f} submissions/s")
        figure("submissions through nginx to both: 5xx / lost / duplicated / half-saved", f"{run['5xx']}/{run['missing']}/{run['duplicated']}/{run['unacknowledged_saved']}",
               "0/0/0/0", run["acknowledged"] > 0 and not (run["5xx"] or run["missing"] or run["duplicated"] or run["unacknowledged_saved"]))
    finally:
        stop(one)
        stop(two)
        stop(nginx)
        stop(redis)


def main():
    started = time.monotonic()
    env = setup()
    consultation_path = page_urls(env)[0]
    parts = [
        ("pages", lambda: pages(env)),
        ("load", lambda: load_test(env, consultation_path)),
        ("submissions", lambda: submissions(env)),
        ("mail-down", lambda: mail_down(env)),
        ("http-submissions", lambda: http_submissions(env)),
        ("sqlite", lambda: sqlite(env)),
        ("faults", lambda: faults(env, consultation_path)),
        ("scale-out", lambda: scale_out(env, consultation_path)),
    ]
    only = set(filter(None, os.environ.get("BENCH_ONLY", "").replace("speed", "pages").split(",")))
    for name, part in parts:
        if only and name not in only:
            continue
        try:
            value = part()
            if name == "pages" and value:
                consultation_path = value
        except Exception as error:
            say(f"  !! {name} failed: {type(error).__name__}: {str(error)[:500]}")
    try:
        if not only or "reporting" in only:
            from bench import reporting_bench

            say("\n== reporting")
            reporting_bench.run()
    except Exception as error:
        say(f"  !! reporting bench failed: {error}")
    try:
        if not only or "campaigns" in only:
            from bench import campaigns_bench

            say("\n== campaign detection (organised responses)")
            campaigns_bench.run(figure)
    except Exception as error:
        say(f"  !! campaign bench failed: {error}")
    try:
        if not only or "uploads" in only:
            from bench import uploads_bench

            say("\n== uploads (clamd)")
            uploads_bench.run(figure)
    except Exception as error:
        say(f"  !! uploads bench failed: {error}")
    try:
        if not only or "involvement" in only:
            from bench import involvement_bench

            say("\n== involvement register: invite a segment of 10,000")
            result = involvement_bench.run(report=say)
            queue_goal = involvement_bench.GOALS["queue_seconds"]
            figure("invitations to 10,000 members queued", f"{result['queue_seconds']:.1f} s", f"< {queue_goal:.0f} s", result["queue_seconds"] < queue_goal)
            once = result["emails"] == result["unique"] == involvement_bench.MEMBERS
            figure("invitation emails sent (two workers and a restart)", f"{result['emails']:,} to {result['unique']:,}", "exactly one each", once)
    except Exception as error:
        say(f"  !! involvement bench failed: {error}")
    postgres("stop")
    say(f"\n== summary ({time.monotonic() - started:.0f} s)")
    for name, value, goal, mark in RESULTS:
        say(f"  {name:<58} {value:>18}   goal: {goal:<22} {mark}")


if __name__ == "__main__":
    main()
