"""Demo: the Easy Read version of the open Eastbrook consultation's form (issue 18).

Runs after home.demo_translations (the consultation is translated by then): makes five simple
pictures with Pillow, the Easy Read form (feedback.demo_forms.EASY_READ_QUESTIONS: four questions
mapped to the standard form, one asked only in Easy Read), its Welsh, Polish and Urdu
translations (through wagtail-localize, as a translator would), and a few responses through it in
several languages, so the dashboard shows "of which Easy Read" and the split by version.
Idempotent: what is already there is left alone.
"""

import io

from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from PIL import Image, ImageDraw

from consultations.models import ConsultationPage
from feedback.demo_forms import EASY_READ_QUESTIONS, add_form
from feedback.models import ResponseFormPage
from feedback.services import ConsultationNotOpen, find_repeat, submit_response
from home.translation import translate_page, translated_instance

SLUG = "eastbrook-minor-injuries-unit"
DEMO_CLIENT = "demo"
TITLE = "Easy Read: have your say about the minor injuries unit"
INTRODUCTION = "We want to know what you think. There is one question on each page. You can skip the questions that say (optional)."
CONFIRMATION = "Thank you. We will read what you told us."
CHOICES_SUPPORT = (
    "agree|Yes, it is a good idea<br/>neither|I am not sure<br/>disagree|No, it is not a good idea"
)
CHOICES_TRAVEL = "car|In a car<br/>bus|On a bus<br/>walk|I would walk or ride a bike"

STRINGS = {
    "cy": {
        TITLE: "Hawdd ei Ddeall: dweud eich dweud am yr uned mân anafiadau",
        INTRODUCTION: "Rydym eisiau gwybod beth rydych chi'n ei feddwl. Mae un cwestiwn ar bob tudalen. Gallwch chi hepgor y cwestiynau sy'n dweud (dewisol).",
        CONFIRMATION: "Diolch. Byddwn ni'n darllen beth ddywedoch chi wrthym.",
        "Is it a good idea to move the unit to the new health centre?": "Ydy hi'n syniad da symud yr uned i'r ganolfan iechyd newydd?",
        CHOICES_SUPPORT: "agree|Ydy, mae'n syniad da<br/>neither|Dydw i ddim yn siŵr<br/>disagree|Nac ydy, nid yw'n syniad da",
        "A green tick and a red cross.": "Tic gwyrdd a chroes goch.",
        "Have you been to the minor injuries unit?": "Ydych chi wedi bod i'r uned mân anafiadau?",
        "Think about the last two years.": "Meddyliwch am y ddwy flynedd diwethaf.",
        "A health centre building with a red cross above the door.": "Adeilad canolfan iechyd gyda chroes goch uwchben y drws.",
        "How would you get to the new health centre?": "Sut byddech chi'n mynd i'r ganolfan iechyd newydd?",
        "You can choose more than one.": "Gallwch ddewis mwy nag un.",
        CHOICES_TRAVEL: "car|Mewn car<br/>bus|Ar fws<br/>walk|Byddwn i'n cerdded neu'n mynd ar feic",
        "A green bus with four windows.": "Bws gwyrdd gyda phedair ffenestr.",
        "Tell us why. You can write as much or as little as you like.": "Dywedwch wrthym pam. Gallwch ysgrifennu cymaint neu gyn lleied ag y mynnwch.",
        "A speech bubble with lines of writing in it.": "Swigen siarad gyda llinellau o ysgrifen ynddi.",
        "Was this form easy to use?": "Oedd y ffurflen hon yn hawdd ei defnyddio?",
        "A yellow smiling face.": "Wyneb melyn yn gwenu.",
    },
    "pl": {
        TITLE: "Tekst łatwy do czytania: wyraź opinię o punkcie leczenia drobnych urazów",
        INTRODUCTION: "Chcemy wiedzieć, co myślisz. Na każdej stronie jest jedno pytanie. Możesz pominąć pytania oznaczone (opcjonalne).",
        CONFIRMATION: "Dziękujemy. Przeczytamy, co nam przekazałeś.",
        "Is it a good idea to move the unit to the new health centre?": "Czy przeniesienie punktu do nowego ośrodka zdrowia to dobry pomysł?",
        CHOICES_SUPPORT: "agree|Tak, to dobry pomysł<br/>neither|Nie jestem pewien<br/>disagree|Nie, to nie jest dobry pomysł",
        "A green tick and a red cross.": "Zielony znak wyboru i czerwony krzyżyk.",
        "Have you been to the minor injuries unit?": "Czy byłeś w punkcie leczenia drobnych urazów?",
        "Think about the last two years.": "Pomyśl o ostatnich dwóch latach.",
        "A health centre building with a red cross above the door.": "Budynek ośrodka zdrowia z czerwonym krzyżem nad drzwiami.",
        "How would you get to the new health centre?": "Jak dotarłbyś do nowego ośrodka zdrowia?",
        "You can choose more than one.": "Możesz wybrać więcej niż jedną odpowiedź.",
        CHOICES_TRAVEL: "car|Samochodem<br/>bus|Autobusem<br/>walk|Pieszo albo rowerem",
        "A green bus with four windows.": "Zielony autobus z czterema oknami.",
        "Tell us why. You can write as much or as little as you like.": "Napisz nam dlaczego. Możesz napisać dużo albo mało.",
        "A speech bubble with lines of writing in it.": "Dymek z kilkoma linijkami tekstu.",
        "Was this form easy to use?": "Czy ten formularz był łatwy w użyciu?",
        "A yellow smiling face.": "Żółta uśmiechnięta buźka.",
    },
    "ur": {
        TITLE: "آسان زبان: معمولی چوٹوں کے یونٹ کے بارے میں اپنی رائے دیں",
        INTRODUCTION: "ہم جاننا چاہتے ہیں کہ آپ کیا سوچتے ہیں۔ ہر صفحے پر ایک سوال ہے۔ جن سوالوں پر (اختیاری) لکھا ہے آپ انہیں چھوڑ سکتے ہیں۔",
        CONFIRMATION: "شکریہ۔ آپ نے جو بتایا ہم اسے پڑھیں گے۔",
        "Is it a good idea to move the unit to the new health centre?": "کیا یونٹ کو نئے ہیلتھ سینٹر میں منتقل کرنا اچھا خیال ہے؟",
        CHOICES_SUPPORT: "agree|ہاں، یہ اچھا خیال ہے<br/>neither|مجھے یقین نہیں<br/>disagree|نہیں، یہ اچھا خیال نہیں ہے",
        "A green tick and a red cross.": "ایک سبز نشانِ درستی اور ایک سرخ کراس۔",
        "Have you been to the minor injuries unit?": "کیا آپ معمولی چوٹوں کے یونٹ میں گئے ہیں؟",
        "Think about the last two years.": "پچھلے دو سالوں کے بارے میں سوچیں۔",
        "A health centre building with a red cross above the door.": "ہیلتھ سینٹر کی عمارت جس کے دروازے کے اوپر سرخ کراس ہے۔",
        "How would you get to the new health centre?": "آپ نئے ہیلتھ سینٹر تک کیسے جائیں گے؟",
        "You can choose more than one.": "آپ ایک سے زیادہ چن سکتے ہیں۔",
        CHOICES_TRAVEL: "car|گاڑی میں<br/>bus|بس میں<br/>walk|میں پیدل یا سائیکل پر جاؤں گا",
        "A green bus with four windows.": "چار کھڑکیوں والی ایک سبز بس۔",
        "Tell us why. You can write as much or as little as you like.": "ہمیں وجہ بتائیں۔ آپ جتنا چاہیں کم یا زیادہ لکھ سکتے ہیں۔",
        "A speech bubble with lines of writing in it.": "بات کا ایک غبارہ جس میں تحریر کی لکیریں ہیں۔",
        "Was this form easy to use?": "کیا یہ فارم استعمال کرنا آسان تھا؟",
        "A yellow smiling face.": "ایک پیلا مسکراتا چہرہ۔",
    },
}

# (language, answers) of the demo responses given through the Easy Read form.
RESPONSES = [
    ("en", {"support": "agree", "use_service": "yes", "travel": ["bus"], "easy_to_use": "yes"}),
    (
        "en",
        {
            "support": "disagree",
            "use_service": "yes",
            "reasons": "The bus does not go there.",
            "easy_to_use": "yes",
        },
    ),
    ("en", {"support": "neither", "use_service": "no", "travel": ["car"], "easy_to_use": "no"}),
    ("cy", {"support": "agree", "use_service": "no", "travel": ["walk"], "easy_to_use": "yes"}),
    ("pl", {"support": "disagree", "use_service": "yes", "easy_to_use": "yes"}),
    (
        "ur",
        {"support": "agree", "use_service": "yes", "travel": ["bus", "walk"], "easy_to_use": "yes"},
    ),
]


def _draw(name):
    """A simple, high-contrast picture (240 x 180) for one question."""
    picture = Image.new("RGB", (240, 180), "white")
    pen = ImageDraw.Draw(picture)
    if name == "tick and cross":
        pen.ellipse((20, 40, 110, 130), fill="#007f3b")
        pen.line((40, 88, 60, 108, 92, 64), fill="white", width=10)
        pen.ellipse((130, 40, 220, 130), fill="#d5281b")
        pen.line((150, 60, 200, 110), fill="white", width=10)
        pen.line((200, 60, 150, 110), fill="white", width=10)
    elif name == "health centre":
        pen.rectangle((40, 50, 200, 170), fill="#e8edee", outline="#425563", width=4)
        pen.rectangle((100, 110, 140, 170), fill="#005eb8")
        pen.rectangle((113, 62, 127, 100), fill="#d5281b")
        pen.rectangle((101, 74, 139, 88), fill="#d5281b")
    elif name == "bus":
        pen.rounded_rectangle((20, 40, 220, 140), radius=16, fill="#007f3b")
        for left in (35, 80, 125, 170):
            pen.rectangle((left, 55, left + 35, 90), fill="#e8edee")
        pen.ellipse((45, 125, 85, 165), fill="#212b32")
        pen.ellipse((155, 125, 195, 165), fill="#212b32")
    elif name == "speech bubble":
        pen.rounded_rectangle((20, 20, 220, 130), radius=20, fill="#005eb8")
        pen.polygon((60, 128, 100, 128, 50, 170), fill="#005eb8")
        for top in (45, 70, 95):
            pen.line((45, top, 195, top), fill="white", width=8)
    else:  # a smiling face
        pen.ellipse((50, 20, 190, 160), fill="#ffeb3b", outline="#212b32", width=4)
        pen.ellipse((90, 60, 106, 76), fill="#212b32")
        pen.ellipse((134, 60, 150, 76), fill="#212b32")
        pen.arc((82, 70, 158, 130), start=20, end=160, fill="#212b32", width=6)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer


PICTURES = {
    "Easy Read: a tick and a cross": "tick and cross",
    "Easy Read: the minor injuries unit": "health centre",
    "Easy Read: a bus": "bus",
    "Easy Read: a speech bubble": "speech bubble",
    "Easy Read: a smiling face": "smiling face",
}


def root_collection() -> Collection:
    """The root collection (made when missing: a flushed test database has none)."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def picture(title):
    """The demo picture with this title, made once."""
    model = get_image_model()
    image = model.objects.filter(title=title).first()
    if image is None:
        name = PICTURES.get(title, "smiling face")
        image = model(title=title, collection=root_collection())
        image.file = ImageFile(_draw(name), name=f"easy-read-{name.replace(' ', '-')}.png")
        image.save()
    return image


def questions_with_pictures():
    specs = []
    for spec in EASY_READ_QUESTIONS:
        spec = dict(spec)
        title = spec.pop("image", None)
        if title:
            spec["image"] = picture(title)
        specs.append(spec)
    return specs


def load(context):
    default = Locale.get_default()
    consultation = (context.get("consultations") or {}).get(SLUG)
    if consultation is None:
        consultation = ConsultationPage.objects.filter(slug=SLUG, locale=default).first()
    if consultation is None:
        return
    consultation = ConsultationPage.objects.get(pk=consultation.pk)
    form = ResponseFormPage.objects.child_of(consultation).filter(purpose="easy_read").first()
    if form is None:
        form = add_form(
            consultation,
            questions_with_pictures(),
            title=TITLE,
            slug="easy-read",
            purpose="easy_read",
        )
        form.introduction, form.confirmation_text = INTRODUCTION, CONFIRMATION
        form.save_revision().publish()
    pages = {default.language_code: form}
    for code, strings in STRINGS.items():
        if translated_instance(consultation, code) is None:
            continue  # the consultation is not in this language
        if translated_instance(form, code) is None:
            translate_page(form, code, strings)
        pages[code] = translated_instance(form, code)
    context["easy_read_forms"] = pages
    for number, (code, answers) in enumerate(RESPONSES, start=1):
        page = pages.get(code)
        key = f"demo-easy-read-{number}"
        if page is None or find_repeat(page, key, DEMO_CLIENT) is not None:
            continue
        try:
            submit_response(page, answers, idempotency_key=key, client=DEMO_CLIENT)
        except ConsultationNotOpen:
            return
