"""config.wsgi: what gunicorn loads leaves the long-lived objects out of the garbage collector."""

import gc
import importlib


def test_loading_the_wsgi_application_freezes_what_django_loaded():
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    wsgi = importlib.reload(importlib.import_module("config.wsgi"))
    assert callable(wsgi.application)
    assert gc.get_freeze_count() > 10_000  # the apps' modules, models and registries
