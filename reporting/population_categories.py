"""What population figures are kept for: the "About you" questions with categories, and locality.

Plain data from feedback.about_you, so the model, the loader and reach all agree on the keys.
"Prefer not to say" has no population figure: it is a respondent's choice, not a group of people.
"""

from django.utils.translation import gettext_lazy as _

from feedback.about_you import ABOUT_YOU, PREFER_NOT
from feedback.questions import POSTCODE

LOCALITY_KEY = "postcode_district"  # Response.postcode_district, read from any postcode answer
LOCALITY_LABEL = _("Postcode district")


def category_questions():
    """[(key, label, [(category key, label)])] for every "About you" question with categories."""
    return [
        (
            key,
            label,
            [(choice, choice_label) for choice, choice_label in choices if choice != PREFER_NOT[0]],
        )
        for _flag, key, qtype, label, _help, choices in ABOUT_YOU
        if qtype != POSTCODE and choices
    ]


def population_questions():
    """Choices for PopulationFigure.question_key (a callable, so a new question needs no migration)."""
    return [(key, label) for key, label, _choices in category_questions()] + [
        (LOCALITY_KEY, LOCALITY_LABEL)
    ]


def population_categories(question_key):
    """The category keys of a question, or None when any key is allowed (postcode districts)."""
    for key, _label, choices in category_questions():
        if key == question_key:
            return [choice for choice, _choice_label in choices]
    return None
