"""General feedback: "Share your views" (not tied to a consultation) and "Is this page useful?".

Forms, views and the service functions that store what people send. Both forms are protected by a
per-client (IP) rate limit; "Share your views" also by a honeypot field. Neither uses reCAPTCHA:
what they store carries no weight in a consultation's figures, and a refused submission is told so
plainly.
"""

import re
import unicodedata

from django import forms
from django.core import signing
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.models import Locale, Page

from feedback.models import GeneralFeedback, PageUsefulness
from security.ratelimit import limit_posts

HONEYPOT_FIELD = "website"
SESSION_REFERENCE_KEY = "general_feedback_reference"
COMMENT_SALT = "feedback.page-usefulness-comment"
COMMENT_MAX_AGE = 24 * 60 * 60
MAX_PATH_LENGTH = 500

# Control characters (other than newline and tab) never belong in free text; NUL breaks PostgreSQL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value):
    value = unicodedata.normalize("NFC", value or "")
    return _CONTROL.sub("", value).strip()


# --- Forms -----------------------------------------------------------------------------------------


class CleanTextMixin:
    text_fields = ()

    def _clean_text_fields(self):
        for name in self.text_fields:
            if name in self.cleaned_data:
                self.cleaned_data[name] = clean_text(self.cleaned_data[name])


class ShareYourViewsForm(CleanTextMixin, forms.Form):
    text_fields = (
        "service_name",
        "what_happened",
        "what_was_good",
        "what_could_be_better",
        "name",
        "phone",
    )

    about = forms.ChoiceField(
        label=_("What is your feedback about?"),
        choices=GeneralFeedback.About.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select what your feedback is about"),
            "invalid_choice": _("Select what your feedback is about"),
        },
    )
    service_name = forms.CharField(
        label=_("Which service? (optional)"),
        help_text=_("For example, the name of a GP surgery, hospital ward or clinic."),
        max_length=200,
        required=False,
        error_messages={"max_length": _("The name of the service must be 200 characters or fewer")},
    )
    what_happened = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "Tell us about your experience in your own words. Do not include medical details."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Tell us what happened"),
            "max_length": _("What happened must be 5,000 characters or fewer"),
        },
    )
    what_was_good = forms.CharField(
        label=_("What was good? (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("What was good must be 5,000 characters or fewer")},
    )
    what_could_be_better = forms.CharField(
        label=_("What could be better? (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("What could be better must be 5,000 characters or fewer")},
    )
    rating = forms.TypedChoiceField(
        label=_("Overall, how would you rate it? (optional)"),
        choices=[
            ("5", _("5 – Very good")),
            ("4", _("4 – Good")),
            ("3", _("3 – Neither good nor poor")),
            ("2", _("2 – Poor")),
            ("1", _("1 – Very poor")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select a rating from 1 to 5")},
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=150,
        required=False,
        error_messages={"max_length": _("Your name must be 150 characters or fewer")},
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Email address must be 254 characters or fewer"),
        },
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        max_length=40,
        required=False,
        error_messages={"max_length": _("Phone number must be 40 characters or fewer")},
    )
    # Honeypot: hidden from people (and from assistive technology) by the `hidden` attribute.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_phone(self):
        phone = clean_text(self.cleaned_data.get("phone", ""))
        if phone and not re.fullmatch(r"\+?[0-9 ()-]{6,40}", phone):
            raise forms.ValidationError(
                _("Enter a phone number, like 01632 960 001 or +44 7700 900 982")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        self._clean_text_fields()
        if "what_happened" in cleaned and not cleaned["what_happened"]:
            self.add_error("what_happened", _("Tell us what happened"))
        return cleaned

    @property
    def honeypot_filled(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


class PageUsefulnessForm(forms.Form):
    useful = forms.ChoiceField(choices=[("yes", "yes"), ("no", "no")])
    path = forms.CharField(max_length=MAX_PATH_LENGTH)
    page = forms.IntegerField(required=False, min_value=1)

    def clean_path(self):
        return local_path(self.cleaned_data["path"])


class PageCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("How could we improve this page? (optional)"),
        help_text=_(
            "Do not include personal or medical information. We cannot reply to comments left here."
        ),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Your comment must be 1,000 characters or fewer")},
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def clean_comment(self):
        return clean_text(self.cleaned_data.get("comment", ""))


def local_path(value):
    """The path if it is a path on this site ("/…", no scheme, host or control characters), else ValidationError."""
    value = (value or "").strip()
    if (
        not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or _CONTROL.search(value)
        or len(value) > MAX_PATH_LENGTH
        or not url_has_allowed_host_and_scheme(value, allowed_hosts=set())
    ):
        raise forms.ValidationError(_("Not a page on this website"))
    return value.split("#", 1)[0]


# --- Services --------------------------------------------------------------------------------------


def submit_general_feedback(data, *, locale=None):
    """Store one "Share your views" submission from cleaned form data; returns the GeneralFeedback."""
    fields = {
        name: data.get(name) or ""
        for name in (
            "about",
            "service_name",
            "what_happened",
            "what_was_good",
            "what_could_be_better",
            "name",
            "email",
            "phone",
        )
    }
    return GeneralFeedback.objects.create(
        rating=data.get("rating") or None,
        locale=locale or _active_locale(),
        **fields,
    )


def record_page_usefulness(path, useful, *, page=None, comment=""):
    """Store one anonymous yes/no answer to "Is this page useful?" for a local path."""
    return PageUsefulness.objects.create(
        path=local_path(path), useful=bool(useful), page=page, comment=clean_text(comment)[:1000]
    )


def add_usefulness_comment(answer, comment):
    """Add the optional comment to a "No" answer, once: a second comment never overwrites the first."""
    comment = clean_text(comment)[:1000]
    if comment and not answer.comment:
        PageUsefulness.objects.filter(pk=answer.pk, comment="").update(comment=comment)
        answer.comment = comment
    return answer


def _active_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


def _page_for(page_id, path):
    """The live page the answer is about, when the posted id and path agree; else None."""
    if not page_id:
        return None
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None:
        return None
    url = page.get_url()
    return page if url and url.split("?", 1)[0] == path.split("?", 1)[0] else None


# --- Views -----------------------------------------------------------------------------------------


def _refused(request, status, title, message):
    return render(
        request,
        "feedback/general/refused.html",
        {"title": title, "message": message},
        status=status,
    )


def _too_much_feedback(request):
    return _refused(
        request,
        429,
        _("You have sent a lot of feedback in a short time"),
        _(
            "To protect this service we have not saved this last message. Wait a few minutes and try again, or contact us by phone or email."
        ),
    )


def _too_many_answers(request):
    return _refused(
        request,
        429,
        _("You have answered a lot of times in a short time"),
        _("We have not saved this answer. Wait a while and try again."),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts("feedback:share_your_views", _too_much_feedback)
def share_your_views(request):
    form = ShareYourViewsForm(request.POST or None)
    if request.method == "POST":
        if form.honeypot_filled:
            return _refused(
                request,
                400,
                _("We could not accept this feedback"),
                _(
                    "The form was filled in in a way that looks automated. If you are a person, go back, reload the page and try again."
                ),
            )
        if form.is_valid():
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
@limit_posts("feedback:page_usefulness", _too_many_answers)
def page_usefulness(request):
    form = PageUsefulnessForm(request.POST)
    if not form.is_valid():
        return _refused(
            request,
            400,
            _("We could not record your answer"),
            _("The page you answered about is not on this website."),
        )
    path = form.cleaned_data["path"]
    answer = record_page_usefulness(
        path, form.cleaned_data["useful"] == "yes", page=_page_for(form.cleaned_data["page"], path)
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
@limit_posts("feedback:page_comment", _too_many_answers)
def page_usefulness_comment(request):
    token = request.POST.get("token") if request.method == "POST" else request.GET.get("token")
    answer = _answer_from_token(token)
    if answer is None:
        return _refused(
            request,
            400,
            _("This link has expired"),
            _(
                "Thank you for telling us the page was not useful. The link to add a comment has expired."
            ),
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


# --- Demo ------------------------------------------------------------------------------------------

DEMO_GENERAL_FEEDBACK = [
    {
        "reference": "HYS-DEMOGF01",
        "about": GeneralFeedback.About.SERVICE,
        "service_name": "Riverside Health Centre",
        "what_happened": "I rang for a same-day appointment for my son and was offered one within the hour.",
        "what_was_good": "The receptionist listened and did not rush me.",
        "what_could_be_better": "The phone queue message could say how many people are ahead of you.",
        "rating": 4,
    },
    {
        "reference": "HYS-DEMOGF02",
        "about": GeneralFeedback.About.WEBSITE,
        "what_happened": "I looked for the easy read version of the stroke services consultation.",
        "what_was_good": "Once I found it, it was clear.",
        "what_could_be_better": "Put the other formats nearer the top of the page.",
        "rating": 3,
    },
    {
        "reference": "HYS-DEMOGF03",
        "about": GeneralFeedback.About.SERVICE,
        "service_name": "Community mental health team",
        "what_happened": "My referral letter took six weeks to arrive and nobody told me about the delay.",
        "what_could_be_better": "A text message when a referral is received would stop people worrying.",
        "rating": 2,
        "name": "Sam Example",
        "email": "sam@example.com",
    },
    {
        "reference": "HYS-DEMOGF04",
        "about": GeneralFeedback.About.OTHER,
        "what_happened": "I came to the drop-in event at the library about the new urgent treatment centre.",
        "what_was_good": "Staff explained the plans well and had printed copies to take away.",
    },
]

DEMO_PAGE_USEFULNESS = [
    ("/", True, ""),
    ("/", True, ""),
    ("/", False, "I could not see which consultations close soon."),
    ("/search/", True, ""),
    ("/share-your-views/", False, ""),
]


def load_general_feedback_demo(context=None):
    """A few GeneralFeedback and PageUsefulness rows for the demo site. Idempotent."""
    created = []
    for row in DEMO_GENERAL_FEEDBACK:
        row = dict(row)
        reference = row.pop("reference")
        feedback, made = GeneralFeedback.objects.get_or_create(reference=reference, defaults=row)
        if made:
            created.append(feedback)
    if not PageUsefulness.objects.filter(
        comment__startswith="I could not see which consultations"
    ).exists():
        home = (context or {}).get("home")
        for path, useful, comment in DEMO_PAGE_USEFULNESS:
            PageUsefulness.objects.create(
                path=path, useful=useful, comment=comment, page=home if path == "/" else None
            )
    return created
