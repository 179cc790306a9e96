"""The accessibility statement has every section the 2018 regulations require, from a site setting."""

import datetime

from wagtail.models import Site

import pytest

from home.models import (
    AccessibilityStatementPage,
    AccessibilityStatementSettings,
    OrganisationSettings,
)


@pytest.fixture
def statement_page(home_page):
    site = Site.objects.get(is_default_site=True)
    OrganisationSettings.objects.update_or_create(
        site=site, defaults={"name": "Test ICB", "email": "access@example.nhs.uk", "phone": "0300 000 0000"}
    )
    AccessibilityStatementSettings.objects.update_or_create(
        site=site,
        defaults={
            "compliance_status": "partial",
            "known_issues": "<ul><li>Old PDFs are not tagged (WCAG 1.3.1).</li></ul>",
            "response_days": 7,
            "reviewed_on": datetime.date(2026, 11, 2),
            "prepared_on": datetime.date(2026, 9, 1),
        },
    )
    page = home_page.add_child(instance=AccessibilityStatementPage(title="Accessibility statement", slug="accessibility"))
    page.save_revision().publish()
    return page


def test_statement_shows_every_required_section_from_the_setting(client, statement_page):
    html = client.get(statement_page.url).content.decode()
    for heading in [
        "Compliance status",
        "Non-accessible content",
        "What to do if you cannot access parts of this website",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "How we tested this website",
        "Preparation of this accessibility statement",
    ]:
        assert f">{heading}</h2>" in html, heading
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard" in html
    assert "Old PDFs are not tagged (WCAG 1.3.1)." in html
    assert "mailto:access@example.nhs.uk" in html and "0300 000 0000" in html
    assert "within 7 working days" in html
    assert "Equality and Human Rights Commission (EHRC)" in html and "equalityadvisoryservice.com" in html
    assert "2 November 2026" in html and "1 September 2026" in html


def test_northern_ireland_bodies_name_the_ecni(client, statement_page):
    AccessibilityStatementSettings.objects.filter(site__is_default_site=True).update(enforcement_body="ecni")
    html = client.get(statement_page.url).content.decode()
    assert "Equality Commission for Northern Ireland (ECNI)" in html
    assert "equalityadvisoryservice" not in html


def test_statement_page_lives_only_under_the_home_page_once():
    assert AccessibilityStatementPage.parent_page_types == ["home.HomePage"]
    assert AccessibilityStatementPage.subpage_types == []
