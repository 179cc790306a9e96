"""Demo content for the front door: locales, the site, the home page, settings and standard pages."""

from django.conf import settings
from django.contrib.auth import get_user_model

from wagtail.models import Locale, Page, Site

from home.models import HomePage, OrganisationSettings, StandardPage

DEMO_ADMIN_USERNAME = "demo-admin"
DEMO_ADMIN_PASSWORD = "have-your-say-demo"  # nosec B105 # noqa: S105 — printed by `make run`; demo only


def ensure_locales():
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES}


def ensure_home_page():
    """The site's root: replaces Wagtail's welcome page the first time, then finds it again."""
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
        home = root.add_child(
            instance=HomePage(
                title="Have your say on health services",
                slug="home-hys",
                introduction=(
                    "Tell us what you think about health and care services in Northfield and "
                    "Eastbrook. Read our consultations, give your views, and see what changed."
                ),
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        welcome = site.root_page if site else None
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Have Your Say")
        else:
            site.root_page = home
            site.site_name = "Have Your Say"
            site.save()
        if welcome is not None and welcome.specific_class is Page and welcome.pk != home.pk:
            welcome.delete()
        home.slug = "home"
        home.save_revision().publish()
        home = HomePage.objects.get(pk=home.pk)  # re-read: publishing changed its url_path
    return home


def ensure_child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = parent.add_child(instance=model(slug=slug, **fields))
    page.save_revision().publish()
    return page


def load(context):
    ensure_locales()
    home = ensure_home_page()
    site = Site.objects.get(is_default_site=True)
    OrganisationSettings.objects.update_or_create(
        site=site,
        defaults={
            "name": "Northfield and Eastbrook Integrated Care Board",
            "short_name": "NE ICB",
            "phone": "0300 123 4567",
            "text_relay": "18001 0300 123 4567",
            "email": "haveyoursay@example.nhs.uk",
            "postal_address": "Freepost HAVE YOUR SAY\nNorthfield House\nNorthfield NF1 2AB",
        },
    )
    ensure_child(
        home,
        StandardPage,
        "privacy-notice",
        title="Privacy notice",
        summary="What we collect when you respond, why, how long we keep it and your rights.",
        body=[
            ("paragraph", "<p>When you respond to a consultation we keep your answers so that we can "
             "understand what people think. We only ask for your name or email address if you want "
             "a receipt or want to hear about the outcome.</p>"),
            ("heading", {"text": "How long we keep your response", "level": "h2"}),
            ("paragraph", "<p>We keep responses for five years after a consultation closes. After that "
             "we remove anything that could identify you and keep only the totals.</p>"),
            ("heading", {"text": "Your rights", "level": "h2"}),
            ("paragraph", "<p>You can ask us to see or delete what you told us. Quote the reference "
             "you were given when you responded.</p>"),
        ],
        show_in_menus=False,
    )
    context["home"] = home
    context["site"] = site
    user_model = get_user_model()
    admin, created = user_model.objects.get_or_create(
        username=DEMO_ADMIN_USERNAME,
        defaults={"email": "demo-admin@example.nhs.uk", "is_staff": True, "is_superuser": True, "first_name": "Demo", "last_name": "Admin"},
    )
    if created:
        admin.set_password(DEMO_ADMIN_PASSWORD)
        admin.save()
    context["admin"] = admin
