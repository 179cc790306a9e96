from django.core.cache import cache
from django.test import Client

import pytest

from feedback.models import PageUsefulness

pytestmark = pytest.mark.django_db

URL = "/page-feedback/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_every_page_shows_the_prompt_without_a_csrf_token(client, home_page):
    html = client.get("/").content.decode()
    assert "Is this page useful?" in html
    assert f'<input type="hidden" name="page" value="{home_page.pk}">' in html
    assert "csrfmiddlewaretoken" not in html
    assert 'action="/page-feedback/"' in html


def test_yes_is_stored_against_the_page_and_thanked(csrf_client, home_page):
    response = csrf_client.post(
        URL, {"useful": "yes", "path": "/", "page": home_page.pk}, follow=True
    )
    answer = PageUsefulness.objects.get()
    assert answer.useful is True and answer.path == "/" and answer.page_id == home_page.pk
    html = response.content.decode()
    assert "Thank you for your feedback" in html
    assert 'href="/"' in html


def test_no_offers_an_optional_comment_that_is_stored_once(csrf_client, home_page):
    response = csrf_client.post(URL, {"useful": "no", "path": "/"})
    assert response.status_code == 302
    form_page = csrf_client.get(response.url)
    assert "How could we improve this page? (optional)" in form_page.content.decode()
    token = form_page.context["form"]["token"].value()
    done = csrf_client.post(
        "/page-feedback/comment/", {"token": token, "comment": "The dates were hard to find."}
    )
    assert done.status_code == 302
    csrf_client.post("/page-feedback/comment/", {"token": token, "comment": "Overwritten?"})
    answer = PageUsefulness.objects.get()
    assert answer.useful is False and answer.comment == "The dates were hard to find."


def test_comment_with_a_forged_token_is_refused(client, home_page):
    response = client.post("/page-feedback/comment/", {"token": "1:forged", "comment": "spam"})
    assert response.status_code == 400
    assert "expired" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "https://evil.example/",
        "//evil.example/x",
        "javascript:alert(1)",
        "nohost",
        "/a\x00b",
        "/" + "x" * 600,
    ],
)
def test_paths_that_are_not_local_are_refused(client, home_page, path):
    response = client.post(URL, {"useful": "yes", "path": path})
    assert response.status_code == 400
    assert PageUsefulness.objects.count() == 0


def test_a_page_id_that_does_not_match_the_path_is_not_linked(client, home_page):
    client.post(URL, {"useful": "yes", "path": "/elsewhere/", "page": home_page.pk})
    assert PageUsefulness.objects.get().page is None


def test_get_is_not_allowed(client, home_page):
    assert client.get(URL).status_code == 405


def test_answers_are_rate_limited_per_client(client, home_page, settings):
    settings.FEEDBACK_PAGE_USEFULNESS_RATE = "3/h"
    for _ in range(3):
        assert client.post(URL, {"useful": "yes", "path": "/"}).status_code == 302
    response = client.post(URL, {"useful": "yes", "path": "/"})
    assert response.status_code == 429
    assert PageUsefulness.objects.count() == 3
