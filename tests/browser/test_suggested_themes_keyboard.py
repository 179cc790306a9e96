"""An analyst codes themes from suggestions in the real Wagtail admin with the keyboard alone,
then sees the answers coded; axe finds nothing on the suggestions and organised-responses pages."""

import datetime
from urllib.parse import urlparse

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from wagtail.models import Locale

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARKING = [
    "There is never enough parking at the hospital car park.",
    "Parking spaces at the car park are always full.",
    "The car park needs more parking spaces for visitors.",
    "Car parking charges are too high and the car park is full.",
]
BUSES = [
    "The bus does not run in the evening from our village.",
    "We need a bus route from the village to the new centre.",
    "The bus timetable is useless in the evening.",
    "No bus route serves the centre from the villages.",
]
CAMPAIGN = (
    "I strongly object to the closure of the Northfield minor injuries unit. Families without a car "
    "would have to travel more than twenty miles for simple care, and the buses do not run in the evening."
)


@pytest.fixture
def analysed(home_page):
    from django.contrib.auth import get_user_model

    from feedback.models import Response
    from feedback.permissions import VIEW_RESPONSES, grant_on_page
    from tests.factories import add_form, make_consultation

    consultation = make_consultation(
        home_page, title="Minor injuries in Northfield", slug="minor-injuries", opens=-30, closes=-1
    )
    add_form(consultation)
    analyst = get_user_model().objects.create_user(
        "keyboard-analyst", "analyst@example.org", "pw-for-tests-only", is_staff=True
    )
    group = Group.objects.create(name="Analysts")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    grant_on_page(group, consultation, VIEW_RESPONSES)
    analyst.groups.add(group)
    english, welsh = (
        Locale.objects.get(language_code="en"),
        Locale.objects.get_or_create(language_code="cy")[0],
    )
    texts = [
        *PARKING,
        *BUSES,
        *[CAMPAIGN] * 3,
        CAMPAIGN.replace("strongly", "really") + " Thank you.",
    ]
    for days, text in enumerate(texts):
        Response.objects.create(
            consultation=consultation,
            locale=english,
            answers={"reasons": text},
            submitted_at=timezone.now() - datetime.timedelta(days=days + 2),
        )
    for text in (
        "Does dim digon o le parcio.",
        "Mae'r maes parcio yn llawn.",
        "Nid yw'r bws yn rhedeg.",
        "Mae angen llwybr bws.",
    ):
        Response.objects.create(
            consultation=consultation,
            locale=welsh,
            answers={"reasons": text},
            submitted_at=timezone.now() - datetime.timedelta(days=3),
        )
    return consultation, analyst


def settled_violations(axe, page):
    """axe once the admin's message banner has finished fading in (mid-fade, its contrast is low)."""
    page.evaluate(
        "() => Promise.all(document.getAnimations().map((animation) => animation.finished))"
    )
    return axe_violations(axe, page)


def focused_matches(page, selector):
    page.wait_for_load_state()
    return page.evaluate(
        "(selector) => !!document.activeElement && document.activeElement.matches(selector)",
        selector,
    )


def tab_to(page, selector, limit=250):
    """Press Tab (only Tab) until the element matching `selector` has focus."""
    for _ in range(limit):
        if focused_matches(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {selector} with the Tab key")


def type_over(page, text):
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_analyst_accepts_renames_and_rejects_suggestions_with_the_keyboard(
    live_server, page, axe, analysed
):
    from feedback.models import Response
    from reporting.models import ResponseTheme, Theme, ThemeSuggestion

    consultation, analyst = analysed
    page.goto(f"{live_server.url}/admin/login/?next=/admin/reporting/")
    tab_to(page, "#id_username")
    page.keyboard.type(analyst.username)
    tab_to(page, "#id_password")
    page.keyboard.type("pw-for-tests-only")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlparse(url).path == "/admin/reporting/")

    # Analysis and reports → the consultation → Suggested themes.
    tab_to(page, f"a[href$='/admin/reporting/{consultation.pk}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/admin/reporting/{consultation.pk}/")
    tab_to(page, "a[href$='/themes/suggested/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/themes/suggested/")
    assert settled_violations(axe, page) == []

    tab_to(page, "button[value=suggest], form:has(input[value=suggest]) button")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=suggestion]")
    assert not ResponseTheme.objects.exists()  # suggestions alone code nothing
    assert settled_violations(axe, page) == []

    english = list(
        ThemeSuggestion.objects.filter(consultation=consultation, language="en", status="pending")
    )
    about_parking = set(
        Response.objects.filter(answers__reasons__in=PARKING).values_list("pk", flat=True)
    )
    parking = max(english, key=lambda suggestion: len(about_parking & set(suggestion.response_ids)))
    others = [s for s in english if s.pk != parking.pk]

    # Accept the parking suggestion under a better name.
    tab_to(page, f"#suggestion-name-{parking.pk}")
    type_over(page, "Parking at the hospital")
    page.keyboard.press("Tab")  # Save name
    page.keyboard.press("Tab")  # Accept and code
    assert focused_matches(page, "button[value=accept]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Theme “Parking at the hospital” accepted")

    # Rename another (Enter in the name field saves the name and codes nothing), then reject it.
    target = others[0]
    tab_to(page, f"#suggestion-name-{target.pk}")
    type_over(page, "Buses in the evening")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Suggestion renamed “Buses in the evening”")
    assert page.locator(f"#suggestion-{target.pk}").inner_text().startswith("Buses in the evening")
    tab_to(page, f"form:has(input[name=suggestion][value='{target.pk}']) button[value=reject]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=rejected; no answers were coded")
    assert page.locator("[data-testid=decision]").count() == 2
    assert settled_violations(axe, page) == []

    theme = Theme.objects.get(consultation=consultation, name="Parking at the hospital")
    parking.refresh_from_db()
    assert set(
        ResponseTheme.objects.filter(theme=theme).values_list("response_id", flat=True)
    ) == set(parking.response_ids)
    assert ThemeSuggestion.objects.get(pk=target.pk).status == "rejected"
    assert not ResponseTheme.objects.exclude(theme=theme).exists()

    # The analyst sees the answers coded on the Themes tab.
    tab_to(page, "a[href$='/themes/'][href*='/admin/reporting/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/themes/")
    section = page.locator(f"#theme-{theme.pk}").inner_text()
    assert (
        "Parking at the hospital" in section and f"{len(parking.response_ids)} responses" in section
    )
    assert "parking" in page.content().lower()


def test_organised_responses_page_found_by_keyboard_has_no_wcag_violations(
    live_server, page, axe, analysed
):
    from reporting.models import CampaignCluster

    consultation, analyst = analysed
    page.goto(
        f"{live_server.url}/admin/login/?next=/admin/reporting/{consultation.pk}/organised-responses/"
    )
    page.fill("#id_username", analyst.username)
    page.fill("#id_password", "pw-for-tests-only")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlparse(url).path.endswith("/organised-responses/"))
    assert settled_violations(axe, page) == []
    tab_to(page, "form:has(input[value=detect]) button")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=campaign-figures]")
    cluster = CampaignCluster.objects.get(consultation=consultation)
    tab_to(page, f"#cluster-name-{cluster.pk}")
    page.keyboard.type("Save the minor injuries unit")
    page.keyboard.press("Tab")
    page.keyboard.type("Friends of Northfield")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Campaign by Friends of Northfield")
    cells = (
        page.locator("[data-testid=campaign-figures] tbody tr")
        .first.locator("td")
        .all_inner_texts()
    )
    # 16 answers; 14 distinct texts (three are word for word the same); 13 arguments (the cluster's
    # two texts count once); 4 answers in the cluster.
    assert cells == ["16", "14", "13", "4"]
    assert settled_violations(axe, page) == []
    cluster.refresh_from_db()
    assert cluster.labelled_by == analyst and cluster.organised_by == "Friends of Northfield"
