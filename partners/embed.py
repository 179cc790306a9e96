"""Embeds: which pages and partners, the framing policy, and the signed per-form token.

Why a signed token instead of Django's CSRF cookie
--------------------------------------------------
Inside a partner's iframe our pages are third-party: a browser that blocks third-party cookies
(Safari, Firefox strict, Chrome with the phase-out) never stores our session or CSRF cookie, so
the cookie-based CSRF check would refuse every embedded response. The embed form instead carries
a token signed with SECRET_KEY (`django.core.signing`, its own salt) that binds the form to one
partner, one consultation, one language, a random nonce and the time it was issued (valid for
EMBED_TOKEN_MAX_AGE). A forger cannot make one without the key, and the POST must also come
from our own origin (Origin header, else Referer), so another site cannot post a form at us in
a visitor's name — which is what CSRF protection is for. The same token is the idempotency key's
source: posting it twice stores one response.
"""

import hashlib
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, Page

from consultations.models import ConsultationPage
from feedback import services
from feedback.questions import form_page_for
from home.cache import fragment_seconds, request_generation, shared_entry
from home.listing import listed_pages
from home.models import OrganisationSettings
from partners.models import Partner
from partners.origins import origin_of, parse_origins
from security.csp import allow_framing
from youwedid.models import YouSaidWeDidPage

logger = logging.getLogger(__name__)

TOKEN_SALT = "partners.embed.form.v1"  # nosec B105 (a signing salt, not a secret)
EMBED_TOKEN_MAX_AGE = 4 * 60 * 60  # seconds: long enough to write a considered response


# --- Pages and partners ---------------------------------------------------------------------------
def active_partner(slug):
    partner = Partner.objects.filter(slug=slug, is_active=True).first()
    if partner is None:
        raise Http404("no such partner")
    return partner


def all_partner_origins():
    """Every active partner's origins: the frame-ancestors of a partner-less (generic) embed."""
    out = []
    for text in Partner.objects.filter(is_active=True).values_list("allowed_origins", flat=True):
        for origin in parse_origins(text):
            if origin not in out:
                out.append(origin)
    return sorted(out)


def embed_origins(partner):
    return partner.origins if partner is not None else all_partner_origins()


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def chosen_language(request):
    lang = (request.GET.get("lang") or "").strip().lower()
    return lang if lang in language_codes() else None


def live_page_of_type(page_id, model):
    page = listed_pages(Page.objects.filter(pk=page_id)).specific().first() if page_id else None
    if page is None or not isinstance(page, model):
        raise Http404("no such page")
    return page


def in_language(page, lang):
    """The live translation of `page` in `lang` (None: the page's own language), else the page."""
    if not lang or page.locale.language_code == lang:
        return page
    locale = Locale.objects.filter(language_code=lang).first()
    if locale is None:
        return page
    translation = page.get_translation_or_none(locale)
    if translation is None or not translation.live:
        return page
    return translation.specific


def consultation_model():
    return ConsultationPage


def outcome_model():
    return YouSaidWeDidPage


def embed_path(kind, page, partner=None, lang=None):
    """/embed/<partner>/consultation/<id>/?lang=xx (or /embed/consultation/<id>/ without a partner)."""
    if partner is not None:
        url = reverse("partners:embed_partner", args=[partner.slug, kind, page.pk])
    else:
        url = reverse("partners:embed_generic", args=[kind, page.pk])
    return f"{url}?lang={lang}" if lang else url


# --- What an embed address leads to, remembered until anything is published ----------------------

@dataclass
class EmbedTarget:
    """Everything an embed request needs that is the same for every visitor until something is
    published: the partner, the page in the chosen language, and for a consultation its source
    page and live response form (with the form's question rows, so building the form costs no
    query). The site's organisation settings and the frame-ancestor origins come with them."""

    partner: object
    page: object
    site: object
    organisation: object
    origins: list
    source: object = None
    form_page: object = None
    form_rows: tuple = None  # feedback.services.field_rows(form_page): the form costs no query
    default_locale: object = None


def build_target(kind, page_id, partner_slug, lang):
    """Resolve an embed address from the database (Http404 when there is nothing to show)."""

    partner = active_partner(partner_slug) if partner_slug is not None else None
    model = outcome_model() if kind == "outcome" else consultation_model()
    page = in_language(live_page_of_type(page_id, model), lang)
    page.locale  # noqa: B018 (loaded now, so it travels with the cached page)
    site = page.get_site()
    target = EmbedTarget(
        partner=partner,
        page=page,
        site=site,
        organisation=OrganisationSettings.for_site(site) if site else None,
        origins=embed_origins(partner),
    )
    if kind == "consultation":
        target.source = services.source_page(page)
        form_page = form_page_for(page)
        if form_page is not None:
            form_page = in_language(form_page, page.locale.language_code)
            form_page = form_page if form_page.live else None
        target.form_page = form_page
        if form_page is not None:
            target.form_rows = services.field_rows(form_page)
            target.default_locale = services.default_locale()
    return target


def embed_target(request, kind, page_id, partner_slug, lang):
    """`build_target`, remembered in the page cache under its generation, so publishing anything,
    saving a partner, a site, an "About you" section or the organisation settings forgets it at
    once (home.cache.clear_local). Lifetime FRAGMENT_CACHE_SECONDS; 0 turns it off."""
    if fragment_seconds() <= 0:
        return build_target(kind, page_id, partner_slug, lang)
    try:
        key = f"hys:embed:{request_generation(request)}:{kind}:{page_id}:{partner_slug or ''}:{lang or ''}"
    except Exception:  # a cache outage only costs speed
        logger.exception("Embed cache unavailable")
        return build_target(kind, page_id, partner_slug, lang)
    # Kept in this process too (home.cache.shared_entry): never mutated by a request, the views
    # only read it (and treebeard's parent, the same on every request).
    return shared_entry(key, lambda: build_target(kind, page_id, partner_slug, lang), fragment_seconds())


# --- The framing policy -----------------------------------------------------------------------------
def csp_middleware_active():
    return "security.csp.SitePolicyMiddleware" in settings.MIDDLEWARE


def allow_framing_by(response, origins):
    """Let only `origins` (and our own origin) frame this response (`frame-ancestors`).

    With the site's CSP middleware installed we replace just that directive in the site's policy
    (``security.csp.allow_framing``); without it we set the header ourselves. X-Frame-Options is
    dropped by the view's `xframe_options_exempt` — browsers ignore it when frame-ancestors is
    present anyway, but older ones would otherwise refuse every frame.
    """
    # 'self' too: our own admin previews the embed, and /partners/demo/ shows it, from our origin.
    ancestors = ["'self'", *origins]
    if csp_middleware_active():
        allow_framing(response, ancestors)
    else:
        response["Content-Security-Policy"] = "frame-ancestors " + " ".join(ancestors)
    return response


# --- The signed form token --------------------------------------------------------------------------
def make_token(partner, consultation, form_page, lang):
    payload = {
        "p": partner.pk if partner is not None else 0,
        "c": consultation.pk,
        "f": form_page.pk,
        "l": lang or "",
        "n": secrets.token_urlsafe(16),
        "t": int(timezone.now().timestamp()),
    }
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


class BadToken(Exception):
    pass


def read_token(token, partner, consultation, form_page, max_age=None):
    """The token's payload when it is genuine, fresh and bound to this partner, consultation and form."""
    max_age = EMBED_TOKEN_MAX_AGE if max_age is None else max_age
    try:
        payload = signing.loads(str(token or ""), salt=TOKEN_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BadToken("expired") from error
    except signing.BadSignature as error:
        raise BadToken("bad signature") from error
    if not isinstance(payload, dict):
        raise BadToken("bad payload")
    if payload.get("p") != (partner.pk if partner is not None else 0):
        raise BadToken("other partner")
    if payload.get("c") != consultation.pk or payload.get("f") != form_page.pk:
        raise BadToken("other form")
    return payload


def idempotency_key(payload):
    """A stable key from the token's nonce (and its binding), at most 64 characters."""
    raw = f"{payload['p']}:{payload['c']}:{payload['f']}:{payload['n']}".encode()
    return "embed-" + hashlib.sha256(raw).hexdigest()[:58]


def our_origin(request):
    return f"{request.scheme}://{request.get_host()}".lower()


def same_origin_post(request):
    """True when the POST came from a page of ours (the iframe's own document).

    Browsers send Origin on every cross-site POST and on same-origin form POSTs; when it is
    absent (rare, old browsers) the Referer must name our origin. Neither relies on a cookie.
    """
    ours = our_origin(request)
    origin = request.headers.get("Origin")
    if origin:
        return origin.lower() == ours
    referer = request.headers.get("Referer")
    return bool(referer) and origin_of(referer) == ours
