from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.sitemap import MultilingualSitemap
from security.ratelimit import limit_posts
from security.spreadsheet import safe_admin_exports

# A lost database is a clean 503 with Retry-After, anything else the static 500 page (security app).
handler500 = "security.views.server_error"

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on their own: answer it without the page tree (or the database).
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("display/", limit_posts("home:display")(home_views.set_display_preference), name="set_display_preference"),
    # Wagtail's reports and listings export through our formula escaping (same URLs, served first).
    path(settings.WAGTAILADMIN_PATH, include(safe_admin_exports(wagtailadmin_urls.urlpatterns))),
    path(settings.WAGTAILADMIN_PATH, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Every language in one file, each page with its hreflang alternates (home.sitemap).
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    # Partners: embeds, oEmbed, per-language feeds, the read API and the demo partner page.
    path("", include("partners.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("", include("consultations.urls")),
    path("", include("feedback.urls")),
    path("outcome-emails/", include("youwedid.urls")),
    path("get-involved/", include("involvement.urls")),
    path("published-responses/", include("reporting.urls")),
    # Wagtail's password form for private pages, rate-limited like every public POST (same URL).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        limit_posts("wagtail:page_password")(wagtail_views.authenticate_with_password),
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
