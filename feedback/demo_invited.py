"""Demo (issue 17): an unlisted and an invited consultation, each with a response form, in every
language, and one invitation link the demo admin can open (printed by load_demo).

The unlisted one is readable by anyone with its address but listed nowhere; the invited one
answers "by invitation" to anyone without a link. The demo link's secret is derived from
SECRET_KEY, so every run prints the same working link and stores nothing twice.

Reads context['consultation_index'], context['about_you'] and context['home']; puts
'invited_demo' ({"unlisted": page, "invited": page, "invitation_url": str}).
"""

import datetime

from django.utils import timezone
from django.utils.crypto import salted_hmac

from wagtail.models import Locale

from consultations import invitations
from consultations.choices import Visibility
from consultations.models import ConsultationIndexPage, ConsultationPage, Invitation
from feedback.demo_forms import STANDARD_QUESTIONS, add_form
from home.demo_translations import STRINGS as DEMO_STRINGS
from home.public_urls import public_url
from home.translation import translate_page, translated_instance

UNLISTED = {
    "slug": "kidney-dialysis-unit-staff-ideas",
    "title": "Ideas for the kidney dialysis unit",
    "summary": (
        "We are asking people who use the Northfield dialysis unit, and their families, how the "
        "new unit should work. Only people we sent the address to can find this page."
    ),
}
INVITED = {
    "slug": "stroke-survivors-panel",
    "title": "Stroke survivors' panel: the new rehabilitation pathway",
    "summary": (
        "Members of our stroke survivors' panel: tell us what helped and what was missing in the "
        "months after leaving hospital, before we change the rehabilitation pathway."
    ),
}
DEMO_LABEL = "Demo: stroke survivors' panel"

STRINGS = {
    "cy": {
        UNLISTED["title"]: "Syniadau ar gyfer yr uned dialysis arennau",
        UNLISTED["summary"]: (
            "Rydym yn gofyn i bobl sy'n defnyddio uned dialysis Northfield, a'u teuluoedd, sut y "
            "dylai'r uned newydd weithio. Dim ond pobl y gwnaethom anfon y cyfeiriad atynt all "
            "ddod o hyd i'r dudalen hon."
        ),
        INVITED["title"]: "Panel goroeswyr strôc: y llwybr adsefydlu newydd",
        INVITED["summary"]: (
            "Aelodau ein panel goroeswyr strôc: dywedwch wrthym beth a helpodd a beth oedd ar "
            "goll yn y misoedd ar ôl gadael yr ysbyty, cyn i ni newid y llwybr adsefydlu."
        ),
        f"Respond to: {UNLISTED['title']}": "Ymateb: Syniadau ar gyfer yr uned dialysis arennau",
        f"Respond to: {INVITED['title']}": "Ymateb: Panel goroeswyr strôc",
    },
    "pl": {
        UNLISTED["title"]: "Pomysły dla oddziału dializ",
        UNLISTED["summary"]: (
            "Pytamy osoby korzystające z oddziału dializ w Northfield oraz ich rodziny, jak "
            "powinien działać nowy oddział. Tę stronę znajdą tylko osoby, którym wysłaliśmy jej "
            "adres."
        ),
        INVITED["title"]: "Panel osób po udarze: nowa ścieżka rehabilitacji",
        INVITED["summary"]: (
            "Członkowie naszego panelu osób po udarze: powiedzcie nam, co pomogło, a czego "
            "zabrakło w miesiącach po wyjściu ze szpitala, zanim zmienimy ścieżkę rehabilitacji."
        ),
        f"Respond to: {UNLISTED['title']}": "Odpowiedz: Pomysły dla oddziału dializ",
        f"Respond to: {INVITED['title']}": "Odpowiedz: Panel osób po udarze",
    },
    "ur": {
        UNLISTED["title"]: "گردوں کے ڈائیلاسز یونٹ کے لیے تجاویز",
        UNLISTED["summary"]: (
            "ہم نارتھ فیلڈ ڈائیلاسز یونٹ استعمال کرنے والوں اور ان کے خاندانوں سے پوچھ رہے ہیں کہ "
            "نیا یونٹ کیسے کام کرے۔ یہ صفحہ صرف وہی لوگ دیکھ سکتے ہیں جنہیں ہم نے اس کا پتہ بھیجا ہے۔"
        ),
        INVITED["title"]: "فالج سے صحت یاب افراد کا پینل: بحالی کا نیا طریقہ",
        INVITED["summary"]: (
            "ہمارے فالج سے صحت یاب افراد کے پینل کے اراکین: ہمیں بتائیں کہ ہسپتال سے جانے کے بعد "
            "کے مہینوں میں کس چیز نے مدد کی اور کیا کمی تھی، اس سے پہلے کہ ہم بحالی کا طریقہ بدلیں۔"
        ),
        f"Respond to: {UNLISTED['title']}": "جواب دیں: ڈائیلاسز یونٹ کے لیے تجاویز",
        f"Respond to: {INVITED['title']}": "جواب دیں: فالج کے پینل",
    },
}


def demo_token(slug: str) -> str:
    return salted_hmac("consultations.demo_invitation", slug).hexdigest()[:32]


def ensure(index, spec, visibility, now):
    page = ConsultationPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if page is None:
        page = index.add_child(
            instance=ConsultationPage(
                **spec,
                visibility=visibility,
                opens_at=now - datetime.timedelta(days=3),
                closes_at=now + datetime.timedelta(days=25),
                response_email="involvement@example.nhs.uk",
                contact_name="Involvement team",
                contact_email="involvement@example.nhs.uk",
            )
        )
        page.save_revision().publish()
        page = ConsultationPage.objects.get(pk=page.pk)
    return page


def translate(page, code):
    existing = translated_instance(page, code)
    if existing is not None and existing.live:
        return existing
    translate_page(page, code, {**DEMO_STRINGS.get(code, {}), **STRINGS[code]})
    return translated_instance(page, code)


def load(context):
    index = context.get("consultation_index")
    if index is None:
        return
    index = ConsultationIndexPage.objects.get(pk=index.pk)
    if index.locale_id != Locale.get_default().pk:
        return
    now = timezone.now()
    unlisted = ensure(index, UNLISTED, Visibility.UNLISTED, now)
    invited = ensure(index, INVITED, Visibility.INVITED, now)
    for page in (unlisted, invited):
        add_form(
            page,
            STANDARD_QUESTIONS,
            about_you=context.get("about_you"),
            title=f"Respond to: {page.title}"[:255],
        )
        for code in ("cy", "pl", "ur"):
            if translated_instance(index, code) is None:
                continue  # the index is translated by home.demo_translations first
            translate(page, code)
            for child in page.get_children().live().specific():
                translate(child, code)
    raw = demo_token(invited.slug)
    if not Invitation.objects.filter(token=invitations.hash_token(raw)).exists():
        Invitation.objects.create(
            consultation=invited,
            token=invitations.hash_token(raw),
            label=DEMO_LABEL,
            created_by=context.get("admin"),
        )
    url = invitations.invitation_url(invited, raw)
    context["invited_demo"] = {"unlisted": unlisted, "invited": invited, "invitation_url": url}
    stdout = context.get("stdout")
    if stdout is not None:
        stdout.write(f"Invited consultation: open {url} to read and respond as a panel member.")
        stdout.write(f"Unlisted consultation (not listed anywhere): {public_url(unlisted)}")
