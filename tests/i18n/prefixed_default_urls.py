"""A URL configuration that prefixes the default language too (tests/i18n/test_vary_language.py)."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

urlpatterns = i18n_patterns(
    path("page/", lambda request: HttpResponse("page")), prefix_default_language=True
)
