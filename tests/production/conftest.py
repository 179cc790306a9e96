import pytest


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    from django.core.cache import caches

    caches["default"].clear()
    caches["pages"].clear()
    return settings
