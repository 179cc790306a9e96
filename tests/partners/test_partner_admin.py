from django.core.exceptions import ValidationError

import pytest

from partners.models import Partner
from partners.origins import parse_origins, validate_origins
from tests.factories import add_form, make_consultation

pytestmark = pytest.mark.django_db


def test_origins_are_validated_and_normalised():
    assert parse_origins("HTTPS://Www.Example.org/\nhttp://localhost:8000, https://a.example:443") == [
        "https://www.example.org",
        "http://localhost:8000",
        "https://a.example",
    ]
    for bad in ["http://example.org", "https://example.org/path", "*", "https://*.example.org", "javascript:alert(1)", "https://x.example:99999"]:
        with pytest.raises(ValidationError):
            validate_origins(bad)
    validate_origins("https://healthwatch.example\nhttp://127.0.0.1:8001")


def test_partner_snippet_refuses_a_bad_origin():
    partner = Partner(name="PPG", slug="ppg", allowed_origins="https://ok.example\nftp://bad.example")
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert "allowed_origins" in error.value.message_dict


@pytest.fixture
def admin_client(client, django_user_model, settings):
    settings.MFA_REQUIRED = False
    user = django_user_model.objects.create_superuser("staff", "staff@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def test_get_embed_code_gives_copy_ready_html_and_a_preview(admin_client, home_page):
    consultation = make_consultation(home_page)
    add_form(consultation)
    partner = Partner.objects.create(name="Healthwatch Northfield", slug="hw", allowed_origins="https://hw.example")
    edit = admin_client.get(f"/admin/pages/{consultation.pk}/edit/")
    assert "Get embed code" in edit.content.decode()
    response = admin_client.get(f"/admin/partners/embed-code/{consultation.pk}/?partner={partner.pk}&lang=cy")
    html = response.content.decode()
    assert response.status_code == 200
    assert f"/embed/hw/consultation/{consultation.pk}/?lang=cy" in html
    assert "&lt;iframe" in html  # in the copyable textarea
    assert html.count(f'<iframe src="http://testserver/embed/hw/consultation/{consultation.pk}/?lang=cy"') == 1  # the live preview
    assert "https://hw.example" in html


def test_partner_and_webhook_admin_pages_work(admin_client, home_page):
    assert admin_client.get("/admin/snippets/partners/partner/").status_code == 200
    assert admin_client.get("/admin/snippets/partners/webhooksubscription/add/").status_code == 200
    assert admin_client.get("/admin/snippets/partners/webhookdelivery/").status_code == 200


def test_demo_partners_load_idempotently_and_the_demo_page_embeds_an_open_consultation(client, home_page):
    from partners import demo

    context = {}
    demo.load(context)
    demo.load(context)
    assert Partner.objects.count() == 2
    assert set(context["partners"]) == {"healthwatch-northfield", "riverside-surgery-ppg"}
    assert "http://127.0.0.1:8001" in context["partners"]["healthwatch-northfield"].origins
    consultation = make_consultation(home_page)
    add_form(consultation)
    html = client.get("/partners/demo/").content.decode()
    # testserver is no partner's origin, so the page uses the first active partner (embeds allow 'self').
    assert f'src="http://testserver/embed/healthwatch-northfield/consultation/{consultation.pk}/?lang=en"' in html
    assert 'title="Consultation: Urgent care in Northfield' in html
    assert "/embed/embed-host.mjs" in html
