"""Every test factory, in one style (factory_boy): pages are added under `parent=` and published."""

from tests.factories.consultations import (
    AreaFactory,
    ConsultationEventFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    MaterialPageFactory,
    PageFactory,
    TopicFactory,
    material,
    version,
)
from tests.factories.feedback import (
    STANDARD_QUESTIONS,
    AboutYouSectionFactory,
    ResponseFormPageFactory,
    about_you_section,
    add_form,
    make_consultation,
)
from tests.factories.partners import PartnerFactory, make_partner

__all__ = [
    "STANDARD_QUESTIONS",
    "AboutYouSectionFactory",
    "AreaFactory",
    "ConsultationEventFactory",
    "ConsultationIndexPageFactory",
    "ConsultationPageFactory",
    "MaterialPageFactory",
    "PageFactory",
    "PartnerFactory",
    "ResponseFormPageFactory",
    "TopicFactory",
    "about_you_section",
    "add_form",
    "make_consultation",
    "make_partner",
    "material",
    "version",
]
