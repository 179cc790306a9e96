"""The Atom feed (per language) and the iCalendar file parse, and say what they should."""

import datetime
import re
import xml.etree.ElementTree as ET

from django.utils import timezone

import pytest

from consultations.ical import escape_text, fold
from tests.factories import ConsultationEventFactory, ConsultationPageFactory, TopicFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_consultations_with_links_ids_and_summaries(client, index_page):
    topic = TopicFactory(name="Mental health")
    first = ConsultationPageFactory(parent=index_page, title="First & foremost", topics=[topic])
    ConsultationPageFactory(parent=index_page, title="Second")
    ConsultationPageFactory(parent=index_page, title="Draft", publish=False)
    response = client.get(index_page.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.find(f"{ATOM}title").text == index_page.title
    self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "http://testserver/consultations/feed/"
    entries = root.findall(f"{ATOM}entry")
    assert sorted(entry.find(f"{ATOM}title").text for entry in entries) == [
        "First & foremost",
        "Second",
    ]
    entry = next(e for e in entries if e.find(f"{ATOM}title").text == "First & foremost")
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver" + first.url
    assert entry.find(f"{ATOM}id").text == "http://testserver" + first.url
    assert entry.find(f"{ATOM}updated").text
    summary = entry.find(f"{ATOM}summary").text
    assert first.summary in summary and "Status: Open." in summary and "Closes at" in summary
    assert entry.find(f"{ATOM}category").get("term") == "Mental health"
    assert 'type="application/atom+xml"' in client.get(index_page.url).content.decode()


def test_each_language_has_its_own_feed(client, index_page, locales):
    english = ConsultationPageFactory(parent=index_page, title="English only")
    welsh_index = index_page.copy_for_translation(locales["cy"], copy_parents=True)
    welsh_index.title = "Ymgynghoriadau"
    welsh_index.save_revision().publish()
    welsh = english.copy_for_translation(locales["cy"])
    welsh.title = "Yn Gymraeg"
    welsh.save_revision().publish()
    response = client.get("/cy/consultations/feed/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "cy"
    assert [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")] == ["Yn Gymraeg"]
    english_titles = [
        e.find(f"{ATOM}title").text
        for e in ET.fromstring(client.get("/consultations/feed/").content).findall(f"{ATOM}entry")
    ]
    assert english_titles == ["English only"]


def unfold(text):
    return text.replace("\r\n ", "")


def test_icalendar_is_valid_crlf_utc_with_uids_and_escaping(client, index_page):
    opens = datetime.datetime(2026, 3, 30, 9, 0, tzinfo=datetime.UTC) + datetime.timedelta(
        hours=-1
    )  # 9am BST
    page = ConsultationPageFactory(
        parent=index_page,
        title="Beds; wards, and clinics",
        summary="A long summary that goes on, and on; with a line\nbreak and a backslash \\ in it "
        + "x" * 120,
        opens_at=opens,
        closes_at=opens + datetime.timedelta(days=30),
    )
    ConsultationEventFactory(
        page=page,
        title="Drop-in",
        starts_at=datetime.datetime(2026, 4, 2, 13, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 4, 2, 15, 0, tzinfo=datetime.UTC),
        bsl_interpreter=True,
    )
    response = client.get(index_page.url + "calendar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.endswith("\r\n")
    assert "\n" not in body.replace("\r\n", "")  # every line ends with CRLF
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    lines = unfold(body).split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 3
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == 3
    starts = [line for line in lines if line.startswith("DTSTART")]
    assert all(re.fullmatch(r"DTSTART:\d{8}T\d{6}Z", line) for line in starts)
    assert "DTSTART:20260330T080000Z" in lines
    assert "DTSTART:20260402T130000Z" in lines and "DTEND:20260402T150000Z" in lines
    assert r"SUMMARY:Consultation opens: Beds\; wards\, and clinics" in lines
    description = next(line for line in lines if line.startswith("DESCRIPTION:A long summary"))
    assert r"goes on\, and on\; with a line\nbreak and a backslash \\ in it" in description
    assert any("British Sign Language interpreter" in line for line in lines)


def test_consultation_has_its_own_calendar(client, open_consultation):
    ConsultationEventFactory(page=open_consultation, title="Public meeting")
    response = client.get(open_consultation.url + "calendar/")
    body = unfold(response.content.decode())
    assert body.count("BEGIN:VEVENT") == 3
    assert "Public meeting" in body
    assert f'filename="{open_consultation.slug}.ics"' in response["Content-Disposition"]


def test_folding_splits_on_characters_not_inside_them():
    line = "DESCRIPTION:" + "é" * 60
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert escape_text("a,b;c\\d\ne") == r"a\,b\;c\\d\ne"


def test_calendar_dates_do_not_depend_on_the_server_clock(client, index_page):
    page = ConsultationPageFactory(
        parent=index_page,
        opens_at=timezone.now(),
        closes_at=timezone.now() + datetime.timedelta(days=1),
    )
    first = client.get(index_page.url + "calendar/").content
    assert client.get(index_page.url + "calendar/").content == first
    assert page.title.encode() in first
