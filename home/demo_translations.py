"""Demo translations, made through wagtail-localize as a translator would (home.translation).

Runs after the other demo parts: translates the home page (Welsh, Polish, Urdu), the two open
consultations with their response forms and materials page, their parents, and one outcome into
Polish and Urdu. Anything without a translation here falls back to English until a translator
finishes it in the translation editor. Idempotent: a page whose translation is already there and
up to date is left alone. Missing pages (another part not loaded) are skipped.
"""

from wagtail.models import Locale, Page

from home.translation import translate_page, translated_instance
from home.translation_status import translation_is_outdated

CHOICES_TRAVEL = "car|By car<br/>bus|By bus<br/>walk|On foot or by bike<br/>taxi|By taxi or community transport"
CHOICES_IMPORTANCE = "very|Very important<br/>quite|Quite important<br/>not|Not important"
STATEMENTS = "parking|Free parking<br/>hours|Opening until 10pm<br/>xray|X-ray on site"
CHOICES_AREA = "north|North<br/>south|South<br/>east|East<br/>west|West<br/>elsewhere|Somewhere else"
CHOICES_AS = "individual|An individual<br/>organisation|On behalf of an organisation<br/>staff|A member of NHS staff"

INDEX_INTRODUCTION = "Read what we are proposing, get the documents in the format you need, and tell us what you think."
OUTCOMES_INTRODUCTION = (
    "What changed because people took part in our consultations, what will change, "
    "and what we could not change and why."
)

STRINGS = {
    "cy": {
        "Have your say on health services": "Dweud eich dweud am wasanaethau iechyd",
        "Tell us what you think about health and care services in Northfield and Eastbrook. Read our consultations, give your views, and see what changed.": (
            "Dywedwch wrthym beth yw eich barn am wasanaethau iechyd a gofal yn Northfield ac Eastbrook. "
            "Darllenwch ein hymgynghoriadau, rhowch eich barn, a gweld beth newidiodd."
        ),
        # The pages in the header menu
        "Consultations": "Ymgynghoriadau",
        "You said, we did": "Dywedoch chi, fe wnaethom ni",
        INDEX_INTRODUCTION: (
            "Darllenwch beth rydym yn ei gynnig, cewch y dogfennau yn y fformat sydd ei angen arnoch, "
            "a dywedwch wrthym beth yw eich barn."
        ),
        OUTCOMES_INTRODUCTION: (
            "Beth newidiodd oherwydd i bobl gymryd rhan yn ein hymgynghoriadau, beth fydd yn newid, "
            "a beth na allem ei newid a pham."
        ),
        # The Eastbrook consultation, its response form and the community transport outcome
        "The future of Eastbrook Minor Injuries Unit": "Dyfodol Uned Mân Anafiadau Eastbrook",
        "We are proposing to change the opening hours of the Minor Injuries Unit at Eastbrook Community Hospital. Tell us how this would affect you before we decide.": (
            "Rydym yn cynnig newid oriau agor yr Uned Mân Anafiadau yn Ysbyty Cymuned Eastbrook. "
            "Dywedwch wrthym sut byddai hyn yn effeithio arnoch chi cyn i ni benderfynu."
        ),
        "The Minor Injuries Unit treats cuts, sprains, minor burns and broken bones. Most people who use it live within five miles of the hospital.": (
            "Mae'r Uned Mân Anafiadau yn trin toriadau, ysigiadau, mân losgiadau ac esgyrn wedi torri. "
            "Mae'r rhan fwyaf o'r bobl sy'n ei defnyddio yn byw o fewn pum milltir i'r ysbyty."
        ),
        "Few people use the unit after 6pm, and we cannot always find the nurses to staff it safely in the evening.": (
            "Ychydig o bobl sy'n defnyddio'r uned ar ôl 6pm, ac ni allwn bob amser ddod o hyd i nyrsys "
            "i'w staffio'n ddiogel gyda'r nos."
        ),
        "Summary": "Crynodeb",
        "Why we want to make a change": "Pam rydym eisiau gwneud newid",
        "Questions people ask": "Cwestiynau y mae pobl yn eu gofyn",
        "Will the unit close?": "A fydd yr uned yn cau?",
        "No. Both options keep the unit open in the daytime.": "Na fydd. Mae'r ddau opsiwn yn cadw'r uned ar agor yn ystod y dydd.",
        "Where would I go in the evening?": "I ble byddwn i'n mynd gyda'r nos?",
        "Call NHS 111, who can book you an appointment.": "Ffoniwch GIG 111, a all drefnu apwyntiad i chi.",
        "No decision has been made": "Nid oes penderfyniad wedi'i wneud",
        "We will read every response before the board decides.": "Byddwn yn darllen pob ymateb cyn i'r bwrdd benderfynu.",
        "The board decides at a public meeting": "Mae'r bwrdd yn penderfynu mewn cyfarfod cyhoeddus",
        "We publish a report of what people told us": "Rydym yn cyhoeddi adroddiad o'r hyn a ddywedodd pobl wrthym",
        "Within 6 weeks of closing": "O fewn 6 wythnos i'r cau",
        "Spring": "Gwanwyn",
        "Consultation document": "Dogfen ymgynghori",
        "Consultation document (web page)": "Dogfen ymgynghori (tudalen we)",
        "What we are proposing, why, and how it could affect you.": "Beth rydym yn ei gynnig, pam, a sut gallai effeithio arnoch chi.",
        "The whole consultation document as an accessible web page.": "Y ddogfen ymgynghori gyfan fel tudalen we hygyrch.",
        "What we want to find out.": "Beth rydym eisiau ei ddarganfod.",
        "Public meeting at Eastbrook Community Hospital": "Cyfarfod cyhoeddus yn Ysbyty Cymuned Eastbrook",
        "You can come and listen, or watch online.": "Gallwch ddod i wrando, neu wylio ar-lein.",
        "Drop-in at Eastbrook Library": "Sesiwn galw heibio yn Llyfrgell Eastbrook",
        "No need to book.": "Nid oes angen archebu lle.",
        "Online question and answer session": "Sesiwn holi ac ateb ar-lein",
        "Respond to: The future of Eastbrook Minor Injuries Unit": "Ymateb i: Dyfodol Uned Mân Anafiadau Eastbrook",
        "Your views on the proposal": "Eich barn am y cynnig",
        "How far do you agree with the proposal?": "I ba raddau rydych chi'n cytuno â'r cynnig?",
        "Have you used the minor injuries unit in the last two years?": "Ydych chi wedi defnyddio'r uned mân anafiadau yn ystod y ddwy flynedd ddiwethaf?",
        "More about your experience": "Mwy am eich profiad",
        "When did you last visit?": "Pryd oedd eich ymweliad diwethaf?",
        "How many times?": "Sawl gwaith?",
        "How would you rate the service today?": "Sut byddech chi'n graddio'r gwasanaeth heddiw?",
        "How would you travel to the new site?": "Sut byddech chi'n teithio i'r safle newydd?",
        "car|By car<br/>bus|By bus<br/>walk|On foot or by bike<br/>taxi|By taxi or community transport": (
            "car|Mewn car<br/>bus|Ar fws<br/>walk|Ar droed neu ar feic<br/>taxi|Mewn tacsi neu drafnidiaeth gymunedol"
        ),
        "How important are these to you?": "Pa mor bwysig yw'r rhain i chi?",
        "parking|Free parking<br/>hours|Opening until 10pm<br/>xray|X-ray on site": (
            "parking|Parcio am ddim<br/>hours|Ar agor tan 10pm<br/>xray|Pelydr-X ar y safle"
        ),
        "very|Very important<br/>quite|Quite important<br/>not|Not important": (
            "very|Pwysig iawn<br/>quite|Eithaf pwysig<br/>not|Ddim yn bwysig"
        ),
        "Tell us why you feel this way": "Dywedwch wrthym pam rydych chi'n teimlo fel hyn",
        "Please do not include names or details of other people.": "Peidiwch â chynnwys enwau na manylion pobl eraill.",
        "Which part of the area do you live in?": "Ym mha ran o'r ardal rydych chi'n byw?",
        "north|North<br/>south|South<br/>east|East<br/>west|West<br/>elsewhere|Somewhere else": (
            "north|Gogledd<br/>south|De<br/>east|Dwyrain<br/>west|Gorllewin<br/>elsewhere|Rhywle arall"
        ),
        "Your postcode": "Eich cod post",
        "Are you responding as": "Rydych chi'n ymateb fel",
        "individual|An individual<br/>organisation|On behalf of an organisation<br/>staff|A member of NHS staff": (
            "individual|Unigolyn<br/>organisation|Ar ran sefydliad<br/>staff|Aelod o staff y GIG"
        ),
        "Organisation name (if responding for one)": "Enw'r sefydliad (os ydych yn ymateb ar ran un)",
        "Your written submission (organisations)": "Eich cyflwyniad ysgrifenedig (sefydliadau)",
        "If you are responding for an organisation, you can upload your written submission or a photo of a paper form.": (
            "Os ydych yn ymateb ar ran sefydliad, gallwch lwytho eich cyflwyniad ysgrifenedig i fyny, neu lun o ffurflen bapur."
        ),
        "Work email (organisations only)": "E-bost gwaith (sefydliadau yn unig)",
        "Community transport to hospital: what changed": "Trafnidiaeth gymunedol i'r ysbyty: beth newidiodd",
        "You told us the rules for free transport left out carers and people on low incomes. We have widened who can use it, and we are adding evening journeys.": (
            "Dywedoch wrthym fod y rheolau ar gyfer trafnidiaeth am ddim yn gadael gofalwyr a phobl ar incwm isel allan. "
            "Rydym wedi ehangu pwy all ei defnyddio, ac rydym yn ychwanegu teithiau gyda'r nos."
        ),
        "Carers cannot travel with the person they look after.": "Ni all gofalwyr deithio gyda'r person y maent yn gofalu amdano.",
        "One carer can now travel free with every patient who needs help.": "Gall un gofalwr nawr deithio am ddim gyda phob claf sydd angen help.",
        "There is no transport back after evening appointments.": "Nid oes trafnidiaeth yn ôl ar ôl apwyntiadau gyda'r nos.",
        "We are adding journeys until 9pm on weekdays.": "Rydym yn ychwanegu teithiau tan 9pm ar ddyddiau'r wythnos.",
        "Everyone should get free transport, whatever their income.": "Dylai pawb gael trafnidiaeth am ddim, beth bynnag yw eu hincwm.",
        "We have kept the income test for people who are able to use buses.": "Rydym wedi cadw'r prawf incwm i bobl sy'n gallu defnyddio bysiau.",
        "Booking by phone only is hard for people who are deaf.": "Mae archebu dros y ffôn yn unig yn anodd i bobl fyddar.",
        "You can now book by text message or online.": "Gallwch nawr archebu drwy neges destun neu ar-lein.",
    },
    "pl": {
        # Home page
        "Have your say on health services": "Wyraź swoją opinię o usługach zdrowotnych",
        "Tell us what you think about health and care services in Northfield and Eastbrook. Read our consultations, give your views, and see what changed.": (
            "Powiedz nam, co myślisz o usługach zdrowotnych i opiekuńczych w Northfield i Eastbrook. "
            "Przeczytaj nasze konsultacje, wyraź swoją opinię i zobacz, co się zmieniło."
        ),
        # Parents
        "Consultations": "Konsultacje",
        "You said, we did": "Powiedzieliście, zrobiliśmy",
        INDEX_INTRODUCTION: "Przeczytaj, co proponujemy, pobierz dokumenty w potrzebnym formacie i powiedz nam, co myślisz.",
        OUTCOMES_INTRODUCTION: (
            "Co zmieniło się dzięki udziałowi ludzi w naszych konsultacjach, co się zmieni, "
            "a czego nie mogliśmy zmienić i dlaczego."
        ),
        # Eastbrook Minor Injuries Unit
        "The future of Eastbrook Minor Injuries Unit": "Przyszłość punktu urazowego w Eastbrook",
        "We are proposing to change the opening hours of the Minor Injuries Unit at Eastbrook Community Hospital. Tell us how this would affect you before we decide.": (
            "Proponujemy zmianę godzin otwarcia punktu leczenia drobnych urazów w szpitalu Eastbrook Community Hospital. "
            "Powiedz nam, jak wpłynęłoby to na Ciebie, zanim podejmiemy decyzję."
        ),
        "The Minor Injuries Unit treats cuts, sprains, minor burns and broken bones. Most people who use it live within five miles of the hospital.": (
            "Punkt leczy skaleczenia, skręcenia, drobne oparzenia i złamania. Większość pacjentów mieszka do pięciu mil od szpitala."
        ),
        "Why we want to make a change": "Dlaczego chcemy zmiany",
        "Few people use the unit after 6pm, and we cannot always find the nurses to staff it safely in the evening.": (
            "Po godzinie 18:00 z punktu korzysta niewiele osób, a wieczorem nie zawsze mamy dość pielęgniarek, by bezpiecznie go prowadzić."
        ),
        "No decision has been made": "Decyzja nie została jeszcze podjęta",
        "We will read every response before the board decides.": "Przeczytamy każdą odpowiedź, zanim zarząd podejmie decyzję.",
        "Questions people ask": "Najczęstsze pytania",
        "Will the unit close?": "Czy punkt zostanie zamknięty?",
        "No. Both options keep the unit open in the daytime.": "Nie. W obu wariantach punkt pozostaje otwarty w ciągu dnia.",
        "Where would I go in the evening?": "Dokąd mam się udać wieczorem?",
        "Call NHS 111, who can book you an appointment.": "Zadzwoń pod NHS 111 – tam umówią Ci wizytę.",
        "Consultation document": "Dokument konsultacyjny",
        "What we are proposing, why, and how it could affect you.": "Co proponujemy, dlaczego i jak może to na Ciebie wpłynąć.",
        "Within 6 weeks of closing": "Do 6 tygodni po zamknięciu",
        "We publish a report of what people told us": "Publikujemy raport z tego, co nam powiedziano",
        "Spring": "Wiosna",
        "The board decides at a public meeting": "Zarząd decyduje na posiedzeniu publicznym",
        "You can come and listen, or watch online.": "Możesz przyjść i posłuchać albo oglądać online.",
        "Drop-in at Eastbrook Library": "Spotkanie bez zapisów w bibliotece w Eastbrook",
        "Online question and answer session": "Sesja pytań i odpowiedzi online",
        "No need to book.": "Nie trzeba się zapisywać.",
        "Public meeting at Eastbrook Community Hospital": "Spotkanie publiczne w szpitalu Eastbrook Community Hospital",
        "Consultation document (web page)": "Dokument konsultacyjny (strona internetowa)",
        "The whole consultation document as an accessible web page.": "Cały dokument konsultacyjny jako dostępna strona internetowa.",
        # Young people's mental health
        "Mental health support for young people": "Wsparcie zdrowia psychicznego dla młodych ludzi",
        "We want to hear from young people, their families and carers about what would make mental health support better.": (
            "Chcemy usłyszeć od młodych ludzi, ich rodzin i opiekunów, co poprawiłoby wsparcie w zakresie zdrowia psychicznego."
        ),
        "Summary": "Podsumowanie",
        "What we want to find out.": "Czego chcemy się dowiedzieć.",
        "Focus group for young people aged 16 to 25": "Grupa fokusowa dla młodych ludzi w wieku 16–25 lat",
        # Response forms
        "Respond to: The future of Eastbrook Minor Injuries Unit": "Odpowiedz: Przyszłość punktu urazowego w Eastbrook",
        "Respond to: Mental health support for young people": "Odpowiedz: Wsparcie zdrowia psychicznego dla młodych ludzi",
        "Your views on the proposal": "Twoja opinia o propozycji",
        "How far do you agree with the proposal?": "W jakim stopniu zgadzasz się z propozycją?",
        "Have you used the minor injuries unit in the last two years?": "Czy korzystałeś(-aś) z punktu urazowego w ciągu ostatnich dwóch lat?",
        "How many times?": "Ile razy?",
        "How would you travel to the new site?": "Jak dojeżdżałbyś(-abyś) do nowego miejsca?",
        CHOICES_TRAVEL: "car|Samochodem<br/>bus|Autobusem<br/>walk|Pieszo lub rowerem<br/>taxi|Taksówką lub transportem społecznym",
        "Tell us why you feel this way": "Powiedz nam, dlaczego tak uważasz",
        "Please do not include names or details of other people.": "Nie podawaj imion ani danych innych osób.",
        "More about your experience": "Więcej o Twoich doświadczeniach",
        "How important are these to you?": "Jak ważne są dla Ciebie te sprawy?",
        CHOICES_IMPORTANCE: "very|Bardzo ważne<br/>quite|Dość ważne<br/>not|Nieważne",
        STATEMENTS: "parking|Bezpłatny parking<br/>hours|Otwarcie do 22:00<br/>xray|Rentgen na miejscu",
        "How would you rate the service today?": "Jak oceniasz obecną usługę?",
        "Which part of the area do you live in?": "W której części obszaru mieszkasz?",
        CHOICES_AREA: "north|Północ<br/>south|Południe<br/>east|Wschód<br/>west|Zachód<br/>elsewhere|Gdzie indziej",
        "When did you last visit?": "Kiedy byłeś(-aś) tam ostatnio?",
        "Your postcode": "Twój kod pocztowy",
        "Work email (organisations only)": "Służbowy e-mail (tylko organizacje)",
        "Organisation name (if responding for one)": "Nazwa organizacji (jeśli odpowiadasz w jej imieniu)",
        "Your written submission (organisations)": "Pisemne stanowisko (organizacje)",
        "If you are responding for an organisation, you can upload your written submission or a photo of a paper form.": (
            "Jeśli odpowiadasz w imieniu organizacji, możesz przesłać jej pisemne stanowisko lub zdjęcie papierowego formularza."
        ),
        "Are you responding as": "Odpowiadasz jako",
        CHOICES_AS: "individual|Osoba prywatna<br/>organisation|W imieniu organizacji<br/>staff|Pracownik NHS",
        # Outcome
        "Community transport to hospital: what changed": "Transport do szpitala: co się zmieniło",
        "You told us the rules for free transport left out carers and people on low incomes. We have widened who can use it, and we are adding evening journeys.": (
            "Powiedzieliście nam, że zasady bezpłatnego transportu pomijały opiekunów i osoby o niskich dochodach. "
            "Rozszerzyliśmy krąg uprawnionych i dodajemy kursy wieczorne."
        ),
        "Carers cannot travel with the person they look after.": "Opiekunowie nie mogą podróżować z osobą, którą się opiekują.",
        "One carer can now travel free with every patient who needs help.": "Teraz z każdym pacjentem potrzebującym pomocy może bezpłatnie jechać jeden opiekun.",
        "There is no transport back after evening appointments.": "Po wieczornych wizytach nie ma transportu powrotnego.",
        "We are adding journeys until 9pm on weekdays.": "Dodajemy kursy do 21:00 w dni robocze.",
        "Everyone should get free transport, whatever their income.": "Każdy powinien mieć bezpłatny transport, bez względu na dochód.",
        "We have kept the income test for people who are able to use buses.": "Zachowaliśmy kryterium dochodowe dla osób, które mogą jeździć autobusem.",
        "Booking by phone only is hard for people who are deaf.": "Rezerwacja wyłącznie telefoniczna jest trudna dla osób głuchych.",
        "You can now book by text message or online.": "Teraz można rezerwować SMS-em lub online.",
    },
    "ur": {
        "Have your say on health services": "صحت کی خدمات پر اپنی رائے دیں",
        "Tell us what you think about health and care services in Northfield and Eastbrook. Read our consultations, give your views, and see what changed.": (
            "ہمیں بتائیں کہ آپ نارتھ فیلڈ اور ایسٹ بروک میں صحت اور نگہداشت کی خدمات کے بارے میں کیا سوچتے ہیں۔ "
            "ہماری مشاورتیں پڑھیں، اپنی رائے دیں، اور دیکھیں کہ کیا بدلا۔"
        ),
        "Consultations": "مشاورتیں",
        "You said, we did": "آپ نے کہا، ہم نے کیا",
        INDEX_INTRODUCTION: (
            "پڑھیں کہ ہم کیا تجویز کر رہے ہیں، دستاویزات اپنی ضرورت کے فارمیٹ میں حاصل کریں، اور ہمیں بتائیں کہ آپ کیا سوچتے ہیں۔"
        ),
        OUTCOMES_INTRODUCTION: "ہماری مشاورتوں میں لوگوں کی شرکت کی وجہ سے کیا بدلا، کیا بدلے گا، اور ہم کیا نہیں بدل سکے اور کیوں۔",
        "The future of Eastbrook Minor Injuries Unit": "ایسٹ بروک معمولی چوٹوں کے یونٹ کا مستقبل",
        "We are proposing to change the opening hours of the Minor Injuries Unit at Eastbrook Community Hospital. Tell us how this would affect you before we decide.": (
            "ہم ایسٹ بروک کمیونٹی ہسپتال میں معمولی چوٹوں کے یونٹ کے اوقات بدلنے کی تجویز دے رہے ہیں۔ "
            "فیصلے سے پہلے ہمیں بتائیں کہ اس کا آپ پر کیا اثر ہوگا۔"
        ),
        "The Minor Injuries Unit treats cuts, sprains, minor burns and broken bones. Most people who use it live within five miles of the hospital.": (
            "یہ یونٹ کٹنے، موچ، معمولی جلنے اور ٹوٹی ہڈیوں کا علاج کرتا ہے۔ اسے استعمال کرنے والے زیادہ تر لوگ ہسپتال سے پانچ میل کے اندر رہتے ہیں۔"
        ),
        "Why we want to make a change": "ہم تبدیلی کیوں چاہتے ہیں",
        "Few people use the unit after 6pm, and we cannot always find the nurses to staff it safely in the evening.": (
            "شام 6 بجے کے بعد بہت کم لوگ یونٹ آتے ہیں، اور شام کو اسے محفوظ طریقے سے چلانے کے لیے ہمیشہ نرسیں نہیں مل پاتیں۔"
        ),
        "No decision has been made": "ابھی کوئی فیصلہ نہیں ہوا",
        "We will read every response before the board decides.": "بورڈ کے فیصلے سے پہلے ہم ہر جواب پڑھیں گے۔",
        "Questions people ask": "لوگ جو سوال پوچھتے ہیں",
        "Will the unit close?": "کیا یونٹ بند ہو جائے گا؟",
        "No. Both options keep the unit open in the daytime.": "نہیں۔ دونوں صورتوں میں یونٹ دن کے وقت کھلا رہے گا۔",
        "Where would I go in the evening?": "شام کو میں کہاں جاؤں؟",
        "Call NHS 111, who can book you an appointment.": "NHS 111 پر کال کریں، وہ آپ کی اپائنٹمنٹ بک کر سکتے ہیں۔",
        "Consultation document": "مشاورتی دستاویز",
        "What we are proposing, why, and how it could affect you.": "ہم کیا تجویز کر رہے ہیں، کیوں، اور اس کا آپ پر کیا اثر ہو سکتا ہے۔",
        "Within 6 weeks of closing": "بند ہونے کے 6 ہفتوں کے اندر",
        "We publish a report of what people told us": "ہم لوگوں کی باتوں پر رپورٹ شائع کرتے ہیں",
        "Spring": "بہار",
        "The board decides at a public meeting": "بورڈ عوامی اجلاس میں فیصلہ کرتا ہے",
        "You can come and listen, or watch online.": "آپ آ کر سن سکتے ہیں، یا آن لائن دیکھ سکتے ہیں۔",
        "Drop-in at Eastbrook Library": "ایسٹ بروک لائبریری میں بغیر وقت لیے ملاقات",
        "Online question and answer session": "آن لائن سوال و جواب کا سیشن",
        "No need to book.": "بکنگ کی ضرورت نہیں۔",
        "Public meeting at Eastbrook Community Hospital": "ایسٹ بروک کمیونٹی ہسپتال میں عوامی اجلاس",
        "Consultation document (web page)": "مشاورتی دستاویز (ویب صفحہ)",
        "The whole consultation document as an accessible web page.": "پوری مشاورتی دستاویز ایک قابل رسائی ویب صفحے کی صورت میں۔",
        "Mental health support for young people": "نوجوانوں کے لیے ذہنی صحت کی مدد",
        "We want to hear from young people, their families and carers about what would make mental health support better.": (
            "ہم نوجوانوں، ان کے خاندانوں اور دیکھ بھال کرنے والوں سے سننا چاہتے ہیں کہ ذہنی صحت کی مدد کیسے بہتر ہو سکتی ہے۔"
        ),
        "Summary": "خلاصہ",
        "What we want to find out.": "ہم کیا جاننا چاہتے ہیں۔",
        "Focus group for young people aged 16 to 25": "16 سے 25 سال کے نوجوانوں کے لیے فوکس گروپ",
        "Respond to: The future of Eastbrook Minor Injuries Unit": "جواب دیں: ایسٹ بروک معمولی چوٹوں کے یونٹ کا مستقبل",
        "Respond to: Mental health support for young people": "جواب دیں: نوجوانوں کے لیے ذہنی صحت کی مدد",
        "Your views on the proposal": "تجویز پر آپ کی رائے",
        "How far do you agree with the proposal?": "آپ اس تجویز سے کس حد تک متفق ہیں؟",
        "Have you used the minor injuries unit in the last two years?": "کیا آپ نے پچھلے دو سال میں معمولی چوٹوں کا یونٹ استعمال کیا ہے؟",
        "How many times?": "کتنی بار؟",
        "How would you travel to the new site?": "آپ نئی جگہ تک کیسے جائیں گے؟",
        CHOICES_TRAVEL: "car|گاڑی سے<br/>bus|بس سے<br/>walk|پیدل یا سائیکل سے<br/>taxi|ٹیکسی یا کمیونٹی ٹرانسپورٹ سے",
        "Tell us why you feel this way": "ہمیں بتائیں کہ آپ ایسا کیوں سوچتے ہیں",
        "Please do not include names or details of other people.": "براہ کرم دوسرے لوگوں کے نام یا تفصیلات شامل نہ کریں۔",
        "More about your experience": "آپ کے تجربے کے بارے میں مزید",
        "How important are these to you?": "یہ باتیں آپ کے لیے کتنی اہم ہیں؟",
        CHOICES_IMPORTANCE: "very|بہت اہم<br/>quite|کافی اہم<br/>not|اہم نہیں",
        STATEMENTS: "parking|مفت پارکنگ<br/>hours|رات 10 بجے تک کھلا<br/>xray|وہیں ایکسرے کی سہولت",
        "How would you rate the service today?": "آپ آج کی سروس کو کیا درجہ دیں گے؟",
        "Which part of the area do you live in?": "آپ علاقے کے کس حصے میں رہتے ہیں؟",
        CHOICES_AREA: "north|شمال<br/>south|جنوب<br/>east|مشرق<br/>west|مغرب<br/>elsewhere|کہیں اور",
        "When did you last visit?": "آپ آخری بار کب گئے تھے؟",
        "Your postcode": "آپ کا پوسٹ کوڈ",
        "Work email (organisations only)": "دفتری ای میل (صرف اداروں کے لیے)",
        "Organisation name (if responding for one)": "ادارے کا نام (اگر کسی ادارے کی طرف سے جواب دے رہے ہیں)",
        "Your written submission (organisations)": "آپ کی تحریری گزارش (ادارے)",
        "If you are responding for an organisation, you can upload your written submission or a photo of a paper form.": (
            "اگر آپ کسی ادارے کی طرف سے جواب دے رہے ہیں تو آپ اپنی تحریری گزارش یا کاغذی فارم کی تصویر اپ لوڈ کر سکتے ہیں۔"
        ),
        "Are you responding as": "آپ کس حیثیت سے جواب دے رہے ہیں",
        CHOICES_AS: "individual|انفرادی طور پر<br/>organisation|کسی ادارے کی طرف سے<br/>staff|NHS عملے کے رکن کے طور پر",
        "Community transport to hospital: what changed": "ہسپتال کے لیے کمیونٹی ٹرانسپورٹ: کیا بدلا",
        "You told us the rules for free transport left out carers and people on low incomes. We have widened who can use it, and we are adding evening journeys.": (
            "آپ نے بتایا کہ مفت ٹرانسپورٹ کے قواعد میں دیکھ بھال کرنے والے اور کم آمدنی والے لوگ شامل نہیں تھے۔ "
            "ہم نے اس کا دائرہ بڑھا دیا ہے، اور شام کے سفر شامل کر رہے ہیں۔"
        ),
        "Carers cannot travel with the person they look after.": "دیکھ بھال کرنے والے اپنے مریض کے ساتھ سفر نہیں کر سکتے۔",
        "One carer can now travel free with every patient who needs help.": "اب مدد کے ضرورت مند ہر مریض کے ساتھ ایک دیکھ بھال کرنے والا مفت سفر کر سکتا ہے۔",
        "There is no transport back after evening appointments.": "شام کی اپائنٹمنٹ کے بعد واپسی کی کوئی سواری نہیں ہوتی۔",
        "We are adding journeys until 9pm on weekdays.": "ہم ہفتے کے دنوں میں رات 9 بجے تک سفر شامل کر رہے ہیں۔",
        "Everyone should get free transport, whatever their income.": "ہر ایک کو مفت ٹرانسپورٹ ملنی چاہیے، آمدنی چاہے جو بھی ہو۔",
        "We have kept the income test for people who are able to use buses.": "جو لوگ بس استعمال کر سکتے ہیں ان کے لیے ہم نے آمدنی کی شرط برقرار رکھی ہے۔",
        "Booking by phone only is hard for people who are deaf.": "صرف فون سے بکنگ بہرے افراد کے لیے مشکل ہے۔",
        "You can now book by text message or online.": "اب آپ ٹیکسٹ میسج یا آن لائن بکنگ کر سکتے ہیں۔",
    },
}

CONSULTATIONS = ["eastbrook-minor-injuries-unit", "young-peoples-mental-health"]
OUTCOME_PREFERENCE = ["community-transport-to-hospital", "community-transport"]


def _translate(page, code):
    """Translate one page unless its translation is already there, live and up to date."""
    existing = translated_instance(page, code)
    expected_title = STRINGS[code].get(page.title)
    if (
        existing is not None
        and existing.live
        and not existing.alias_of_id
        and not translation_is_outdated(existing)
        and (expected_title is None or existing.title == expected_title)
    ):
        return existing
    translate_page(page, code, STRINGS[code])
    return translated_instance(page, code)


def _with_parents(page, code, home):
    """Translate the parents between the home page and ``page`` first, then ``page``."""
    for ancestor in page.get_ancestors().filter(depth__gt=home.depth).specific():
        _translate(ancestor, code)
    return _translate(page, code)


def _pick_outcome(outcomes):
    if not outcomes:
        return None
    for slug in OUTCOME_PREFERENCE:
        if slug in outcomes:
            return outcomes[slug]
    return next(iter(outcomes.values()))


def load(context):
    home = context.get("home")
    if home is None:
        return
    home = Page.objects.get(pk=home.pk).specific
    source_locale = Locale.get_default()
    if home.locale_id != source_locale.pk:
        return
    translated = {}
    for code in ("cy", "pl", "ur"):
        translated[(code, "home")] = _translate(home, code)
        for menu_page in home.get_children().live().in_menu().specific():  # a menu in every language
            _translate(menu_page, code)

    consultations = context.get("consultations") or {}
    outcome = _pick_outcome(context.get("outcomes") or {})
    for code in ("cy", "pl", "ur"):
        # Welsh: the open Eastbrook consultation (and its form); Polish and Urdu: both.
        slugs = CONSULTATIONS[:1] if code == "cy" else CONSULTATIONS
        for slug in slugs:
            consultation = consultations.get(slug)
            if consultation is None:
                continue
            consultation = Page.objects.get(pk=consultation.pk).specific
            translated[(code, slug)] = _with_parents(consultation, code, home)
            for child in consultation.get_children().live().specific():
                # The response form (and any materials page) follow their consultation.
                _translate(child, code)
        if outcome is not None:
            outcome_page = Page.objects.get(pk=outcome.pk).specific
            translated[(code, "outcome")] = _with_parents(outcome_page, code, home)
    context["translations"] = translated
