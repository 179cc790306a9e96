"""The "done when" of issue 8: a partner site on another origin embeds a consultation; with
third-party cookies blocked the iframe resizes, a response sent inside it is stored once for that
partner, and the same embed on an unregistered origin is refused by the browser."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from feedback import questions as q
from feedback.models import Response
from tests.browser.conftest import CHROMIUM_ARGS, axe_violations, chromium_path
from tests.factories import add_form, make_consultation, make_partner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chromium's switch that turns on third-party cookie blocking (the "phase-out"), verified below
# by trying to set a cookie inside the iframe.
BLOCK_THIRD_PARTY_COOKIES = "--test-third-party-cookie-phaseout"

QUESTIONS = [
    {"field_type": q.SECTION, "label": "Your views", "new_step": True},
    {"key": "support", "label": "How far do you agree with the proposal?", "field_type": q.AGREE_SCALE, "required": True},
    {"field_type": q.SECTION, "label": "Anything else", "new_step": True},
    {"key": "reasons", "label": "Tell us why you feel this way", "field_type": q.LONG_TEXT, "required": False},
]


class PartnerSite:
    """A tiny "partner website" on its own origin (http.server in a thread) serving `self.html`."""

    def __init__(self):
        self.html = ""
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                body = site.html.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def host_page(ours, path):
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Healthwatch Northfield</title></head>'
        "<body><h1>Healthwatch Northfield</h1><p>Tell the NHS what you think.</p>"
        f'<iframe src="{ours}{path}" title="Consultation: urgent care – read it and respond" width="100%" height="300" data-hys-embed></iframe>'
        f'<script type="module" src="{ours}/embed/embed-host.mjs"></script></body></html>'
    )


@pytest.fixture
def isolated_browser(playwright_driver):
    browser = playwright_driver.chromium.launch(
        executable_path=chromium_path(), args=[*CHROMIUM_ARGS, BLOCK_THIRD_PARTY_COOKIES], headless=True
    )
    yield browser
    browser.close()


def embed_frame(page):
    page.wait_for_function("() => document.querySelector('iframe[data-hys-embed]') !== null")
    handle = page.query_selector("iframe[data-hys-embed]")
    return handle, handle.content_frame()


def test_partner_site_embeds_resizes_and_takes_a_response_with_third_party_cookies_blocked(live_server, home_page, isolated_browser):
    consultation = make_consultation(home_page)
    add_form(consultation, questions=QUESTIONS)
    with PartnerSite() as site:
        partner = make_partner(origins=site.origin)
        site.html = host_page(live_server.url, f"/embed/{partner.slug}/consultation/{consultation.pk}/?lang=en")
        context = isolated_browser.new_context(viewport={"width": 1000, "height": 800})
        page = context.new_page()
        page.goto(site.origin + "/")
        iframe, frame = embed_frame(page)
        frame.wait_for_selector("[data-testid=embed-form]")

        # The host script sized the iframe to the embedded page's content.
        page.wait_for_function("() => document.querySelector('iframe[data-hys-embed]').dataset.hysResized === 'true'")
        height = int(iframe.get_attribute("height"))
        content = frame.evaluate("() => Math.ceil(document.querySelector('main').getBoundingClientRect().bottom)")
        assert height != 300
        assert abs(height - content) <= 40

        # Third-party cookies really are blocked in this frame.
        assert frame.evaluate("() => { document.cookie = 'probe=1; SameSite=None; Secure'; document.cookie = 'probe2=1'; return document.cookie; }") == ""

        frame.get_by_label("Agree", exact=True).check()
        frame.get_by_label("Tell us why you feel this way").fill("The bus goes there.")
        frame.get_by_role("button", name="Send your response").click()
        frame.wait_for_selector("[data-testid=reference]")
        reference = frame.locator("[data-testid=reference]").inner_text()
        context.close()

    stored = Response.objects.get()
    assert stored.reference == reference
    assert stored.partner_id == partner.pk
    assert stored.channel == "embed"
    assert stored.answers["support"] == "agree"


def test_embed_on_an_unregistered_origin_is_refused_by_the_browser(live_server, home_page, isolated_browser):
    consultation = make_consultation(home_page)
    add_form(consultation, questions=QUESTIONS)
    partner = make_partner(origins="https://healthwatch-northfield.example")
    with PartnerSite() as site:
        site.html = host_page(live_server.url, f"/embed/{partner.slug}/consultation/{consultation.pk}/?lang=en")
        context = isolated_browser.new_context()
        page = context.new_page()
        refusals = []
        page.on("console", lambda message: refusals.append(message.text) if "frame-ancestors" in message.text else None)
        page.goto(site.origin + "/")
        iframe, frame = embed_frame(page)
        page.wait_for_timeout(1500)
        assert frame is None or frame.query_selector("[data-testid=embed-form]") is None
        assert iframe.get_attribute("height") == "300"  # never resized: nothing of ours ran
        assert any("frame-ancestors" in text for text in refusals)
        context.close()


def test_embed_view_has_no_wcag_violations(live_server, home_page, page, axe):
    consultation = make_consultation(home_page)
    add_form(consultation, questions=QUESTIONS)
    partner = make_partner()
    page.goto(f"{live_server.url}/embed/{partner.slug}/consultation/{consultation.pk}/?lang=en")
    assert page.locator("h1").inner_text() == consultation.title
    assert axe_violations(axe, page) == []
