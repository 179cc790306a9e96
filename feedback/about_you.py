"""The optional "About you" (equality monitoring) questions: keys `about_*`, each with
`prefer_not_to_say`. Categories follow the ONS 2021 Census for England and Wales."""

from django.utils.translation import gettext_lazy as _

from feedback.questions import DROPDOWN, POSTCODE, SINGLE_CHOICE, Question

PREFER_NOT = ("prefer_not_to_say", _("Prefer not to say"))

AGE_BANDS = [
    ("under_16", _("Under 16")),
    ("16_24", _("16 to 24")),
    ("25_34", _("25 to 34")),
    ("35_44", _("35 to 44")),
    ("45_54", _("45 to 54")),
    ("55_64", _("55 to 64")),
    ("65_74", _("65 to 74")),
    ("75_plus", _("75 or over")),
    PREFER_NOT,
]
SEX = [("female", _("Female")), ("male", _("Male")), PREFER_NOT]
YES_NO_PREFER = [("yes", _("Yes")), ("no", _("No")), PREFER_NOT]
ETHNICITY = [
    ("asian_bangladeshi", _("Asian or Asian British: Bangladeshi")),
    ("asian_chinese", _("Asian or Asian British: Chinese")),
    ("asian_indian", _("Asian or Asian British: Indian")),
    ("asian_pakistani", _("Asian or Asian British: Pakistani")),
    ("asian_other", _("Asian or Asian British: any other Asian background")),
    ("black_african", _("Black, Black British, Caribbean or African: African")),
    ("black_caribbean", _("Black, Black British, Caribbean or African: Caribbean")),
    ("black_other", _("Black, Black British, Caribbean or African: any other Black background")),
    ("mixed_white_asian", _("Mixed or multiple ethnic groups: White and Asian")),
    ("mixed_white_black_african", _("Mixed or multiple ethnic groups: White and Black African")),
    ("mixed_white_black_caribbean", _("Mixed or multiple ethnic groups: White and Black Caribbean")),
    ("mixed_other", _("Mixed or multiple ethnic groups: any other mixed background")),
    ("white_british", _("White: English, Welsh, Scottish, Northern Irish or British")),
    ("white_irish", _("White: Irish")),
    ("white_gypsy_traveller", _("White: Gypsy or Irish Traveller")),
    ("white_roma", _("White: Roma")),
    ("white_other", _("White: any other White background")),
    ("other_arab", _("Other ethnic group: Arab")),
    ("other_any", _("Other ethnic group: any other ethnic group")),
    PREFER_NOT,
]
SEXUAL_ORIENTATION = [
    ("straight", _("Straight or heterosexual")),
    ("gay_lesbian", _("Gay or lesbian")),
    ("bisexual", _("Bisexual")),
    ("other", _("Another sexual orientation")),
    PREFER_NOT,
]
RELIGION = [
    ("none", _("No religion")),
    ("christian", _("Christian")),
    ("buddhist", _("Buddhist")),
    ("hindu", _("Hindu")),
    ("jewish", _("Jewish")),
    ("muslim", _("Muslim")),
    ("sikh", _("Sikh")),
    ("other", _("Another religion")),
    PREFER_NOT,
]

# (snippet flag, key, type, label, help text, choices)
ABOUT_YOU = [
    ("ask_age_band", "about_age_band", SINGLE_CHOICE, _("What is your age?"), "", AGE_BANDS),
    ("ask_sex", "about_sex", SINGLE_CHOICE, _("What is your sex?"), "", SEX),
    (
        "ask_gender_identity",
        "about_gender_identity",
        SINGLE_CHOICE,
        _("Is the gender you identify with the same as your sex registered at birth?"),
        "",
        YES_NO_PREFER,
    ),
    ("ask_ethnicity", "about_ethnicity", DROPDOWN, _("What is your ethnic group?"), "", ETHNICITY),
    (
        "ask_disability",
        "about_disability",
        SINGLE_CHOICE,
        _("Do you have a physical or mental health condition or illness lasting, or expected to last, 12 months or more?"),
        "",
        YES_NO_PREFER,
    ),
    ("ask_sexual_orientation", "about_sexual_orientation", SINGLE_CHOICE, _("Which of these best describes your sexual orientation?"), "", SEXUAL_ORIENTATION),
    ("ask_religion", "about_religion", DROPDOWN, _("What is your religion?"), "", RELIGION),
    (
        "ask_carer",
        "about_carer",
        SINGLE_CHOICE,
        _("Do you look after, or give help or support to, anyone because of long-term health or a disability, or problems related to old age?"),
        "",
        YES_NO_PREFER,
    ),
    (
        "ask_postcode_district",
        "about_postcode_district",
        POSTCODE,
        _("What is the first part of your postcode?"),
        _("For example, NF1. Leave it blank if you prefer not to say."),
        [],
    ),
]
ABOUT_YOU_KEYS = [row[1] for row in ABOUT_YOU]


def about_you_questions(snippet=None):
    section = str(getattr(snippet, "heading", "") or _("About you"))
    questions = []
    for flag, key, qtype, label, help_text, choices in ABOUT_YOU:
        if snippet is not None and not getattr(snippet, flag, True):
            continue
        questions.append(
            Question(
                key=key,
                label=str(label),
                type=qtype,
                choices=[(k, str(v)) for k, v in choices],
                section=section,
                help_text=str(help_text),
                required=False,
                max_length=8 if qtype == POSTCODE else None,
            )
        )
    return questions
