"""Web origins: parsing and validating the origins a partner may embed our pages from."""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# https://host[:port] anywhere; plain http only for local development (localhost / 127.0.0.1).
HTTPS_ORIGIN_RE = re.compile(r"^https://(?P<host>[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+)(:(?P<port>[0-9]{1,5}))?$")
LOCAL_ORIGIN_RE = re.compile(r"^http://(localhost|127\.0\.0\.1):(?P<port>[0-9]{1,5})$")


def normalise_origin(value):
    """'HTTPS://Example.org/' -> 'https://example.org'; None when it is not an allowed origin."""
    value = str(value or "").strip().rstrip("/").lower()
    match = HTTPS_ORIGIN_RE.match(value) or LOCAL_ORIGIN_RE.match(value)
    if not match:
        return None
    port = match.group("port")
    if port is not None and not 0 < int(port) < 65536:
        return None
    if value.startswith("https://") and value.endswith(":443"):
        value = value[: -len(":443")]
    return value


def parse_origins(text):
    """The origins listed one per line (or separated by spaces or commas), normalised, de-duplicated."""
    out = []
    for item in re.split(r"[\s,]+", str(text or "")):
        origin = normalise_origin(item)
        if origin and origin not in out:
            out.append(origin)
    return out


def validate_origins(text):
    bad = [item for item in re.split(r"[\s,]+", str(text or "")) if item.strip() and normalise_origin(item) is None]
    if bad:
        raise ValidationError(
            _("These are not web origins we can allow: %(bad)s. Write each as https://host or https://host:port (http://localhost:port for testing), without a path."),
            params={"bad": ", ".join(bad[:5])},
            code="invalid_origin",
        )


def origin_of(url):
    """The origin (scheme://host[:port]) of a URL or '' ."""
    try:
        parts = urlsplit(str(url or ""))
    except ValueError:
        return ""
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()
