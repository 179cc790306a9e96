"""Reading a PDF's page count without a PDF library, and the small files the demo builds."""

import zlib

from consultations.files import make_brf, make_pdf, make_wav, to_braille_ascii, wav_duration_seconds
from consultations.pdf import count_pdf_pages


def hand_written_pdf(pages):
    """A minimal valid PDF written by hand: catalog, page tree, `pages` empty pages, xref, trailer."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>")
    objects += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def object_stream_pdf(pages):
    """PDF 1.5 style: the page tree hidden inside a compressed object stream."""
    inner = (
        f"<< /Type /Pages /Kids [] /Count {pages} >> " + "<< /Type /Page /Parent 2 0 R >> " * pages
    )
    data = zlib.compress(inner.encode())
    return (
        b"%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        + f"5 0 obj\n<< /Type /ObjStm /N {pages + 1} /First 0 /Filter /FlateDecode /Length {len(data)} >>\nstream\n".encode()
        + data
        + b"\nendstream\nendobj\n%%EOF\n"
    )


def test_counts_pages_of_a_hand_written_pdf():
    assert count_pdf_pages(hand_written_pdf(1)) == 1
    assert count_pdf_pages(hand_written_pdf(7)) == 7


def test_counts_pages_hidden_in_a_compressed_object_stream():
    assert count_pdf_pages(object_stream_pdf(4)) == 4


def test_counts_pages_of_generated_pdfs_including_large_print():
    pages = [["First page."], ["Second page."], ["Third page."]]
    assert count_pdf_pages(make_pdf("Three pages", pages)) == 3
    # The same words at 24pt need more pages than at 12pt.
    long_text = [["A sentence that goes on for a while. " * 60]]
    assert count_pdf_pages(make_pdf("Large", long_text, font_size=24)) > count_pdf_pages(
        make_pdf("Small", long_text)
    )


def test_not_a_pdf_has_no_page_count():
    assert count_pdf_pages(b"hello") is None
    assert count_pdf_pages(make_wav(seconds=0.1)) is None


def test_generated_audio_and_braille_files_are_real():
    wav = make_wav(seconds=1.5)
    assert wav[:4] == b"RIFF" and wav[8:12] == b"WAVE"
    assert wav_duration_seconds(wav) == 1.5
    assert to_braille_ascii("Room 12.") == ",ROOM #AB4"
    brf = make_brf(["Have your say on the minor injuries unit " * 5])
    assert all(len(line) <= 40 for line in brf.decode("ascii").replace("\f", "\r\n").split("\r\n"))
