"""Demo BSL videos (issue 18): two "BSL video" snippets, in English, Welsh, Polish and Urdu, each
with captions in its own language, on the open Eastbrook consultation's form (its first section
and its first question), and a paragraph about BSL videos in the demo privacy notice.

Runs before home.demo_translations, so the form's translations are made with the videos already
chosen. The video is a three-second test picture made for the demo (feedback/demo_media/,
generated once with ffmpeg's test source, VP8 in WebM, 15 KB): nothing is downloaded.
"""

from pathlib import Path

from django.conf import settings

from wagtail.documents import get_document_model
from wagtail.models import Locale

from consultations.files import create_document
from feedback import questions as q
from feedback.models import ResponseFormField, ResponseFormPage, SignVideo
from feedback.sign_language import video_retention_days
from home.models import DocumentLanguage, StandardPage
from home.translation import translate_snippet

FORM_SLUG = "eastbrook-minor-injuries-unit"
VIDEO_FILE = Path(__file__).resolve().parent / "demo_media" / "bsl-demo.webm"
LANGUAGES = ("cy", "pl", "ur")

SECTION_TITLE = "About this form in BSL"
SECTION_TRANSCRIPT = (
    "Hello. In this video we explain in British Sign Language what we are asking and why. "
    "You can answer the questions on this form, or send us your answers as a BSL video. "
    "(In the demo site the video shows a test picture.)"
)
QUESTION_TITLE = "The first question in BSL"
QUESTION_TRANSCRIPT = (
    "How far do you agree with our proposal for the Eastbrook minor injuries unit? "
    "Choose one answer, from strongly agree to strongly disagree."
)
CAPTIONS = {
    "en": ("About this form in BSL.", "You can answer here, or send us a BSL video."),
    "cy": ("Am y ffurflen hon yn BSL.", "Gallwch ateb yma, neu anfon fideo BSL atom."),
    "pl": ("O tym formularzu w BSL.", "Możesz odpowiedzieć tutaj albo wysłać nam nagranie w BSL."),
    "ur": (
        "اس فارم کے بارے میں BSL میں۔",
        "آپ یہاں جواب دے سکتے ہیں، یا ہمیں BSL ویڈیو بھیج سکتے ہیں۔",
    ),
}
STRINGS = {
    "cy": {
        SECTION_TITLE: "Am y ffurflen hon yn BSL",
        SECTION_TRANSCRIPT: (
            "Helo. Yn y fideo hwn rydym yn egluro mewn Iaith Arwyddion Prydain beth rydym yn ei "
            "ofyn a pham. Gallwch ateb y cwestiynau ar y ffurflen hon, neu anfon eich atebion atom "
            "fel fideo BSL. (Ar y safle demo mae'r fideo yn dangos llun prawf.)"
        ),
        QUESTION_TITLE: "Y cwestiwn cyntaf yn BSL",
        QUESTION_TRANSCRIPT: (
            "I ba raddau ydych chi'n cytuno â'n cynnig ar gyfer uned mân anafiadau Eastbrook? "
            "Dewiswch un ateb, o gytuno'n gryf i anghytuno'n gryf."
        ),
    },
    "pl": {
        SECTION_TITLE: "O tym formularzu w BSL",
        SECTION_TRANSCRIPT: (
            "Dzień dobry. W tym nagraniu wyjaśniamy w brytyjskim języku migowym, o co pytamy i "
            "dlaczego. Możesz odpowiedzieć na pytania w tym formularzu albo wysłać nam odpowiedzi "
            "jako nagranie w BSL. (W wersji demonstracyjnej nagranie pokazuje obraz testowy.)"
        ),
        QUESTION_TITLE: "Pierwsze pytanie w BSL",
        QUESTION_TRANSCRIPT: (
            "W jakim stopniu zgadzasz się z naszą propozycją dotyczącą punktu leczenia drobnych "
            "urazów w Eastbrook? Wybierz jedną odpowiedź, od „zdecydowanie się zgadzam” do "
            "„zdecydowanie się nie zgadzam”."
        ),
    },
    "ur": {
        SECTION_TITLE: "اس فارم کے بارے میں BSL میں",
        SECTION_TRANSCRIPT: (
            "السلام علیکم۔ اس ویڈیو میں ہم برٹش سائن لینگویج میں بتاتے ہیں کہ ہم کیا پوچھ رہے ہیں "
            "اور کیوں۔ آپ اس فارم کے سوالوں کے جواب دے سکتے ہیں، یا اپنے جواب ہمیں BSL ویڈیو کی "
            "صورت میں بھیج سکتے ہیں۔ (ڈیمو سائٹ پر ویڈیو میں ایک آزمائشی تصویر ہے۔)"
        ),
        QUESTION_TITLE: "پہلا سوال BSL میں",
        QUESTION_TRANSCRIPT: (
            "ایسٹ بروک کے معمولی چوٹوں کے یونٹ کے بارے میں ہماری تجویز سے آپ کس حد تک متفق ہیں؟ "
            "ایک جواب چنیں، پوری طرح متفق سے لے کر بالکل متفق نہیں تک۔"
        ),
    },
}
PRIVACY_HEADING = "British Sign Language videos"


def privacy_paragraph() -> str:
    return (
        "If you respond in British Sign Language we keep your video privately, only for staff "
        "who write your answers into your response. We delete the video "
        f"{video_retention_days()} days after that; your written answers are kept like any other "
        "response. If you ask us to contact you by video relay, we keep your contact details with "
        "your response and remove them with it."
    )


def document(title, filename, data, language):
    existing = get_document_model().objects.filter(title=title).first()
    doc = existing or create_document(title, filename, data)
    DocumentLanguage.objects.update_or_create(document=doc, defaults={"language": language})
    return doc


def captions(code):
    first, second = CAPTIONS[code]
    text = f"WEBVTT\n\n00:00.000 --> 00:01.500\n{first}\n\n00:01.500 --> 00:03.000\n{second}\n"
    return document(
        f"BSL demo video captions ({code})", f"bsl-demo-{code}.vtt", text.encode(), code
    )


def snippet(title, transcript, video, source_locale):
    found = SignVideo.objects.filter(title=title, locale=source_locale).first()
    if found is None:
        found = SignVideo(title=title, transcript=transcript, locale=source_locale)
    found.video, found.captions = video, captions(source_locale.language_code)
    found.full_clean()
    found.save()
    for code in LANGUAGES:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        if found.get_translation_or_none(locale) is None:
            translate_snippet(found, locale, STRINGS[code])
        translated = found.get_translation(locale)
        translated.captions = captions(code)  # each language's own captions (an override)
        translated.save(update_fields=["captions"])
    return found


def add_privacy_paragraph():
    page = StandardPage.objects.filter(slug="privacy-notice", locale=Locale.get_default()).first()
    if page is None or any(
        block.block_type == "heading" and block.value.get("text") == PRIVACY_HEADING
        for block in page.body
    ):
        return
    page.body.append(("heading", {"text": PRIVACY_HEADING, "level": "h2"}))
    page.body.append(("paragraph", f"<p>{privacy_paragraph()}</p>"))
    page.save_revision().publish()


def load(context):
    form = (context.get("response_forms") or {}).get(FORM_SLUG)
    if form is None:
        return
    form = ResponseFormPage.objects.get(pk=form.pk)
    source_locale = form.locale
    video = document(
        "BSL demo video", "bsl-demo.webm", VIDEO_FILE.read_bytes(), settings.LANGUAGE_CODE
    )
    section_video = snippet(SECTION_TITLE, SECTION_TRANSCRIPT, video, source_locale)
    question_video = snippet(QUESTION_TITLE, QUESTION_TRANSCRIPT, video, source_locale)
    fields = list(form.form_fields.order_by("sort_order"))
    section = next((f for f in fields if f.field_type == q.SECTION), None)
    question = next((f for f in fields if f.field_type != q.SECTION), None)
    changed = False
    for field, chosen in ((section, section_video), (question, question_video)):
        if field is not None and field.sign_video_id != chosen.pk:
            ResponseFormField.objects.filter(pk=field.pk).update(sign_video=chosen)
            changed = True
    if changed:  # a revision that has them, so the editor shows them and translations copy them
        ResponseFormPage.objects.get(pk=form.pk).save_revision().publish()
    add_privacy_paragraph()
    context["sign_videos"] = [section_video, question_video]
