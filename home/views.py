from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wagtail.models import Locale, Page

from home.display import DISPLAY_COOKIE, LARGE_PRINT
from home.listing import listed_pages

ONE_YEAR = 365 * 24 * 60 * 60


@never_cache
def healthz(request):
    """For load balancers: 200 when this process can reach its database, 503 when it cannot."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "take me out of rotation"
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


FAVICON = "dist/nhsuk/assets/images/favicon.ico"


def favicon(request):
    """/favicon.ico → the static icon; no page lookup, so it works before the database is ready.
    Not a permanent redirect: the static address changes with each release (hashed names)."""
    response = HttpResponseRedirect(static(FAVICON))
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response


# Only a display cookie changes, so CSRF protection adds nothing here, and leaving the token out
# keeps every page that shows this toggle cacheable.
@csrf_exempt
@require_POST
def set_display_preference(request):
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.POST.get("display") == LARGE_PRINT:
        response.set_cookie(DISPLAY_COOKIE, LARGE_PRINT, max_age=ONE_YEAR, samesite="Lax", httponly=True, secure=request.is_secure())
    else:
        response.delete_cookie(DISPLAY_COOKIE, samesite="Lax")
    return response


def search_query(raw: str) -> str:
    """What a visitor typed, made safe for every search backend: double quotes are query syntax
    to SQLite's full-text index (an unpaired one is an error there), and mean nothing to the
    plain-words search the site offers, so they are dropped."""
    return " ".join(raw.replace('"', " ").split())[:200]


def search(request):
    """Site search over live pages in the person's language (consultations, materials, outcomes)."""


    query = search_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        locale = Locale.get_active()
        results = listed_pages(Page.objects.filter(locale=locale).exclude(depth__lte=1)).search(query)
    paginator = Paginator(results, 10)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(request, "home/search.html", {"query": query, "page_obj": page_obj, "results": page_obj.object_list})
