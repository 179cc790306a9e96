"""The Content-Security-Policy in a real browser: the public site's hashed inline script and own-origin
scripts run with no nonce, and Wagtail's admin
(dashboard, page editor) runs under the admin policy without CSP violations."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def collect_csp_errors(page):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None)
    return errors


def test_public_page_runs_its_scripts_under_the_strict_policy(live_server, home_page, page):
    errors = collect_csp_errors(page)
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    # The inline script in base.html, allowed by its hash, ran: it adds js-enabled to <body>.
    assert "js-enabled" in page.locator("body").get_attribute("class")
    assert errors == []


def test_admin_dashboard_and_page_editor_work_under_the_admin_policy(live_server, home_page, page, django_user_model):
    django_user_model.objects.create_superuser("csp-admin", "csp@example.nhs.uk", "a-long-password-123")
    errors = collect_csp_errors(page)
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "csp-admin")
    page.fill("input[name=password]", "a-long-password-123")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#wagtail-sidebar, [data-wagtail-sidebar], .sidebar").count() >= 1
    page.goto(f"{live_server.url}/admin/pages/{home_page.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("form#page-edit-form, form[data-edit-form]").count() == 1
    assert page.locator("input[name=title]").input_value() == home_page.title
    assert errors == [], errors


def test_consultation_page_and_its_form_run_their_scripts_without_a_nonce(live_server, form_page, page):
    """The page cache may keep these bytes for every reader: nothing in them is per-response."""
    consultation = form_page.get_parent().specific
    errors = collect_csp_errors(page)
    for url in (consultation.url, form_page.url):
        response = page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        assert "nonce" not in response.headers["content-security-policy"]
        assert "js-enabled" in page.locator("body").get_attribute("class")
    assert errors == [], errors
