from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

# A lost database is a clean 503 with Retry-After, anything else the static 500 page (security app).
handler500 = "security.views.server_error"

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on their own: answer it without the page tree (or the database).
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("display/", home_views.set_display_preference, name="set_display_preference"),
    path(settings.WAGTAILADMIN_PATH, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Partners: embeds, oEmbed, per-language feeds, the read API and the demo partner page.
    path("", include("partners.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("", include("feedback.urls")),
    path("outcome-emails/", include("youwedid.urls")),
    path("published-responses/", include("reporting.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
