"""The views of "Share your views" and "Is this page useful?"."""

from django import forms
from django.core import signing
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from feedback.general.forms import (
    PageCommentForm,
    PageUsefulnessForm,
    ShareYourViewsForm,
    local_path,
)
from feedback.general.services import (
    add_usefulness_comment,
    page_for,
    record_page_usefulness,
    submit_general_feedback,
)
from feedback.models import PageUsefulness
from security.public_forms import protect, refused, too_many

SESSION_REFERENCE_KEY = "general_feedback_reference"
COMMENT_SALT = "feedback.page-usefulness-comment"
COMMENT_MAX_AGE = 24 * 60 * 60


def _too_much_feedback(request):
    return too_many(
        request,
        _(
            "To protect this service we have not saved this last message. Wait a few minutes and "
            "try again, or contact us by phone or email."
        ),
        title=_("You have sent a lot of feedback in a short time"),
    )


def _too_many_answers(request):
    return too_many(
        request,
        _("We have not saved this answer. Wait a while and try again."),
        title=_("You have answered a lot of times in a short time"),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@protect("feedback:share_your_views", _too_much_feedback)
def share_your_views(request):
    form = ShareYourViewsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        feedback = submit_general_feedback(form.cleaned_data)
        request.session[SESSION_REFERENCE_KEY] = feedback.reference
        return redirect("feedback:share_your_views_sent")
    return render(request, "feedback/general/share_your_views.html", {"form": form})


@never_cache
def share_your_views_sent(request):
    reference = request.session.get(SESSION_REFERENCE_KEY)
    if not reference:
        return redirect("feedback:share_your_views")
    return render(request, "feedback/general/share_your_views_sent.html", {"reference": reference})


# No CSRF token here on purpose: the prompt is on every page, and a token would stop those pages
# being cached. The endpoint only stores an anonymous yes/no for a local path (rate-limited per
# client); a forged request can add one such answer and nothing else.
@csrf_exempt
@require_POST
@protect("feedback:page_usefulness", _too_many_answers)
def page_usefulness(request):
    form = PageUsefulnessForm(request.POST)
    if not form.is_valid():
        return refused(
            request,
            _("The page you answered about is not on this website."),
            status=400,
            title=_("We could not record your answer"),
        )
    path = form.cleaned_data["path"]
    answer = record_page_usefulness(
        path, form.cleaned_data["useful"] == "yes", page=page_for(form.cleaned_data["page"], path)
    )
    if answer.useful:
        return HttpResponseRedirect(
            reverse("feedback:page_usefulness_thanks") + "?" + urlencode({"next": path})
        )
    token = signing.dumps(answer.pk, salt=COMMENT_SALT)
    return HttpResponseRedirect(
        reverse("feedback:page_usefulness_comment") + "?" + urlencode({"token": token})
    )


def _answer_from_token(token):
    try:
        pk = signing.loads(token or "", salt=COMMENT_SALT, max_age=COMMENT_MAX_AGE)
    except signing.BadSignature:
        return None
    return PageUsefulness.objects.filter(pk=pk, useful=False).first()


# Exempt for the same reason as page_usefulness: the signed token, not a CSRF token, ties the
# comment to the one anonymous "No" answer just given.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
@protect("feedback:page_comment", _too_many_answers)
def page_usefulness_comment(request):
    token = request.POST.get("token") if request.method == "POST" else request.GET.get("token")
    answer = _answer_from_token(token)
    if answer is None:
        return refused(
            request,
            _(
                "Thank you for telling us the page was not useful. "
                "The link to add a comment has expired."
            ),
            status=400,
            title=_("This link has expired"),
        )
    form = PageCommentForm(request.POST or None, initial={"token": token})
    if request.method == "POST" and form.is_valid():
        add_usefulness_comment(answer, form.cleaned_data["comment"])
        return HttpResponseRedirect(
            reverse("feedback:page_usefulness_thanks") + "?" + urlencode({"next": answer.path})
        )
    return render(request, "feedback/general/page_comment.html", {"form": form, "answer": answer})


@never_cache
def page_usefulness_thanks(request):
    try:
        back = local_path(request.GET.get("next", ""))
    except forms.ValidationError:
        back = "/"
    return render(
        request,
        "feedback/general/page_thanks.html",
        {"back": back, "share_url": reverse("feedback:share_your_views")},
    )
