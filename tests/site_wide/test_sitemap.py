"""/sitemap.xml: every language with hreflang alternates; nothing private, unpublished or draft."""

import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction

import pytest

from home.models import StandardPage
from home.translation import translate_page, translated_instance
from tests.factories import make_consultation
from tests.i18n.samples import page_texts

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
BASE = "http://testserver"  # PUBLIC_BASE_URL in the test settings


def add_page(parent, slug, title, publish=True):
    page = parent.add_child(instance=StandardPage(title=title, slug=slug, live=publish))
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def read_sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall("s:url", NS):
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", NS)
            if link.get("rel") == "alternate"
        }
        entries[url.find("s:loc", NS).text] = alternates
    return entries


@pytest.fixture
def site_tree(home_page):
    consultation = make_consultation(home_page)
    index = consultation.get_parent().specific
    for code in ("cy", "ur"):
        for source in (home_page, index, consultation):
            translate_page(source, code, page_texts(code))
    # Polish: the home page is published, the consultation's translation is still a draft.
    translate_page(home_page, "pl", page_texts("pl"))
    translate_page(index, "pl", page_texts("pl"))
    translate_page(consultation, "pl", page_texts("pl"), publish=False)

    private = add_page(home_page, "staff-only", "Staff only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    add_page(private, "under-staff-only", "Under a private page")
    add_page(home_page, "not-yet", "Not published yet", publish=False)
    return consultation


def test_sitemap_lists_every_language_with_hreflang_alternates(client, site_tree):
    entries = read_sitemap(client)
    consultation = site_tree
    welsh = translated_instance(consultation, "cy")
    urdu = translated_instance(consultation, "ur")

    english_url = BASE + consultation.url
    assert english_url in entries
    assert BASE + welsh.url in entries and welsh.url.startswith("/cy/")
    assert BASE + urdu.url in entries and urdu.url.startswith("/ur/")
    expected = {
        "en": english_url,
        "cy": BASE + welsh.url,
        "ur": BASE + urdu.url,
        "x-default": english_url,
    }
    for url in (english_url, BASE + welsh.url, BASE + urdu.url):
        assert entries[url] == expected
    # The home page exists (live) in all four languages.
    assert set(entries[BASE + "/"]) == {"en", "cy", "pl", "ur", "x-default"}
    assert all(loc.startswith(BASE + "/") for loc in entries)


def test_sitemap_leaves_out_private_unpublished_and_draft_translation_pages(client, site_tree):
    entries = read_sitemap(client)
    polish_draft = translated_instance(site_tree, "pl")
    assert polish_draft is not None and not polish_draft.live
    locations = " ".join(entries)
    assert "staff-only" not in locations
    assert "under-staff-only" not in locations
    assert "not-yet" not in locations
    assert f"/pl{site_tree.url}" not in locations
    assert "pl" not in entries[BASE + site_tree.url]
