import pytest

pytestmark = pytest.mark.django_db


def test_footer_links_to_share_your_views_on_every_page(client, home_page):
    for url in ["/", "/search/", "/share-your-views/"]:
        html = client.get(url).content.decode()
        footer = html[html.index('<footer role="contentinfo">') :]
        assert 'href="/share-your-views/">Share your views</a>' in footer
