"""Involvement benchmark: invite a segment of 10,000 register members to a consultation.

`run()` (called by `make bench`, part `involvement`) starts a private PostgreSQL on port 55505
and a real SMTP server on loopback (aiosmtpd, in this process), then, each in a fresh Python
process: builds the register, queues the invitations exactly as the staff screen does (one round,
one row per member, one worker task on the django-tasks database queue) and times it; then two
workers send the round at the same time, and a third runs it again afterwards (a restart). Then
the same for an invitation round to one of the consultation's events (rows unique per event and
member). Goals (issue 17): each round queued in under 30 s; every member gets exactly one email
of each.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Overridable, so two people on one machine can each run it (BENCH_PGPORT, BENCH_PGDATA).
PGPORT = os.environ.get("BENCH_PGPORT", "55505")
PGDATA = os.environ.get("BENCH_PGDATA", "/tmp/pg-bench-involvement")
DATABASE_URL = f"postgres://postgres@127.0.0.1:{PGPORT}/have_your_say"
MEMBERS = int(os.environ.get("BENCH_INVITE_MEMBERS", "10000"))
SLUG = "bench-invited-panel"
GOALS = {"queue_seconds": 30.0}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    def __init__(self):
        self.recipients = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
        with self.lock:
            self.recipients.extend(envelope.rcpt_tos)
        return "250 Message accepted"


def _env(smtp_port):
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": DATABASE_URL,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "VAR_DIR": "/tmp/hys-involvement-bench",
            "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
            "PYTHONPATH": str(ROOT),
            "BENCH_SMTP_PORT": str(smtp_port),
        }
    )
    return env


def _start(step, smtp_port):
    return subprocess.Popen(  # noqa: S603 — our own interpreter and module
        [sys.executable, "-c", f"from bench.involvement_bench import _step; _step({step!r})"],
        cwd=ROOT,
        env=_env(smtp_port),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _result(process, step):
    out, err = process.communicate()
    if process.returncode != 0:
        sys.stderr.write(err[-4000:])
        raise RuntimeError(f"involvement bench step {step!r} failed")
    return json.loads(out.strip().splitlines()[-1])


def _child(step, smtp_port):
    return _result(_start(step, smtp_port), step)


def _postgres(action):
    subprocess.run(  # noqa: S603, S607
        ["bash", ".ci/postgres.sh", action],
        cwd=ROOT,
        env={**os.environ, "PGPORT": PGPORT, "PGDATA": PGDATA},
        check=True,
    )


def run(report=print):
    from aiosmtpd.controller import Controller

    os.makedirs("/tmp/hys-involvement-bench", exist_ok=True)
    _postgres("stop")
    _postgres("start")
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        setup = _child("setup", port)
        report(f"involvement: {setup['members']:,} register members ready on PostgreSQL")
        queued = _child("queue", port)
        ok = queued["seconds"] < GOALS["queue_seconds"] and queued["rows"] == MEMBERS
        report(
            f"involvement: invitations to a segment of {queued['rows']:,} queued in "
            f"{queued['seconds']:.1f} s "
            f"(goal < {GOALS['queue_seconds']:.0f} s)  {'OK' if ok else 'SLOW'}"
        )
        once_each = _send_twice_and_restart(inbox, port, report, "the consultation")
        inbox.recipients.clear()
        event = _child("queue_event", port)
        ok = event["seconds"] < GOALS["queue_seconds"] and event["rows"] == MEMBERS
        report(
            f"involvement: invitations of the same segment to an event ({event['rows']:,}) "
            f"queued in {event['seconds']:.1f} s "
            f"(goal < {GOALS['queue_seconds']:.0f} s)  {'OK' if ok else 'SLOW'}"
        )
        event_once = _send_twice_and_restart(inbox, port, report, "the event")
        return {
            "queue_seconds": queued["seconds"],
            "event_queue_seconds": event["seconds"],
            **once_each,
            "event": event_once,
        }
    finally:
        controller.stop()
        _postgres("stop")


def _send_twice_and_restart(inbox, port, report, what):
    """Two workers send the newest round at once, then a restarted worker runs it again."""
    started = time.perf_counter()
    workers = [_start("send", port), _start("send", port)]  # two workers on the same round
    sent = [_result(worker, "send") for worker in workers]
    restart = _child("send", port)  # a restarted worker runs the round again
    seconds = time.perf_counter() - started
    unique = len(set(inbox.recipients))
    once = len(inbox.recipients) == unique == MEMBERS  # a restart may retry, never resend
    report(
        f"involvement: {what}: sent {len(inbox.recipients):,} emails to {unique:,} members in "
        f"{seconds:.1f} s by two workers "
        f"({sent[0]['sent']:,} + {sent[1]['sent']:,}; a restart sent {restart['sent']}) "
        f"(goal: exactly one each)  {'OK' if once else 'DUPLICATES OR MISSING'}"
    )
    return {"emails": len(inbox.recipients), "unique": unique, "send_seconds": seconds}


# --- Steps, each in its own process -------------------------------------------------------------


def _settings():
    import django
    from django.test.utils import override_settings

    django.setup()
    # Production's queue (tasks wait in the database for a worker) and a real SMTP server; through
    # override_settings so django-tasks drops the backend it already made from the test settings.
    override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=int(os.environ["BENCH_SMTP_PORT"]),
        EMAIL_USE_TLS=False,
    ).enable()


def _prepare():
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone

    from wagtail.models import Locale, Page

    call_command("migrate", verbosity=0, interactive=False)
    from consultations.models import ConsultationPage, Topic
    from home.models import HomePage
    from involvement import register
    from involvement.models import Member
    from tests.factories import make_consultation

    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    locales = list(Locale.objects.order_by("pk"))
    home = HomePage.objects.first() or Page.get_first_root_node().add_child(
        instance=HomePage(title="Benchmark home", slug="bench-home")
    )
    if not ConsultationPage.objects.filter(slug=SLUG).exists():
        make_consultation(home, title="Benchmark invited panel", slug=SLUG, opens=-1, closes=30)
    topic, _created = Topic.objects.get_or_create(
        slug="bench-panel", locale=Locale.get_default(), defaults={"name": "Panel"}
    )
    now = timezone.now()
    have = Member.objects.count()
    Member.objects.bulk_create(
        [
            Member(
                email=f"member{n:05d}@example.org",
                locale=locales[n % len(locales)],
                status=Member.Status.ACTIVE,
                confirmed_at=now,
                secret=register.new_secret(),
                consents={"interests": now.isoformat()},
            )
            for n in range(have, MEMBERS)
        ],
        batch_size=2000,
    )
    through = Member.topics.through
    through.objects.bulk_create(
        [
            through(member_id=pk, topic_id=topic.pk)
            for pk in Member.objects.exclude(topics=topic).values_list("pk", flat=True)
        ],
        batch_size=5000,
    )
    return {"members": Member.objects.filter(topics=topic).count()}


def _queue():
    from django.db import transaction

    from consultations.models import ConsultationPage, Topic
    from involvement import tasks
    from involvement.invitations import invite_segment

    consultation = ConsultationPage.objects.get(slug=SLUG)
    segment = {"topic": Topic.objects.get(slug="bench-panel").pk}
    started = time.perf_counter()
    with transaction.atomic():
        invitation_round, count = invite_segment(consultation, segment, None)
        transaction.on_commit(lambda: tasks.send_invitation_round.enqueue(invitation_round.pk))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": count, "round": invitation_round.pk}


def _queue_event():
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from consultations.models import ConsultationEvent, ConsultationPage, Topic
    from involvement import tasks
    from involvement.invitations import invite_segment

    consultation = ConsultationPage.objects.get(slug=SLUG)
    event, _created = ConsultationEvent.objects.get_or_create(
        page=consultation,
        locale=consultation.locale,
        title="Benchmark drop-in",
        defaults={"starts_at": timezone.now() + timedelta(days=7), "venue": "Bench Library"},
    )
    segment = {"topic": Topic.objects.get(slug="bench-panel").pk}
    started = time.perf_counter()
    with transaction.atomic():
        invitation_round, count = invite_segment(consultation, segment, None, event=event)
        transaction.on_commit(lambda: tasks.send_invitation_round.enqueue(invitation_round.pk))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": count, "round": invitation_round.pk}


def _send():
    from involvement import tasks
    from involvement.models import InvitationRound

    invitation_round = InvitationRound.objects.order_by("-pk").first()
    return {"sent": tasks.send_invitation_round.call(invitation_round.pk)}


def _step(step):
    _settings()
    steps = {"setup": _prepare, "queue": _queue, "queue_event": _queue_event, "send": _send}
    result = steps[step]()
    print(json.dumps(result))
