"""Topics and areas: the two taxonomies people filter consultations by. Editors manage them as snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=True,
        help_text=_(
            "Used in filter addresses, the same in every language. Lower case, words joined by hyphens."
        ),
    )
    description = models.TextField(_("description"), blank=True, max_length=500)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]
    # A slug identifies the term in filters: translators change the name, never the slug.
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_per_locale")
        ]


class Area(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_area_slug_per_locale")
        ]


def localized_terms(terms, locale):
    """The terms in `locale` where a translation exists (one query), else as they are, in order."""
    terms = list(terms)
    if not terms or locale is None:
        return terms
    missing = [term for term in terms if term.locale_id != locale.pk]
    if not missing:
        return terms
    model = type(terms[0])
    translations = {
        term.translation_key: term
        for term in model.objects.filter(
            translation_key__in=[t.translation_key for t in missing], locale=locale
        )
    }
    return [
        translations.get(term.translation_key, term) if term.locale_id != locale.pk else term
        for term in terms
    ]
