"""Public views of the register: join, alert sign-up, confirm, manage (change, pause, leave),
one-click unsubscribe, the link an alert carries and an event invitation's links (open the event,
reply). No passwords: the emailed token is the key."""

from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from consultations.models import ConsultationPage
from consultations.visibility import is_invited, is_publicly_listed
from involvement import emails, events, links, privacy, register, sending, tasks
from involvement.choices import CONSENT_INTERESTS
from involvement.forms import AlertSignupForm, JoinForm, MembershipForm
from involvement.models import Member
from security.public_forms import protect


def _invalid_link(request):
    return render(request, "involvement/invalid_link.html", status=404)


def _send(member, which):
    transaction.on_commit(lambda: tasks.send_member_email.enqueue(member.pk, which))


def _sign_up(request, form_class, template, kind):
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if kind == Member.Kind.ALERTS:
            consents = [CONSENT_INTERESTS] if form.cleaned_data.get("consent_interests") else []
        else:
            consents = form.consents_given()
        member, which = register.join(
            form.cleaned_data, consents, kind=kind, locale=register.active_locale()
        )
        _send(member, which)
        return redirect("involvement:check_email")
    heading, paragraphs = privacy.section()
    return render(
        request,
        template,
        {"form": form, "privacy_heading": heading, "privacy_paragraphs": paragraphs},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@protect("involvement:join")
def join(request):
    return _sign_up(request, JoinForm, "involvement/join.html", Member.Kind.REGISTER)


@never_cache
@require_http_methods(["GET", "POST"])
@protect("involvement:join")
def alerts(request):
    return _sign_up(request, AlertSignupForm, "involvement/alerts.html", Member.Kind.ALERTS)


@never_cache
def check_email(request):
    return render(request, "involvement/check_email.html")


@never_cache
@require_http_methods(["GET", "POST"])
@protect("involvement:manage")
def confirm(request, token):
    """GET shows a button (mail scanners open links); POST confirms."""
    member = register.member_for_token(token, register.CONFIRM_SALT, register.CONFIRM_MAX_AGE)
    if member is None:
        return _invalid_link(request)
    if request.method == "POST":
        register.confirm(member)
        return redirect("involvement:manage", token=register.token_for(member))
    return render(request, "involvement/confirm.html", {"member": member})


@never_cache
@require_http_methods(["GET", "POST"])
@protect("involvement:manage")
def manage(request, token):
    member = register.member_for_token(token)
    if member is None or not member.confirmed:
        return _invalid_link(request)
    form = MembershipForm(request.POST or None, initial=register.initial_for(member))
    message = ""
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "pause":
            register.pause(member)
            message = _("Emails are paused. We will not email you until you turn them back on.")
            form = MembershipForm(initial=register.initial_for(member))
        elif action == "resume":
            register.resume(member)
            message = _("Emails are back on.")
            form = MembershipForm(initial=register.initial_for(member))
        elif form.is_valid():
            register.update(member, form.cleaned_data, form.consents_given())
            message = _("Your choices are saved.")
    return render(
        request,
        "involvement/manage.html",
        {"form": form, "member": member, "token": token, "message": message},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@protect("involvement:manage")
def leave(request, token):
    member = register.member_for_token(token)
    if member is None:
        return _invalid_link(request)
    if request.method == "POST":
        register.leave(member)
        return render(request, "involvement/left.html")
    return render(request, "involvement/leave.html", {"member": member, "token": token})


@never_cache
# The signed token is the authority: mail clients' one-click unsubscribe posts with no CSRF token.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@protect("involvement:manage")
def unsubscribe(request, token):
    member = register.member_for_token(token)
    if member is None:
        return _invalid_link(request)
    if request.method == "POST":
        outcome = register.unsubscribe(member)
        return render(
            request, "involvement/unsubscribed.html", {"outcome": outcome, "token": token}
        )
    return render(request, "involvement/unsubscribe.html", {"member": member})


@never_cache
@require_http_methods(["GET"])
def visit(request, token):
    """An alert's link: remember which member came (for the consent box on the response form),
    then go to the consultation in their language."""
    data = sending.read_visit_token(token)
    if data is None:
        return _invalid_link(request)
    consultation = ConsultationPage.objects.live().filter(pk=data.get("c")).first()
    member = Member.objects.filter(pk=data.get("m")).select_related("locale").first()
    if consultation is None or not is_publicly_listed(consultation):
        return _invalid_link(request)
    if member is not None:
        links.remember_visit(request, member, consultation)
        consultation = emails.consultation_in(consultation, member.locale)
    return HttpResponseRedirect(consultation.url or reverse("involvement:join"))


def _event_row(token):
    """The event invitation a link names, while its consultation is live, or None."""
    row = events.row_for_token(token)
    if row is None or not row.consultation.live:
        return None
    if is_invited(row.consultation) and events.usable_invitation(row) is None:
        return None  # staff revoked the invitation: the link no longer lets anyone in
    return row


@never_cache
@require_http_methods(["GET"])
def event(request, token):
    """An event invitation's link: count it opened, let this browser into the consultation (an
    invited one too), then show the event on the consultation page in the member's language."""
    row = _event_row(token)
    if row is None:
        return _invalid_link(request)
    events.open_link(request, row)
    links.remember_visit(request, row.member, row.consultation)
    page = emails.consultation_in(row.consultation, row.member.locale)
    shown = events.event_in(row.event, page)
    return HttpResponseRedirect(f"{page.url}#event-{shown.pk}")


@never_cache
@require_http_methods(["GET", "POST"])
@protect("involvement:manage")
def event_reply(request, token, answer):
    """ "I'll come" / "I can't come": GET shows the event and a button (mail scanners open
    links, so a GET changes nothing); POST records the answer the button carries."""
    row = _event_row(token)
    if row is None or answer not in events.ANSWERS:
        return _invalid_link(request)
    page = emails.consultation_in(row.consultation, row.member.locale)
    context = {
        "event": events.event_in(row.event, page),
        "consultation": page,
        "answer": answer,
        "other": "no" if answer == "yes" else "yes",
        "token": token,
        "started": events.has_started(row.event),
    }
    if request.method == "POST" and not context["started"]:
        chosen = request.POST.get("reply", "")
        if chosen not in events.ANSWERS:
            chosen = answer
        events.record_reply(row, chosen)
        context.update({"answer": chosen, "other": "no" if chosen == "yes" else "yes"})
        return render(request, "involvement/event_replied.html", context)
    return render(request, "involvement/event_reply.html", context)
