"""Partner-facing URLs, outside i18n_patterns: the language is chosen by ?lang= or in the path."""

from django.urls import path

from partners import api, feeds, intake, views

app_name = "partners"

urlpatterns = [
    path("embed/embed-host.mjs", views.host_script, name="host_script"),
    path("embed/<str:kind>/<id:page_id>/", views.embed_view, name="embed_generic"),
    path("embed/<slug:partner_slug>/<str:kind>/<id:page_id>/", views.embed_view, name="embed_partner"),
    path("oembed/", views.oembed, name="oembed"),
    path("partners/demo/", views.demo_partner_page, name="demo_partner_page"),
    path("feeds/<str:lang>/consultations.atom", feeds.consultations_feed, name="consultations_feed"),
    path("feeds/<str:lang>/outcomes.atom", feeds.outcomes_feed, name="outcomes_feed"),
    path("api/v1/consultations/", api.consultations, name="api_consultations"),
    path("api/v1/consultations/<id:page_id>/", api.consultation, name="api_consultation"),
    path("api/v1/outcomes/", api.outcomes, name="api_outcomes"),
    path("api/v1/intake/consultations/<id:page_id>/responses/", intake.submit, name="api_intake"),
    path("api/v1/intake/openapi.yaml", intake.openapi, name="api_intake_openapi"),
]
