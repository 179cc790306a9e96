"""Builders for partners tests."""

from partners.models import Partner


def make_partner(name="Healthwatch Northfield", slug="healthwatch-northfield", origins="https://healthwatch-northfield.example", active=True):
    partner, _created = Partner.objects.update_or_create(
        slug=slug, defaults={"name": name, "allowed_origins": origins, "is_active": active, "contact_email": "hello@healthwatch.example"}
    )
    return partner
