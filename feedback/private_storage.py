"""Where uploaded answers are kept: a storage with no public address.

Files live under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so neither the web server nor
`MEDIA_URL` can ever reach them. The only way out is the permission-checked download view
(`feedback.admin_uploads`). `url()` refuses, so a template that tried to link a file directly
fails loudly instead of printing a guessable public address. Production may point the
`uploads` storage (STORAGES["uploads"]) at a private bucket instead; docs/deploy.md.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateFileStorage(FileSystemStorage):
    """FileSystemStorage under PRIVATE_MEDIA_ROOT (read at use, so tests can move it)."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("uploaded answers have no public URL: use the staff download view")


def upload_storage():
    """The storage of `Upload.file` (a callable, so migrations never record a path)."""
    return storages["uploads"]
