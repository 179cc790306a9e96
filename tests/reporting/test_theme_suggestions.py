from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest

from reporting import audit, theme_suggestions
from reporting.models import ResponseTheme, Theme, ThemeSuggestion

pytestmark = pytest.mark.django_db

# Two topics in each language, several answers each: parking, and buses.
ANSWERS = {
    "en": [
        "There is never enough parking at the hospital car park.",
        "Parking spaces at the car park are always full.",
        "The car park needs more parking spaces for visitors.",
        "Car parking charges are too high and the car park is full.",
        "The bus does not run in the evening from our village.",
        "We need a bus route from the village to the new centre.",
        "The bus timetable is useless in the evening.",
        "No bus route serves the centre from the villages.",
    ],
    "cy": [
        "Does dim digon o le parcio yn y maes parcio.",
        "Mae'r maes parcio yn llawn bob amser, dim lle parcio.",
        "Mae angen mwy o leoedd parcio yn y maes parcio.",
        "Mae parcio yn y maes parcio yn rhy ddrud.",
        "Nid yw'r bws yn rhedeg gyda'r nos o'r pentref.",
        "Mae angen llwybr bws o'r pentref i'r ganolfan.",
        "Mae amserlen y bws yn wael gyda'r nos.",
        "Does dim bws o'r pentrefi i'r ganolfan newydd.",
    ],
    "pl": [
        "Na parkingu przy szpitalu zawsze brakuje miejsc parkingowych.",
        "Parking jest zawsze pełny, brak miejsc parkingowych.",
        "Potrzeba więcej miejsc parkingowych na parkingu.",
        "Opłaty za parking są za wysokie, parking pełny.",
        "Autobus nie kursuje wieczorem z naszej wsi.",
        "Potrzebna jest linia autobusowa ze wsi do centrum.",
        "Rozkład jazdy autobusu wieczorem jest bezużyteczny.",
        "Żaden autobus nie dojeżdża ze wsi do nowego centrum.",
    ],
    "ur": [
        "ہسپتال کی پارکنگ میں کبھی جگہ نہیں ہوتی۔",
        "پارکنگ ہمیشہ بھری رہتی ہے، پارکنگ میں جگہ نہیں۔",
        "پارکنگ میں مزید جگہوں کی ضرورت ہے۔",
        "پارکنگ کی فیس بہت زیادہ ہے اور پارکنگ بھری ہے۔",
        "شام کو ہمارے گاؤں سے بس نہیں چلتی۔",
        "گاؤں سے نئے مرکز تک بس کا راستہ چاہیے۔",
        "شام کو بس کا ٹائم ٹیبل بیکار ہے۔",
        "گاؤں سے مرکز تک کوئی بس نہیں جاتی۔",
    ],
}
TOPIC_WORDS = {
    "en": ("park", "bus"),
    "cy": ("parcio", "bws"),
    "pl": ("parking", "autobus"),
    "ur": ("پارکنگ", "بس"),
}


@pytest.fixture
def answered(respond):
    return {
        language: [respond({"reasons": text}, locale=language) for text in texts]
        for language, texts in ANSWERS.items()
    }


def _coding_tables():
    return (
        list(Theme.objects.values_list("pk", "name")),
        list(ResponseTheme.objects.values_list("pk", "response_id", "theme_id")),
    )


@pytest.mark.parametrize("language", ["en", "cy", "pl", "ur"])
def test_suggestions_separate_the_two_topics_in_every_language(consultation, answered, language):
    theme_suggestions.suggest(consultation)
    suggestions = ThemeSuggestion.objects.filter(consultation=consultation, language=language)
    assert suggestions.count() >= 2
    texts = {response.pk: response.answers["reasons"] for response in answered[language]}
    parking, bus = TOPIC_WORDS[language]
    pure = 0
    for suggestion in suggestions:
        members = [texts[pk] for pk in suggestion.response_ids]
        assert len(members) >= 2 and suggestion.terms, suggestion.name
        topics = {("parking" if parking in text.lower() else "bus") for text in members}
        pure += len(topics) == 1
    print(language, [(s.name, len(s.response_ids)) for s in suggestions])
    # Most suggestions keep to one topic; every suggestion has a readable name from its top terms.
    assert pure >= suggestions.count() - 1
    assert all(suggestion.name for suggestion in suggestions)


def test_suggestions_change_nothing_in_the_coding_tables_until_accepted(
    client, consultation, analyst, answered
):
    coding_before = _coding_tables()
    client.force_login(analyst)
    url = reverse("reporting:suggestions", args=[consultation.pk])
    assert client.post(url, {"action": "suggest"}).status_code == 302
    assert ThemeSuggestion.objects.filter(consultation=consultation).count() >= 8
    html = client.get(url).content.decode()
    assert "Accept and code" in html
    first, second = ThemeSuggestion.objects.filter(consultation=consultation, language="en")[:2]
    third = ThemeSuggestion.objects.filter(consultation=consultation, language="cy").first()
    # Rename, reject and merging two suggestions code nothing either.
    client.post(url, {"action": "rename", "suggestion": first.pk, "name": "Car parking"})
    client.post(url, {"action": "reject", "suggestion": third.pk})
    assert _coding_tables() == coding_before
    first.refresh_from_db()
    assert first.name == "Car parking" and first.status == ThemeSuggestion.Status.PENDING
    # Accepting codes exactly the suggestion's answers, with who and from which suggestion.
    client.post(url, {"action": "accept", "suggestion": first.pk, "name": "Car parking"})
    theme = Theme.objects.get(consultation=consultation, name="Car parking")
    codes = ResponseTheme.objects.filter(theme=theme)
    assert set(codes.values_list("response_id", flat=True)) == set(first.response_ids)
    assert all(code.coded_by == analyst and code.suggestion_id == first.pk for code in codes)
    # A decision can be made once only.
    client.post(url, {"action": "reject", "suggestion": first.pk})
    first.refresh_from_db()
    assert first.status == ThemeSuggestion.Status.ACCEPTED and first.decided_by == analyst
    # Merging into an existing theme codes the merged answers with that theme.
    client.post(url, {"action": "merge", "suggestion": second.pk, "into": f"theme-{theme.pk}"})
    assert set(
        ResponseTheme.objects.filter(theme=theme).values_list("response_id", flat=True)
    ) == set(first.response_ids) | set(second.response_ids)
    actions = list(PageLogEntry.objects.filter(page=consultation).values_list("action", flat=True))
    for action in (
        audit.SUGGEST_THEMES,
        audit.SUGGESTION_RENAME,
        audit.SUGGESTION_REJECT,
        audit.SUGGESTION_ACCEPT,
        audit.SUGGESTION_MERGE,
        audit.CODE,
    ):
        assert action in actions
    assert all(
        entry.user == analyst
        for entry in PageLogEntry.objects.filter(
            page=consultation, action__startswith="reporting.suggestion"
        )
    )


def test_merging_two_suggestions_keeps_one_to_decide(consultation, analyst, answered):
    theme_suggestions.suggest(consultation)
    welsh, english = (
        ThemeSuggestion.objects.filter(consultation=consultation, language=language).first()
        for language in ("cy", "en")
    )
    theme_suggestions.merge_suggestions(welsh, english, analyst)
    english.refresh_from_db()
    welsh.refresh_from_db()
    assert welsh.status == ThemeSuggestion.Status.MERGED and welsh.merged_into == english
    assert english.status == ThemeSuggestion.Status.PENDING and set(welsh.response_ids) <= set(
        english.response_ids
    )
    assert not ResponseTheme.objects.exists()


def test_asking_again_skips_coded_answers_and_keeps_decisions(consultation, analyst, answered):
    theme_suggestions.suggest(consultation)
    chosen = ThemeSuggestion.objects.filter(consultation=consultation, language="pl").first()
    theme_suggestions.accept(chosen, analyst, "Parking (PL)")
    theme_suggestions.suggest(consultation)
    assert ThemeSuggestion.objects.filter(
        pk=chosen.pk, status=ThemeSuggestion.Status.ACCEPTED
    ).exists()
    for suggestion in ThemeSuggestion.objects.filter(status=ThemeSuggestion.Status.PENDING):
        assert not set(suggestion.response_ids) & set(chosen.response_ids)


def test_outsiders_cannot_see_or_decide_suggestions(client, consultation, outsider, answered):
    theme_suggestions.suggest(consultation)
    suggestion = ThemeSuggestion.objects.first()
    client.force_login(outsider)
    url = reverse("reporting:suggestions", args=[consultation.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "accept", "suggestion": suggestion.pk}).status_code == 403
    assert not ResponseTheme.objects.exists()
