"""The outcomes index: newest first, filtered by topic and area through the linked consultations.

Topic and Area are snippets of the consultations app, reached through ConsultationPage's
`topics` / `areas` relations when they exist; until then the filters simply do not appear.
"""

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator

from wagtail.models import Locale, TranslatableMixin

from consultations.models import ConsultationPage


def _filter_relation(name):
    """(relation name on ConsultationPage, related model) for 'topics'/'areas', or None."""
    for field_name in (name, name.rstrip("s")):
        try:
            field = ConsultationPage._meta.get_field(field_name)
        except FieldDoesNotExist:
            continue
        if field.is_relation and field.related_model is not None:
            return field_name, field.related_model
    return None


def _options(model, locale):
    queryset = model.objects.all()
    if issubclass(model, TranslatableMixin):
        in_language = queryset.filter(locale=locale)
        queryset = in_language if in_language.exists() else queryset.filter(locale=Locale.get_default())
    ordering = "name" if any(f.name == "name" for f in model._meta.get_fields()) else "pk"
    return list(queryset.order_by(ordering))


def option_value(option):
    """Slugs where the term has one (the same in every language), else the primary key."""
    return str(getattr(option, "slug", None) or option.pk)


def _selected(options, value):
    for option in options:
        if option_value(option) == (value or ""):
            return option
    return None


def outcome_listing(index_page, params, per_page=12):
    # circular: youwedid.models imports this module
    from youwedid.models import YouSaidWeDidPage

    outcomes = (
        YouSaidWeDidPage.objects.live().public().descendant_of(index_page).filter(locale=index_page.locale)
        .order_by("-first_published_at", "-pk")
    )
    filters = []
    for name, param in (("topics", "topic"), ("areas", "area")):
        relation = _filter_relation(name)
        if relation is None:
            continue
        field_name, model = relation
        options = _options(model, index_page.locale)
        if not options:
            continue
        selected = _selected(options, params.get(param))
        if selected is not None:
            if isinstance(selected, TranslatableMixin):
                lookup = {f"consultations__{field_name}__translation_key": selected.translation_key}
            else:
                lookup = {f"consultations__{field_name}": selected}
            outcomes = outcomes.filter(**lookup)
        filters.append(
            {
                "param": param,
                "name": name,
                "options": [{"value": option_value(o), "label": str(o), "selected": o == selected} for o in options],
                "selected": selected,
                "selected_value": option_value(selected) if selected is not None else "",
            }
        )
    outcomes = outcomes.distinct()
    paginator = Paginator(outcomes, per_page)
    page_obj = paginator.get_page(params.get("page"))
    return {
        "outcomes": page_obj.object_list,
        "page_obj": page_obj,
        "filters": filters,
        "filtered": any(f["selected"] for f in filters),
    }
