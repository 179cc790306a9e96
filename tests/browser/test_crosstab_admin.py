"""Issue 19: an analyst builds a cross-tab in the real admin with the keyboard, filters it, reads
the table and the figures as published, and axe finds nothing on the page."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from wagtail.models import Locale

import pytest

from feedback.models import Response
from feedback.permissions import VIEW_RESPONSES, grant_on_page
from reporting import population
from tests.browser.conftest import axe_violations
from tests.factories import about_you_section, add_form, make_consultation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def analysed(home_page):
    population.load_shipped()  # as the migration does (a transactional test may have flushed it)

    consultation = make_consultation(
        home_page, title="Urgent care in Northfield", slug="urgent-care-xtab"
    )
    add_form(consultation, about_you=about_you_section())
    english = Locale.get_default()
    groups = [
        ("agree", "yes", "75_plus", 3),
        ("agree", "no", "75_plus", 12),
        ("agree", "no", "25_34", 10),
        ("disagree", "yes", "75_plus", 20),
        ("disagree", "no", "75_plus", 5),
        ("disagree", "no", "25_34", 30),
    ]
    for support, used, age, count in groups:
        for _ in range(count):
            Response.objects.create(
                consultation=consultation,
                locale=english,
                channel="paper" if used == "yes" else "online",
                answers={"support": support, "use_service": used, "about_age_band": age},
                submitted_at=timezone.now() - datetime.timedelta(days=2),
            )
    user = get_user_model().objects.create_user(
        "analyst-xtab", password="pw-for-tests-only", is_staff=True
    )
    group = Group.objects.create(name="Cross-tab analysts")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    grant_on_page(group, consultation, VIEW_RESPONSES)
    user.groups.add(group)
    return consultation


def choose_by_keyboard(page, label, option_text):
    """Focus a select and move through its options with the arrow keys until `option_text`."""
    select = page.get_by_label(label, exact=True)
    select.focus()
    page.keyboard.press("Home")
    for _ in range(60):
        if select.evaluate("s => s.options[s.selectedIndex].text") == option_text:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{option_text!r} is not an option of {label!r}")


def table_cells(page):
    return [cell.strip() for cell in page.locator("[data-testid=crosstab] td").all_inner_texts()]


def row_cells(page, heading):
    """The cells of the table row whose heading is exactly `heading`."""
    for row in page.locator("[data-testid=crosstab] tr").all():
        if " ".join(row.locator("th").first.text_content().split()) == heading:
            return [cell.strip() for cell in row.locator("td").all_inner_texts()]
    raise AssertionError(f"no row {heading!r}")


def test_analyst_cross_tabulates_two_questions_with_the_keyboard_and_filters(
    live_server, analysed, page, axe
):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "analyst-xtab")
    page.fill("#id_password", "pw-for-tests-only")
    page.click("button[type=submit]")
    page.get_by_role("link", name="Analysis and reports").click()
    page.get_by_role("link", name="Urgent care in Northfield").click()
    page.get_by_role("link", name="Cross-tabulation").click()
    assert page.locator("h1").inner_text().strip().startswith("Cross-tabulation")

    choose_by_keyboard(page, "Rows", "How far do you agree with the proposal?")
    choose_by_keyboard(
        page, "Columns", "Have you used the minor injuries unit in the last two years?"
    )
    page.get_by_role("button", name="Show the table").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    caption = page.locator("[data-testid=crosstab] caption").inner_text()
    assert "How far do you agree with the proposal? by Have you used" in caption
    cells = table_cells(page)
    assert "3 (12%)" in cells and "22 (88%)" in cells and "80" in cells  # true counts, for staff

    # Filter: only people aged 75 or over.
    choose_by_keyboard(page, "Only responses where the answer is", "75 or over")
    page.get_by_role("button", name="Show the table").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Only responses where:" in page.locator("[data-testid=crosstab] caption").inner_text()
    cells = table_cells(page)
    assert "3 (20%)" in cells and "12 (80%)" in cells and "20 (80%)" in cells and "40" in cells
    assert "22 (88%)" not in cells
    assert page.get_by_label("Rows", exact=True).evaluate("s => s.value") == "support"
    assert axe_violations(axe, page) == []

    # As it would be published: the 3 goes, and the 12 and 20 that would give it away from the
    # row and column totals, and then the 5 beside the 20: the totals alone remain.
    with page.expect_navigation():
        page.get_by_role("link", name="See the figures as they would be published").click()
    assert row_cells(page, "Agree") == ["fewer than 5", "fewer than 5", "15"]
    assert row_cells(page, "Disagree") == ["fewer than 5", "fewer than 5", "25"]
    assert row_cells(page, "Total") == ["23", "17", "40"]
    assert page.locator("figure [role=img]").get_attribute("aria-label").startswith("Bar chart of")
    assert axe_violations(axe, page) == []


def test_dashboard_reach_names_the_groups_not_heard_from(live_server, analysed, page, axe):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "analyst-xtab")
    page.fill("#id_password", "pw-for-tests-only")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/admin/reporting/{analysed.pk}/")
    reach = page.locator("[data-testid=reach]")
    assert "Under-represented so far" in reach.inner_text()
    assert "45 to 54 (What is your age?)" in reach.inner_text()
    assert axe_violations(axe, page) == []
