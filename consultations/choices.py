"""The fixed lists a consultation is described with, each with the plain words the public sees."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EngagementStage(models.TextChoices):
    """The five stages of the NHS engagement cycle (identify, develop, improve, procure, monitor)."""

    IDENTIFY_NEEDS = "identify_needs", _("Identify needs and aspirations")
    SET_PRIORITIES = "set_priorities", _("Set priorities, strategies and plans")
    IMPROVE_SERVICES = "improve_services", _("Improve services and pathways")
    PROCURE = "procure", _("Procure services")
    MONITOR = "monitor", _("Monitor services")


STAGE_PLAIN_WORDS = {
    EngagementStage.IDENTIFY_NEEDS: (
        _("Finding out what people need"),
        _(
            "We are finding out what people in the area need and want from health and care services."
        ),
    ),
    EngagementStage.SET_PRIORITIES: (
        _("Deciding what matters most"),
        _("We are deciding our priorities and plans, and how to share out the money we have."),
    ),
    EngagementStage.IMPROVE_SERVICES: (
        _("Making a service better"),
        _("We are working out, with the people who use it, how to make a service better."),
    ),
    EngagementStage.PROCURE: (
        _("Choosing who runs a service"),
        _("We are choosing who will provide a service, and what we will expect of them."),
    ),
    EngagementStage.MONITOR: (
        _("Checking how a service is doing"),
        _("We are checking how well a service works for the people who use it."),
    ),
}


class InvolvementLevel(models.TextChoices):
    INFORM = "inform", _("Inform")
    INVOLVE = "involve", _("Involve")
    CONSULT = "consult", _("Consult")
    COPRODUCE = "coproduce", _("Co-produce")
    DEVOLVE = "devolve", _("Devolve")


INVOLVEMENT_PLAIN_WORDS = {
    InvolvementLevel.INFORM: (
        _("We are telling you about a change"),
        _("A decision has been made. We are telling you about it and you can ask us questions."),
    ),
    InvolvementLevel.INVOLVE: (
        _("We want your ideas"),
        _("We are still working out what to do and want your ideas and experiences."),
    ),
    InvolvementLevel.CONSULT: (
        _("We want your views before we decide"),
        _("We have proposals and want to know what you think before a decision is made."),
    ),
    InvolvementLevel.COPRODUCE: (
        _("We will design this with you"),
        _("People who use the service will work with us as equals to design it."),
    ),
    InvolvementLevel.DEVOLVE: (
        _("You decide"),
        _("People in the community will make the decision, and we will carry it out."),
    ),
}


class MaterialFormat(models.TextChoices):
    STANDARD = "standard", _("Standard")
    ACCESSIBLE_HTML = "accessible_html", _("Accessible web page")
    EASY_READ = "easy_read", _("Easy Read")
    LARGE_PRINT = "large_print", _("Large print")
    AUDIO = "audio", _("Audio")
    BSL_VIDEO = "bsl_video", _("British Sign Language (BSL) video")
    BRAILLE = "braille", _("Braille-ready file")
    OTHER = "other", _("Other format")


class EventKind(models.TextChoices):
    LISTENING_EVENT = "listening_event", _("Listening event")
    PUBLIC_MEETING = "public_meeting", _("Public meeting")
    FOCUS_GROUP = "focus_group", _("Focus group")
    ONLINE_SESSION = "online_session", _("Online session")
    DROP_IN = "drop_in", _("Drop-in session")


# Languages a material can be published in: the site's own, and those most often asked for in
# England. Each is named in English for editors and in itself for the public.
MATERIAL_LANGUAGES = [
    ("en", "English", "English"),
    ("cy", "Welsh", "Cymraeg"),
    ("pl", "Polish", "Polski"),
    ("ur", "Urdu", "اردو"),
    ("ar", "Arabic", "العربية"),
    ("bn", "Bengali", "বাংলা"),
    ("zh-hans", "Chinese (simplified)", "简体中文"),
    ("fa", "Persian (Farsi)", "فارسی"),
    ("fr", "French", "Français"),
    ("gu", "Gujarati", "ગુજરાતી"),
    ("lt", "Lithuanian", "Lietuvių"),
    ("pa", "Punjabi", "ਪੰਜਾਬੀ"),
    ("pt", "Portuguese", "Português"),
    ("ro", "Romanian", "Română"),
    ("so", "Somali", "Soomaali"),
    ("ti", "Tigrinya", "ትግርኛ"),
    ("tr", "Turkish", "Türkçe"),
    ("uk", "Ukrainian", "Українська"),
]
RTL_LANGUAGES = {"ar", "fa", "ur"}
MATERIAL_LANGUAGE_NATIVE_NAMES = {code: native for code, _english, native in MATERIAL_LANGUAGES}


def material_language_choices():
    return [
        (code, f"{english} ({native})" if english != native else english)
        for code, english, native in MATERIAL_LANGUAGES
    ]


class Visibility(models.TextChoices):
    """Who can find and read a consultation (the rule is `consultations.visibility`)."""

    PUBLIC = "public", _("Public: listed everywhere")
    UNLISTED = "unlisted", _("Unlisted: only people with the link")
    INVITED = "invited", _("Invited: only people with an invitation link")
