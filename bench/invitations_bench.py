"""Invitations benchmark (issue 17): 10,000 invitation links made and their emails queued, then
sent exactly once by two workers at once, through a real SMTP server on loopback.

`run()` (called by `make bench`) starts a private PostgreSQL (port BENCH_INVITATIONS_PGPORT,
default 55497) and runs each step in a fresh interpreter. Goals: 10,000 invitations queued in
under 30 s; queueing them again adds none; two workers send each email exactly once.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PGPORT = os.environ.get("BENCH_INVITATIONS_PGPORT", "55497")
PGDATA = f"/tmp/pg-bench-invitations-{PGPORT}"
MEMBERS = int(os.environ.get("BENCH_MEMBERS", "10000"))
GOALS = {"queue_seconds": 30.0}
KIND = "bench.invitation"


def _env():
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PGPORT}/have_your_say",
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "VAR_DIR": "/tmp/hys-invitations-bench",
            "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def _child(step):
    out = subprocess.run(  # noqa: S603 — our own interpreter and module
        [sys.executable, "-c", f"from bench.invitations_bench import _step; _step({step!r})"],
        cwd=ROOT,
        env=_env(),
        check=False,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-4000:])
        raise RuntimeError(f"invitations bench step {step!r} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _postgres(action):
    subprocess.run(  # noqa: S603, S607
        ["bash", ".ci/postgres.sh", action],
        cwd=ROOT,
        env={**os.environ, "PGPORT": PGPORT, "PGDATA": PGDATA},
        check=True,
    )


def run():
    _postgres("stop")
    _postgres("start")
    try:
        _measure()
    finally:
        _postgres("stop")


def _measure():
    os.makedirs("/tmp/hys-invitations-bench", exist_ok=True)
    _child("setup")
    queued = _child("queue")
    ok = queued["seconds"] < GOALS["queue_seconds"] and queued["queued"] == MEMBERS
    print(
        f"invitations: {queued['queued']:,} links made and emails queued in "
        f"{queued['seconds']:.1f} s (goal < {GOALS['queue_seconds']:.0f} s)  {'OK' if ok else 'SLOW'}"
    )
    print(
        f"invitations: queued again: {queued['again_added']} added, {queued['again_already']:,} "
        f"already there, {queued['again_seconds']:.1f} s (goal: 0 added)  "
        f"{'OK' if queued['again_added'] == 0 else 'DUPLICATES'}"
    )
    sent = _child("send")
    once = sent["received"] == MEMBERS and sent["distinct"] == MEMBERS and sent["sent"] == MEMBERS
    print(
        f"invitations: two workers sent {sent['received']:,} emails to {sent['distinct']:,} "
        f"addresses in {sent['seconds']:.1f} s ({sent['received'] / max(sent['seconds'], 0.001):.0f}"
        f"/s over loopback SMTP) (goal: each exactly once)  {'OK' if once else 'WRONG'}"
    )


# --- Steps, each in its own process -------------------------------------------------------------


def _setup_django():
    import django

    django.setup()


def _step(name):
    _setup_django()
    result = {"setup": _prepare, "queue": _queue, "send": _send}[name]()
    print(json.dumps(result))


def _prepare():
    from django.conf import settings
    from django.core.management import call_command

    from wagtail.models import Locale, Page

    call_command("migrate", verbosity=0, interactive=False)
    from consultations.choices import Visibility
    from home.models import HomePage
    from tests.factories import make_consultation

    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    home = HomePage.objects.first() or Page.get_first_root_node().add_child(
        instance=HomePage(title="Benchmark home", slug="bench-home")
    )
    consultation = make_consultation(home, title="Benchmark panel", slug="bench-panel")
    consultation.visibility = Visibility.INVITED
    consultation.save_revision().publish()
    return {"consultation": consultation.pk}


def _queue():
    """What "invite a segment" does: consultations.invitations.queue_invitation_emails, one link
    and one email per member, in one transaction; the worker's tasks are queued on commit (the
    database task backend, as in production)."""
    from django.template import engines
    from django.test import override_settings

    from consultations import invitations
    from consultations.models import ConsultationPage

    consultation = ConsultationPage.objects.get(slug="bench-panel")
    members = [
        invitations.Recipient(str(n), f"member{n}@example.org", ("en", "cy", "pl", "ur")[n % 4])
        for n in range(MEMBERS)
    ]
    template = engines["django"].from_string(
        "{% load i18n %}{% translate 'This consultation is by invitation' %}\n\n{{ url }}\n"
    )

    def render(url, recipient):
        subject = "You are invited"
        return subject, template.render({"url": url}), {}

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        started = time.perf_counter()
        sent = invitations.queue_invitation_emails(
            consultation, members, send_key="send-1", render=render, kind=KIND, label="Bench"
        )
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = invitations.queue_invitation_emails(
            consultation, members, send_key="send-1", render=render, kind=KIND, label="Bench"
        )
        again_seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "queued": len(sent.email_ids),
        "again_added": len(again.email_ids),
        "again_already": again.already,
        "again_seconds": again_seconds,
    }


def _send():
    import socket
    import threading

    from django.conf import settings
    from django.db import connections

    from aiosmtpd.controller import Controller

    from outbox import sending
    from outbox.models import OutgoingEmail

    received = []

    class Inbox:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's name
            received.extend(envelope.rcpt_tos)
            return "250 Message accepted"

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(Inbox(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    ids = sending.pending_due_ids()

    def worker():
        try:
            sending.deliver_many(ids)
        finally:
            connections.close_all()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    controller.stop()
    return {
        "seconds": seconds,
        "received": len(received),
        "distinct": len(set(received)),
        "sent": OutgoingEmail.objects.filter(kind=KIND, status="sent").count(),
    }
