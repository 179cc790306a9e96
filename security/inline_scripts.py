"""The site's only inline script, and the hash that lets the public policy allow it.

Marking ``<body>`` as soon as it exists lets NHS.UK frontend's styles hide what JavaScript will
enhance, without a flash of the unenhanced page; a script file would arrive too late. Allowing it
by hash instead of a nonce keeps public pages free of per-response secrets, so any HTTP cache can
keep them. ``{% inline_script "js-enabled" %}`` (security/templatetags/csp_tags.py) writes it; the
settings put every hash here into ``script-src``. Plain Python: the settings import it.
"""

import base64
import hashlib

SCRIPTS = {
    "js-enabled": 'document.body.className += (document.body.className ? " " : "") + "js-enabled nhsuk-frontend-supported";',
}


def script_hash(code):
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode("ascii") + "'"


def script_hashes():
    return [script_hash(code) for code in SCRIPTS.values()]
