"""Partners for tests (factory_boy)."""

import factory

from partners.models import Partner


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("slug",)

    name = "Healthwatch Northfield"
    slug = "healthwatch-northfield"
    allowed_origins = "https://healthwatch-northfield.example"
    is_active = True
    contact_email = "hello@healthwatch.example"


def make_partner(
    name="Healthwatch Northfield",
    slug="healthwatch-northfield",
    origins="https://healthwatch-northfield.example",
    active=True,
):
    """The partner `slug`, made or brought up to these values."""
    partner = PartnerFactory(slug=slug)
    Partner.objects.filter(pk=partner.pk).update(
        name=name, allowed_origins=origins, is_active=active
    )
    partner.refresh_from_db()
    return partner
