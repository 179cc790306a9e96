"""A small read-only JSON API (documented in docs/api.md). Public content only: no responses,
no respondents, no staff contacts beyond what the public pages show.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods

from wagtail.models import Locale

from consultations.materials import prepare_materials
from consultations.models import ConsultationPage
from consultations.models.snippets import localized_terms
from consultations.outcomes import live_outcome_for
from consultations.status import get_status
from feedback.questions import form_page_for
from feedback.services import source_page
from home.public_urls import public_url
from partners.embed import in_language
from youwedid.models import YouSaidWeDidPage

MAX_AGE = 300
PAGE_SIZE = 50


def _cors_json(payload, status=200):
    response = JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    if status == 200:
        patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _preflight():
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Max-Age"] = "86400"
    return response


def _locale(request):
    lang = request.GET.get("lang")
    if lang:
        if lang not in {code for code, _name in settings.LANGUAGES}:
            raise Http404("no such language")
        return Locale.objects.filter(language_code=lang).first() or Locale.get_default()
    return Locale.get_default()


def _iso(value):
    return value.isoformat() if value else None


def _terms(terms, locale):
    return [{"slug": term.slug, "name": term.name} for term in localized_terms(list(terms), locale)]


def _materials(page, request):
    return [
        {
            "title": material.title,
            "description": material.description,
            "formats": sorted(material.formats),
            "versions": [
                {
                    "format": version.format,
                    "format_label": version.format_label,
                    "language": version.language,
                    "file_type": version.file_type,
                    "size": version.size,
                    "page_count": version.page_count,
                    "url": version.absolute_url,
                }
                for version in material.versions
            ],
        }
        for material in prepare_materials(page, request)
    ]


def consultation_data(page, request, now, *, detail=False):

    source = source_page(page)
    status = get_status(source, now)
    form = form_page_for(page)
    form = in_language(form, page.locale.language_code) if form is not None else None
    outcome = live_outcome_for(page) if status == "outcome" else None
    data = {
        "id": page.pk,
        "api_url": public_url(reverse("partners:api_consultation", args=[page.pk])),
        "title": page.title,
        "summary": page.summary,
        "language": page.locale.language_code,
        "status": status,
        "opens_at": _iso(page.opens_at),
        "closes_at": _iso(page.closes_at),
        "topics": _terms(page.topics.all(), page.locale),
        "areas": _terms(page.areas.all(), page.locale),
        "url": public_url(page, request),
        "response_url": public_url(form, request) if form is not None and form.live and status == "open" else None,
        "outcome_url": public_url(outcome, request) if outcome is not None else None,
        "first_published_at": _iso(page.first_published_at),
        "last_published_at": _iso(page.last_published_at),
        "materials": _materials(page, request),
    }
    if detail:
        data["translations"] = {
            t.locale.language_code: public_url(reverse("partners:api_consultation", args=[t.pk]))
            for t in page.get_translations().live().select_related("locale")
        }
    return data


def _page_number(request):
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _paged(request, queryset, build):
    total = queryset.count()
    # Past the last page is an empty page, one after it: a huge ?page= must not reach the database
    # as an OFFSET (SQLite refuses one over 2**63 with an error).
    number = min(_page_number(request), total // PAGE_SIZE + 2)
    items = list(queryset[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
    base = public_url(request.path)
    params = request.GET.copy()

    def link(n):
        params["page"] = str(n)
        return f"{base}?{params.urlencode()}"

    return {
        "count": total,
        "next": link(number + 1) if number * PAGE_SIZE < total else None,
        "previous": link(number - 1) if number > 1 else None,
        "results": [build(item) for item in items],
    }


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def consultations(request):

    if request.method == "OPTIONS":
        return _preflight()
    now = timezone.now()
    locale = _locale(request)
    queryset = (
        ConsultationPage.objects.live()
        .public()
        .listed()
        .filter(locale=locale)
        .select_related("locale")
        .prefetch_related("topics", "areas")
        .order_by("-opens_at", "pk")
    )
    wanted = request.GET.get("status")
    if wanted:
        ids = [page.pk for page in queryset if get_status(page, now) == wanted]
        queryset = queryset.filter(pk__in=ids)
    return _cors_json(_paged(request, queryset, lambda page: consultation_data(page, request, now)))


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def consultation(request, page_id):
    if request.method == "OPTIONS":
        return _preflight()
    page = ConsultationPage.objects.live().public().listed().filter(pk=page_id).select_related("locale").first()
    if page is None:
        return _cors_json({"error": "not found"}, status=404)
    return _cors_json(consultation_data(page, request, timezone.now(), detail=True))


def outcome_data(page, request):
    consultations = ConsultationPage.objects.live().public().listed().filter(pk__in=page.consultations.values("pk"))
    return {
        "id": page.pk,
        "title": page.title,
        "summary": page.summary,
        "language": page.locale.language_code,
        "url": public_url(page, request),
        "first_published_at": _iso(page.first_published_at),
        "last_published_at": _iso(page.last_published_at),
        "decision_date": _iso(page.decision_date),
        "consultations": [
            {"id": c.pk, "title": c.title, "api_url": public_url(reverse("partners:api_consultation", args=[c.pk]))}
            for c in consultations
        ],
        "items": [{"you_said": item.you_said, "we_did": item.we_did, "status": item.status} for item in page.items.all()],
    }


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def outcomes(request):
    if request.method == "OPTIONS":
        return _preflight()
    locale = _locale(request)
    queryset = (
        YouSaidWeDidPage.objects.live().public().filter(locale=locale).select_related("locale").order_by("-first_published_at", "pk")
    )
    return _cors_json(_paged(request, queryset, lambda page: outcome_data(page, request)))
