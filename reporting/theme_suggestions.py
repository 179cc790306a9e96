"""Suggested themes for uncoded free-text answers. A person decides; nothing is coded before.

`suggest` groups the uncoded answers to each free-text question, one language at a time, with
scikit-learn: TF-IDF over character n-grams inside words, then k-means. Character n-grams need no
tokenizer or stop-word list for any language, so Welsh mutations, Polish endings and Urdu script
group as well as English. Each suggestion keeps its answers, its top terms (the words that stand
out in it against the other answers of that language) and a first name made from them.

Suggestions live in their own table. Only `accept` or `merge_into_theme`, called for an analyst,
create a Theme or ResponseTheme rows (through coding.py, so each code records who and which
suggestion). Every decision goes in the audit log.
"""

import math
import re

from django.db import transaction
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import Response

from . import audit, coding
from .campaigns import free_text_questions
from .models import ResponseTheme, ThemeSuggestion

MAX_THEMES = 8  # per question and language
MIN_ANSWERS = 4  # fewer uncoded answers in a language: nothing to group
MIN_SIZE = 2  # answers in a suggestion, at least
MAX_ANSWERS = 20000  # the most recent uncoded answers per question and language
TERMS = 5
# A word: letters, with the combining marks and joiners Urdu and Welsh may carry inside it.
WORD = (
    r"(?u)(?:[^\W\d_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d'’])+"
)
_WORD = re.compile(WORD)


class SuggestionError(Exception):
    pass


def uncoded_answers(consultation, key):
    """{language: [(response_id, text)]}: accepted answers to `key` that no theme codes yet, newest first."""
    coded = ResponseTheme.objects.filter(
        question_key=key, response__consultation=consultation
    ).values("response_id")
    rows = (
        Response.objects.filter(
            consultation=consultation, status=Response.Status.ACCEPTED, answers__has_key=key
        )
        .exclude(pk__in=coded)
        .annotate(_text=KeyTextTransform(key, "answers"))
        .order_by("-submitted_at", "-pk")
        .values_list("pk", "locale__language_code", "_text")
    )
    out = {}
    for pk, language, text in rows.iterator(chunk_size=2000):
        if text and _WORD.search(text):
            group = out.setdefault(language or "", [])
            if len(group) < MAX_ANSWERS:
                group.append((pk, text.strip()))
    return out


def group_answers(texts, *, max_themes=MAX_THEMES, min_size=MIN_SIZE):
    """Cluster `texts` (strings). Returns [{'members': [index], 'terms': [str]}], largest first;
    members nearest their cluster's centre come first."""
    # Imported here: scikit-learn costs every web and export process a second and tens of MB.
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(texts)
    if n < MIN_ANSWERS:
        return []
    matrix = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, max_features=50000
    ).fit_transform(texts)
    k = max(2, min(max_themes, round(math.sqrt(n / 2)), n // min_size))
    model = KMeans(n_clusters=k, n_init=4, random_state=0).fit(matrix)
    closeness = np.asarray(
        matrix.multiply(model.cluster_centers_[model.labels_]).sum(axis=1)
    ).ravel()
    words = TfidfVectorizer(token_pattern=WORD, lowercase=True, sublinear_tf=True)
    try:
        word_matrix = words.fit_transform(texts)
    except ValueError:  # no words at all (digits and punctuation only)
        return []
    vocabulary = words.get_feature_names_out()
    overall = np.asarray(word_matrix.mean(axis=0)).ravel()
    groups = []
    for label in range(k):
        members = np.flatnonzero(model.labels_ == label)
        if len(members) < min_size:
            continue
        members = members[np.argsort(-closeness[members], kind="stable")]
        lift = np.asarray(word_matrix[members].mean(axis=0)).ravel() - overall
        top = [vocabulary[i] for i in np.argsort(-lift, kind="stable")[:TERMS] if lift[i] > 0]
        groups.append({"members": [int(i) for i in members], "terms": top})
    groups.sort(key=lambda group: -len(group["members"]))
    return groups


def _name(terms):
    name = ", ".join(terms[:3])
    return (name[:1].upper() + name[1:])[:120] or _("Suggested theme")


def suggest(consultation, user=None):
    """Replace the pending suggestions of `consultation` with new ones. Returns how many."""
    consultation = getattr(consultation, "specific", consultation)
    made = []
    for question in free_text_questions(consultation):
        for language, answers in sorted(uncoded_answers(consultation, question.key).items()):
            for group in group_answers([text for _pk, text in answers]):
                made.append(
                    ThemeSuggestion(
                        consultation=consultation,
                        question_key=question.key,
                        language=language,
                        name=_name(group["terms"]),
                        terms=group["terms"],
                        response_ids=[answers[i][0] for i in group["members"]],
                        created_by=user,
                    )
                )
    with transaction.atomic():
        # Pending suggestions were never decisions: new ones take their place.
        ThemeSuggestion.objects.filter(
            consultation=consultation, status=ThemeSuggestion.Status.PENDING
        ).delete()
        ThemeSuggestion.objects.bulk_create(made)
    audit.record(consultation, audit.SUGGEST_THEMES, user, suggestions=len(made))
    return len(made)


def _pending(suggestion):
    if suggestion.status != ThemeSuggestion.Status.PENDING:
        raise SuggestionError(_("Someone has already decided on this suggestion."))


def _decided(suggestion, status, user, theme=None):
    suggestion.status = status
    suggestion.theme = theme
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion.save()


@transaction.atomic
def accept(suggestion, user, name=None):
    """Create (or reuse) a theme called `name` and code the suggestion's answers with it."""
    _pending(suggestion)
    name = " ".join((name or suggestion.name).split())
    if not name:
        raise SuggestionError(_("Enter a name for the theme."))
    if name != suggestion.name:
        suggestion.name = name[:120]
    theme = coding.create_theme(suggestion.consultation, name, user)
    coded = coding.apply_theme(
        theme, suggestion.response_ids, suggestion.question_key, user, suggestion=suggestion
    )
    _decided(suggestion, ThemeSuggestion.Status.ACCEPTED, user, theme)
    audit.record(
        suggestion.consultation,
        audit.SUGGESTION_ACCEPT,
        user,
        suggestion=suggestion.pk,
        theme=theme.pk,
        answers=coded,
    )
    return theme, coded


def rename(suggestion, user, name):
    _pending(suggestion)
    name = " ".join((name or "").split())[:120]
    if not name:
        raise SuggestionError(_("Enter a name for the theme."))
    suggestion.name = name
    suggestion.save(update_fields=["name"])
    audit.record(suggestion.consultation, audit.SUGGESTION_RENAME, user, suggestion=suggestion.pk)
    return suggestion


def reject(suggestion, user):
    _pending(suggestion)
    _decided(suggestion, ThemeSuggestion.Status.REJECTED, user)
    audit.record(suggestion.consultation, audit.SUGGESTION_REJECT, user, suggestion=suggestion.pk)


@transaction.atomic
def merge_into_theme(suggestion, theme, user):
    """Code the suggestion's answers with an existing theme of the same consultation."""
    _pending(suggestion)
    if theme.consultation_id != suggestion.consultation_id:
        raise SuggestionError(_("Choose a theme of this consultation."))
    coded = coding.apply_theme(
        theme, suggestion.response_ids, suggestion.question_key, user, suggestion=suggestion
    )
    _decided(suggestion, ThemeSuggestion.Status.MERGED, user, theme)
    audit.record(
        suggestion.consultation,
        audit.SUGGESTION_MERGE,
        user,
        suggestion=suggestion.pk,
        theme=theme.pk,
        answers=coded,
    )
    return coded


@transaction.atomic
def merge_suggestions(source, target, user):
    """Fold `source` into `target` (same question, any language); `target` stays to be decided."""
    _pending(source)
    _pending(target)
    if (
        source.pk == target.pk
        or source.question_key != target.question_key
        or source.consultation_id != target.consultation_id
    ):
        raise SuggestionError(_("Choose another suggestion for the same question."))
    target.response_ids = list(dict.fromkeys([*target.response_ids, *source.response_ids]))
    target.terms = list(dict.fromkeys([*target.terms, *source.terms]))[: TERMS * 2]
    target.save(update_fields=["response_ids", "terms"])
    source.merged_into = target
    _decided(source, ThemeSuggestion.Status.MERGED, user)
    audit.record(
        source.consultation,
        audit.SUGGESTION_MERGE,
        user,
        suggestion=source.pk,
        into_suggestion=target.pk,
    )
    return target


def with_examples(suggestions, *, quotes=3, listed=50):
    """Attach `quotes` (the answers nearest the centre) and `answers` (up to `listed`) to each."""
    wanted = {pk for suggestion in suggestions for pk in suggestion.response_ids[:listed]}
    found = Response.objects.filter(pk__in=wanted).values_list("pk", "answers")
    answers = {pk: values or {} for pk, values in found}
    for suggestion in suggestions:
        texts = []
        for pk in suggestion.response_ids[:listed]:
            text = answers.get(pk, {}).get(suggestion.question_key)
            if isinstance(text, str) and text.strip():
                texts.append(text.strip())
        suggestion.quotes = texts[:quotes]
        suggestion.answers = texts
        suggestion.size = len(suggestion.response_ids)
    return suggestions
