"""Demo accessibility statement: the site setting and the page that shows it (footer link)."""

import datetime

from wagtail.models import Site

from home.models import AccessibilityStatementPage, AccessibilityStatementSettings


def load(context):
    site = context.get("site") or Site.objects.filter(is_default_site=True).first()
    home = context.get("home") or (site.root_page.specific if site else None)
    if site is None or home is None:
        return
    AccessibilityStatementSettings.objects.update_or_create(
        site=site,
        defaults={
            "compliance_status": "partial",
            "known_issues": (
                "<ul><li>Some consultation documents published as PDFs before 2024 are not tagged for "
                "screen readers (WCAG 1.3.1). Ask us for an accessible version; we are replacing them "
                "by March 2027.</li><li>Embedded videos from other websites may have captions that were "
                "generated automatically (WCAG 1.2.2). Every video has a written transcript beside it.</li></ul>"
            ),
            "out_of_scope": "<p>PDFs and other documents published before 23 September 2018 that are not needed for taking part in a current consultation.</p>",
            "improvement_plan": "We check every new page type in a browser before it goes live, and review this statement every six months.",
            "prepared_on": datetime.date(2026, 9, 1),
            "last_tested_on": datetime.date(2026, 11, 2),
            "reviewed_on": datetime.date(2026, 11, 2),
        },
    )
    page = AccessibilityStatementPage.objects.child_of(home).first()
    if page is None:
        page = home.add_child(
            instance=AccessibilityStatementPage(
                title="Accessibility statement",
                slug="accessibility-statement",
                introduction="How accessible this website is, what to do if you cannot use part of it, and how to tell us about a problem.",
                show_in_menus=False,
            )
        )
        page.save_revision().publish()
    context["accessibility_statement"] = page
