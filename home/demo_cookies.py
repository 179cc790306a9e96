"""Demo cookies page: a standard page under the home page (so the footer links to it), in every
language the site offers.

It names the cookies this site really sets, taken from the settings that name them: Django's
session cookie (multi-page response forms, the reference shown after feedback or a format
request, staff sign-in), the CSRF cookie (pages with a form) and our large-print cookie
(home.display). No language cookie: the language is in the address (i18n_patterns), and nothing
here sets Django's ``django_language`` cookie. Runs after home.demo_translations, which
translates the home pages the translations sit under.
"""

from django.conf import settings

from home.demo import ensure_child
from home.display import DISPLAY_COOKIE
from home.models import StandardPage
from home.translation import translate_page, translated_instance
from home.translation_status import translation_is_outdated

SLUG = "cookies"
SESSION = settings.SESSION_COOKIE_NAME
CSRF = settings.CSRF_COOKIE_NAME
SESSION_MINUTES = settings.SESSION_COOKIE_AGE // 60

TITLE = "Cookies"
SUMMARY = (
    "The small files this website saves in your browser, what each one does and how long it stays."
)
INTRO = (
    "Cookies are small files that a website saves in your browser. We use only the ones the site "
    "needs to work. We do not use cookies to count visits, to show adverts or to follow you to other "
    "websites, so we do not ask you to accept them."
)
HEADING_OURS = "Cookies we set"
SESSION_TEXT = (
    f"{SESSION}: remembers your answers while you fill in a response form over several pages, and "
    "the reference we give you after you send feedback or ask for another format. It is deleted "
    f"{SESSION_MINUTES} minutes after you last use the site."
)
CSRF_TEXT = (
    f"{CSRF}: set on pages with a form. It shows that a form sent to us came from our own pages, so "
    "another website cannot send a form in your name. It lasts up to a year."
)
DISPLAY_TEXT = (
    f"{DISPLAY_COOKIE}: set only if you choose large print, so that every page stays in large print. "
    "It lasts a year, or until you switch large print off."
)
LANGUAGE_TEXT = (
    "We do not need a cookie to remember your language: it is part of the web address, for example "
    "/cy/ for Cymraeg."
)
HEADING_OTHERS = "Cookies from other websites"
OTHERS_TEXT = (
    "When our spam check is switched on, response forms use Google reCAPTCHA, and Google may set its "
    "own cookie. If you play a video from YouTube or Vimeo, that website may set its own cookies; "
    "every video has a written transcript if you prefer not to play it."
)
HEADING_CONTROL = "Removing or blocking cookies"
CONTROL_TEXT = (
    "You can delete or block cookies in your browser's settings. To send a response form you need "
    f"to allow our {SESSION} and {CSRF} cookies."
)


def body():
    return [
        ("paragraph", f"<p>{INTRO}</p>"),
        ("heading", {"text": HEADING_OURS, "level": "h2"}),
        (
            "paragraph",
            f"<ul><li>{SESSION_TEXT}</li><li>{CSRF_TEXT}</li><li>{DISPLAY_TEXT}</li></ul>",
        ),
        ("paragraph", f"<p>{LANGUAGE_TEXT}</p>"),
        ("heading", {"text": HEADING_OTHERS, "level": "h2"}),
        ("paragraph", f"<p>{OTHERS_TEXT}</p>"),
        ("heading", {"text": HEADING_CONTROL, "level": "h2"}),
        ("paragraph", f"<p>{CONTROL_TEXT}</p>"),
    ]


STRINGS = {
    "cy": {
        TITLE: "Cwcis",
        SUMMARY: "Y ffeiliau bach y mae'r wefan hon yn eu cadw yn eich porwr, beth mae pob un yn ei wneud a pha mor hir y mae'n aros.",
        INTRO: (
            "Ffeiliau bach y mae gwefan yn eu cadw yn eich porwr yw cwcis. Dim ond y rhai sydd eu hangen "
            "ar y wefan i weithio rydym yn eu defnyddio. Nid ydym yn defnyddio cwcis i gyfrif ymweliadau, "
            "i ddangos hysbysebion nac i'ch dilyn i wefannau eraill, felly nid ydym yn gofyn i chi eu derbyn."
        ),
        HEADING_OURS: "Cwcis rydym yn eu gosod",
        SESSION_TEXT: (
            f"{SESSION}: yn cofio eich atebion tra byddwch yn llenwi ffurflen ymateb dros sawl tudalen, a'r "
            "cyfeirnod a roddwn i chi ar ôl i chi anfon adborth neu ofyn am fformat arall. Caiff ei "
            f"ddileu {SESSION_MINUTES} munud ar ôl i chi ddefnyddio'r wefan ddiwethaf."
        ),
        CSRF_TEXT: (
            f"{CSRF}: yn cael ei osod ar dudalennau sydd â ffurflen. Mae'n dangos bod ffurflen a anfonwyd "
            "atom wedi dod o'n tudalennau ni, fel na all gwefan arall anfon ffurflen yn eich enw chi. "
            "Mae'n para hyd at flwyddyn."
        ),
        DISPLAY_TEXT: (
            f"{DISPLAY_COOKIE}: yn cael ei osod dim ond os ydych yn dewis print bras, fel bod pob tudalen "
            "yn aros mewn print bras. Mae'n para blwyddyn, neu nes i chi ddiffodd print bras."
        ),
        LANGUAGE_TEXT: (
            "Nid oes angen cwci arnom i gofio eich iaith: mae'n rhan o'r cyfeiriad gwe, er enghraifft "
            "/cy/ ar gyfer Cymraeg."
        ),
        HEADING_OTHERS: "Cwcis o wefannau eraill",
        OTHERS_TEXT: (
            "Pan fydd ein gwiriad sbam ymlaen, mae ffurflenni ymateb yn defnyddio Google reCAPTCHA, a "
            "gall Google osod ei gwci ei hun. Os byddwch yn chwarae fideo o YouTube neu Vimeo, gall y "
            "wefan honno osod ei chwcis ei hun; mae trawsgrifiad ysgrifenedig gyda phob fideo os yw'n "
            "well gennych beidio â'i chwarae."
        ),
        HEADING_CONTROL: "Dileu neu rwystro cwcis",
        CONTROL_TEXT: (
            "Gallwch ddileu neu rwystro cwcis yng ngosodiadau eich porwr. I anfon ffurflen ymateb mae "
            f"angen i chi ganiatáu ein cwcis {SESSION} a {CSRF}."
        ),
    },
    "pl": {
        TITLE: "Pliki cookie",
        SUMMARY: "Małe pliki, które ta strona zapisuje w Twojej przeglądarce: do czego służy każdy z nich i jak długo jest przechowywany.",
        INTRO: (
            "Pliki cookie to małe pliki, które strona internetowa zapisuje w przeglądarce. Używamy tylko "
            "tych, bez których strona nie działa. Nie używamy plików cookie do liczenia odwiedzin, "
            "wyświetlania reklam ani śledzenia Cię na innych stronach, dlatego nie prosimy o ich akceptację."
        ),
        HEADING_OURS: "Pliki cookie, które ustawiamy",
        SESSION_TEXT: (
            f"{SESSION}: zapamiętuje Twoje odpowiedzi, gdy wypełniasz formularz na kilku stronach, oraz "
            "numer referencyjny, który podajemy po wysłaniu opinii lub prośby o inny format. Jest "
            f"usuwany {SESSION_MINUTES} minut po Twojej ostatniej wizycie na stronie."
        ),
        CSRF_TEXT: (
            f"{CSRF}: ustawiany na stronach z formularzem. Potwierdza, że formularz wysłany do nas "
            "pochodzi z naszych stron, więc inna strona nie może wysłać formularza w Twoim imieniu. "
            "Jest przechowywany do roku."
        ),
        DISPLAY_TEXT: (
            f"{DISPLAY_COOKIE}: ustawiany tylko wtedy, gdy wybierzesz duży druk, aby każda strona była "
            "wyświetlana dużym drukiem. Jest przechowywany przez rok albo do wyłączenia dużego druku."
        ),
        LANGUAGE_TEXT: (
            "Nie potrzebujemy pliku cookie, aby zapamiętać Twój język: jest on częścią adresu strony, "
            "na przykład /pl/ dla języka polskiego."
        ),
        HEADING_OTHERS: "Pliki cookie innych stron",
        OTHERS_TEXT: (
            "Gdy nasza ochrona przed spamem jest włączona, formularze korzystają z Google reCAPTCHA i "
            "Google może ustawić własny plik cookie. Jeśli odtworzysz film z YouTube lub Vimeo, ta strona "
            "może ustawić własne pliki cookie; do każdego filmu jest transkrypcja, jeśli wolisz go nie "
            "odtwarzać."
        ),
        HEADING_CONTROL: "Usuwanie i blokowanie plików cookie",
        CONTROL_TEXT: (
            "Pliki cookie możesz usunąć lub zablokować w ustawieniach przeglądarki. Aby wysłać formularz, "
            f"musisz zezwolić na nasze pliki cookie {SESSION} i {CSRF}."
        ),
    },
    "ur": {
        TITLE: "کوکیز",
        SUMMARY: "وہ چھوٹی فائلیں جو یہ ویب سائٹ آپ کے براؤزر میں محفوظ کرتی ہے، ہر ایک کیا کرتی ہے اور کتنی دیر رہتی ہے۔",
        INTRO: (
            "کوکیز چھوٹی فائلیں ہیں جو کوئی ویب سائٹ آپ کے براؤزر میں محفوظ کرتی ہے۔ ہم صرف وہی کوکیز "
            "استعمال کرتے ہیں جن کے بغیر سائٹ کام نہیں کرتی۔ ہم کوکیز سے نہ وزٹ گنتے ہیں، نہ اشتہار دکھاتے "
            "ہیں اور نہ دوسری ویب سائٹس پر آپ کا پیچھا کرتے ہیں، اس لیے ہم آپ سے انہیں قبول کرنے کو نہیں کہتے۔"
        ),
        HEADING_OURS: "ہماری کوکیز",
        SESSION_TEXT: (
            f"{SESSION}: جب آپ کئی صفحات پر مشتمل جواب کا فارم بھرتے ہیں تو یہ آپ کے جوابات یاد رکھتی ہے، "
            "اور وہ حوالہ نمبر بھی جو ہم آپ کو رائے بھیجنے یا کسی اور فارمیٹ کی درخواست کے بعد دیتے ہیں۔ "
            f"آپ کے آخری بار سائٹ استعمال کرنے کے {SESSION_MINUTES} منٹ بعد یہ حذف ہو جاتی ہے۔"
        ),
        CSRF_TEXT: (
            f"{CSRF}: فارم والے صفحات پر لگائی جاتی ہے۔ یہ ظاہر کرتی ہے کہ ہمیں بھیجا گیا فارم ہمارے اپنے "
            "صفحات سے آیا ہے، تاکہ کوئی دوسری ویب سائٹ آپ کے نام سے فارم نہ بھیج سکے۔ یہ زیادہ سے زیادہ "
            "ایک سال رہتی ہے۔"
        ),
        DISPLAY_TEXT: (
            f"{DISPLAY_COOKIE}: صرف اس وقت لگائی جاتی ہے جب آپ بڑا پرنٹ منتخب کریں، تاکہ ہر صفحہ بڑے پرنٹ "
            "میں رہے۔ یہ ایک سال تک، یا بڑا پرنٹ بند کرنے تک رہتی ہے۔"
        ),
        LANGUAGE_TEXT: (
            "آپ کی زبان یاد رکھنے کے لیے ہمیں کوکی کی ضرورت نہیں: زبان ویب ایڈریس کا حصہ ہے، مثلاً اردو کے "
            "لیے /ur/۔"
        ),
        HEADING_OTHERS: "دوسری ویب سائٹس کی کوکیز",
        OTHERS_TEXT: (
            "جب ہماری اسپام کی جانچ چالو ہو تو جواب کے فارم Google reCAPTCHA استعمال کرتے ہیں، اور Google "
            "اپنی کوکی لگا سکتا ہے۔ اگر آپ YouTube یا Vimeo کی کوئی ویڈیو چلائیں تو وہ ویب سائٹ اپنی کوکیز "
            "لگا سکتی ہے؛ اگر آپ ویڈیو نہ چلانا چاہیں تو ہر ویڈیو کے ساتھ اس کی تحریری نقل موجود ہے۔"
        ),
        HEADING_CONTROL: "کوکیز حذف یا بلاک کرنا",
        CONTROL_TEXT: (
            "آپ اپنے براؤزر کی سیٹنگز میں کوکیز حذف یا بلاک کر سکتے ہیں۔ جواب کا فارم بھیجنے کے لیے آپ کو "
            f"ہماری {SESSION} اور {CSRF} کوکیز کی اجازت دینی ہوگی۔"
        ),
    },
}


def ensure_cookies_page(home):
    return ensure_child(
        home, StandardPage, SLUG, title=TITLE, summary=SUMMARY, body=body(), show_in_menus=False
    )


def load(context):
    home = context.get("home")
    if home is None:
        return
    page = ensure_cookies_page(home)
    for code, strings in STRINGS.items():
        existing = translated_instance(page, code)
        if (
            existing is not None
            and existing.live
            and not existing.alias_of_id
            and not translation_is_outdated(existing)
        ):
            continue
        translate_page(page, code, strings)
    context["cookies_page"] = page
