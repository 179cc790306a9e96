"""The WSGI application gunicorn serves (`config.wsgi`).

Once Django has loaded every app, the objects that made (modules, models, templates' libraries,
Wagtail's registries: most of a worker's heap) live as long as the worker. ``gc.freeze()`` moves
them out of the cyclic garbage collector's sight, so its full collections no longer walk them
all again every few hundred page views: measured in-process on a consultation page built from
fragments, 3.0-3.5 ms of CPU a view instead of 4.0-4.6 ms (docs/deploy.md). Nothing is freed
later that would have been: they are never garbage.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()
gc.freeze()
