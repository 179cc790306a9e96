"""Sample translations the tests give the demo-like content of `feedback.factories`: every text a
translator sees for the home page, the consultations index, a consultation and its response form."""

TRANSLATIONS = {
    "cy": {
        "Have your say": "Dweud eich dweud",
        "Welcome.": "Croeso.",
        "Consultations": "Ymgynghoriadau",
        "Urgent care in Northfield": "Gofal brys yn Northfield",
        "We propose to move the minor injuries unit to the new health centre.": (
            "Rydym yn cynnig symud yr uned mân anafiadau i'r ganolfan iechyd newydd."
        ),
        "Respond: Urgent care in Northfield": "Ymateb: Gofal brys yn Northfield",
        "Your views on the proposal": "Eich barn am y cynnig",
        "How far do you agree with the proposal?": "I ba raddau ydych chi'n cytuno â'r cynnig?",
        "Have you used the minor injuries unit in the last two years?": (
            "Ydych chi wedi defnyddio'r uned mân anafiadau yn ystod y ddwy flynedd diwethaf?"
        ),
        "Tell us why you feel this way": "Dywedwch wrthym pam rydych chi'n teimlo fel hyn",
        "Please do not include names or details of other people.": "Peidiwch â chynnwys enwau na manylion pobl eraill.",
    },
    "pl": {
        "Have your say": "Wyraź swoją opinię",
        "Welcome.": "Witamy.",
        "Consultations": "Konsultacje",
        "Urgent care in Northfield": "Pilna pomoc medyczna w Northfield",
        "We propose to move the minor injuries unit to the new health centre.": (
            "Proponujemy przeniesienie punktu leczenia drobnych urazów do nowego ośrodka zdrowia."
        ),
        "Respond: Urgent care in Northfield": "Odpowiedz: Pilna pomoc medyczna w Northfield",
        "Your views on the proposal": "Twoja opinia o propozycji",
        "How far do you agree with the proposal?": "W jakim stopniu zgadzasz się z propozycją?",
        "Have you used the minor injuries unit in the last two years?": (
            "Czy w ciągu ostatnich dwóch lat korzystałeś(-aś) z punktu leczenia drobnych urazów?"
        ),
        "Tell us why you feel this way": "Powiedz nam, dlaczego tak uważasz",
        "Please do not include names or details of other people.": "Prosimy nie podawać imion ani danych innych osób.",
    },
    "ur": {
        "Have your say": "اپنی رائے دیں",
        "Welcome.": "خوش آمدید۔",
        "Consultations": "مشاورتیں",
        "Urgent care in Northfield": "نارتھ فیلڈ میں فوری نگہداشت",
        "We propose to move the minor injuries unit to the new health centre.": (
            "ہم معمولی چوٹوں کے یونٹ کو نئے ہیلتھ سینٹر میں منتقل کرنے کی تجویز دیتے ہیں۔"
        ),
        "Respond: Urgent care in Northfield": "جواب دیں: نارتھ فیلڈ میں فوری نگہداشت",
        "Your views on the proposal": "تجویز کے بارے میں آپ کی رائے",
        "How far do you agree with the proposal?": "آپ اس تجویز سے کس حد تک متفق ہیں؟",
        "Have you used the minor injuries unit in the last two years?": (
            "کیا آپ نے پچھلے دو سالوں میں معمولی چوٹوں کا یونٹ استعمال کیا ہے؟"
        ),
        "Tell us why you feel this way": "ہمیں بتائیں کہ آپ ایسا کیوں محسوس کرتے ہیں",
        "Please do not include names or details of other people.": "براہ کرم دوسرے لوگوں کے نام یا تفصیلات شامل نہ کریں۔",
    },
}

# The texts of the home page, the index and the consultation (not its form).
PAGE_KEYS = (
    "Have your say",
    "Welcome.",
    "Consultations",
    "Urgent care in Northfield",
    "We propose to move the minor injuries unit to the new health centre.",
)


def page_texts(code):
    return {key: TRANSLATIONS[code][key] for key in PAGE_KEYS}
