"""Storing what people send through "Share your views" and "Is this page useful?"."""

from collections.abc import Mapping

from wagtail.models import Locale, Page

from feedback.general.forms import local_path
from feedback.models import GeneralFeedback, PageUsefulness
from security.public_forms import clean_text


def submit_general_feedback(
    data: Mapping[str, object], *, locale: Locale | None = None
) -> GeneralFeedback:
    """Store one "Share your views" submission from cleaned form data; returns it."""
    fields = {
        name: data.get(name) or ""
        for name in (
            "about",
            "service_name",
            "what_happened",
            "what_was_good",
            "what_could_be_better",
            "name",
            "email",
            "phone",
        )
    }
    return GeneralFeedback.objects.create(
        rating=data.get("rating") or None,
        locale=locale or _active_locale(),
        **fields,
    )


def record_page_usefulness(
    path: str, useful: bool, *, page: Page | None = None, comment: str = ""
) -> PageUsefulness:
    """Store one anonymous yes/no answer to "Is this page useful?" for a local path."""
    return PageUsefulness.objects.create(
        path=local_path(path), useful=bool(useful), page=page, comment=clean_text(comment)[:1000]
    )


def add_usefulness_comment(answer: PageUsefulness, comment: str) -> PageUsefulness:
    """Add the optional comment to a "No" answer, once: a second never overwrites the first."""
    comment = clean_text(comment)[:1000]
    if comment and not answer.comment:
        PageUsefulness.objects.filter(pk=answer.pk, comment="").update(comment=comment)
        answer.comment = comment
    return answer


def _active_locale() -> Locale | None:
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


def page_for(page_id: int | str | None, path: str) -> Page | None:
    """The live page the answer is about, when the posted id and path agree; else None."""
    if not page_id:
        return None
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None:
        return None
    url = page.get_url()
    return page if url and url.split("?", 1)[0] == path.split("?", 1)[0] else None
