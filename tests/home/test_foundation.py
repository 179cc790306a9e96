import io

from django.core.management import call_command

import pytest

from home.models import HomePage, OrganisationSettings, StandardPage


def test_system_check_passes(db):
    call_command("check", fail_level="WARNING")


def test_no_missing_migrations(db):
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_home_page_renders_with_branding(client, home_page):
    settings_obj = OrganisationSettings.for_site(home_page.get_site())
    settings_obj.name = "Eastbrook Healthwatch"
    settings_obj.phone = "0300 000 0000"
    settings_obj.save()
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en" dir="ltr"' in html
    assert "Eastbrook Healthwatch" in html
    assert "0300 000 0000" in html
    assert 'href="#maincontent"' in html
    assert "/static/dist/css/main.css" in html


@pytest.mark.django_db
def test_standard_page_renders_with_breadcrumbs(client, home_page):
    page = home_page.add_child(instance=StandardPage(title="Privacy notice", slug="privacy", summary="What we keep."))
    page.save_revision().publish()
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert b"What we keep." in response.content
    assert b"nhsuk-breadcrumb" in response.content


@pytest.mark.django_db
def test_unknown_address_gets_the_404_page(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


@pytest.mark.django_db
def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}


@pytest.mark.django_db
def test_large_print_toggle_sets_cookie_and_class(client, home_page):
    response = client.post("/display/", {"display": "large", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["hys_display"].value == "large"
    assert b'class="hys-large-print"' in client.get("/").content
    client.post("/display/", {"display": "standard", "next": "/"})
    assert b'class="hys-large-print"' not in client.get("/").content


@pytest.mark.django_db
def test_large_print_toggle_refuses_offsite_redirect(client):
    response = client.post("/display/", {"display": "large", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_home_page_tree_rules():
    assert HomePage.parent_page_types == ["wagtailcore.Page"]
    assert "home.HomePage" in StandardPage.parent_page_types


@pytest.mark.django_db
def test_load_demo_is_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    counts_after_first = _table_counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _table_counts() == counts_after_first
    assert HomePage.objects.live().count() >= 1


def _table_counts():
    from django.apps import apps

    skip = {"wagtailsearch", "sessions", "admin", "django_tasks_database", "django_tasks_db"}
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in skip and not model._meta.proxy
    }


@pytest.mark.django_db
def test_demo_header_menu_is_translated_in_every_language(client, settings):
    import re

    call_command("load_demo", stdout=io.StringIO())
    for code, _name in settings.LANGUAGES:
        prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
        body = client.get(f"{prefix}/", HTTP_HOST="localhost").content.decode()
        links = re.findall(r'nhsuk-header__navigation-link" href="([^"]+)"', body)
        assert len(links) >= 2, (code, links)
        assert all(link.startswith(f"{prefix}/") for link in links), (code, links)
        if code != settings.LANGUAGE_CODE:
            assert "Consultations<" not in body and "You said, we did<" not in body, code
