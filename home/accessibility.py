"""Help editors stay accessible: checks on rich text, images and documents.

Other apps use these directly:

    from home.accessibility import validate_accessible_rich_text
    body = RichTextField(validators=[validate_accessible_rich_text])

    from home.blocks import AccessibleRichTextBlock, AccessibleImageBlock
    text = AccessibleRichTextBlock(features=[...])   # a RichTextBlock that runs the same checks

``rich_text_problems(html)`` returns the problems as plain sentences (empty when all is well):
- headings that skip a level (an H2 followed by an H4) or use H1 (the page title is the only H1);
- links whose text says nothing out of context ("click here", "read more", "here", a bare web
  address) — WCAG 2.4.4;
- images embedded without alt text.
"""

import re
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Link texts that make no sense read out of context, as screen reader users often hear links.
VAGUE_LINK_TEXTS = {
    "click here",
    "click",
    "here",
    "this",
    "this link",
    "link",
    "more",
    "read more",
    "more info",
    "more information",
    "find out more",
    "learn more",
    "see more",
    "see here",
    "go",
    "download",
    "continue reading",
}
BARE_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
FILE_NAME_TITLE = re.compile(r"\.(pdf|docx?|odt|rtf|txt|mp3|ogg|wav|mp4|webm|brf|html?|csv|xlsx?)$", re.IGNORECASE)


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []  # (level, text)
        self.links = []  # text
        self.images_without_alt = 0
        self._heading = None
        self._link = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        elif tag == "a":
            self._link = ""
        elif (tag == "img" or (tag == "embed" and attrs.get("embedtype") == "image")) and not (
            (attrs.get("alt") or "").strip() or attrs.get("role") == "presentation"
        ):
            self.images_without_alt += 1

    def handle_endtag(self, tag):
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None
        elif tag == "a" and self._link is not None:
            self.links.append(self._link.strip())
            self._link = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data
        if self._link is not None:
            self._link += data


def vague_link_text(text):
    """True when a link's text would not tell a person where it goes."""
    cleaned = re.sub(r"[\s.:!…>»→-]+$", "", " ".join((text or "").split())).lower()
    return not cleaned or cleaned in VAGUE_LINK_TEXTS or bool(BARE_URL.match(cleaned))


def rich_text_problems(html, *, first_level=2):
    """Accessibility problems in a piece of rich text, as sentences for the editor.

    ``first_level``: the highest heading level the text may use (2 under a page's H1). The first
    heading may be at any level from there; each later one at most one level below the one before.
    """
    scanner = _Scanner()
    scanner.feed(str(html or ""))
    scanner.close()
    problems = []
    # The first heading may be at any level from first_level (a block of text often continues a
    # section opened by a heading above it); after that, each may go at most one level deeper.
    previous = None
    for level, text in scanner.headings:
        if level < first_level:
            problems.append(
                _("“%(text)s” is a heading %(level)s: the page title is the only heading 1, so start at heading %(first)s.")
                % {"text": text, "level": level, "first": first_level}
            )
        elif previous is not None and level > previous + 1:
            problems.append(
                _("The heading “%(text)s” skips a level (heading %(previous)s, then heading %(level)s). Use heading %(expected)s.")
                % {"text": text, "previous": previous, "level": level, "expected": previous + 1}
            )
        previous = max(level, first_level)
    for text in scanner.links:
        if vague_link_text(text):
            problems.append(
                _("The link text “%(text)s” does not say where the link goes. Describe the destination, for example “Read the consultation document”.")
                % {"text": text}
            )
    if scanner.images_without_alt:
        problems.append(_("An image has no alt text. Describe what it shows."))
    return problems


def validate_accessible_rich_text(value):
    """A Django validator for RichTextField and RichTextBlock values."""
    source = getattr(value, "source", value)  # a RichText object or a string
    problems = rich_text_problems(source)
    if problems:
        raise ValidationError(problems)


def image_problem(image, alt_text, decorative):
    """The problem with an image's text alternative, or None."""
    if image is None:
        return None
    if decorative and (alt_text or "").strip():
        return gettext_lazy("Either describe the image or tick “decorative”, not both.")
    if not decorative and not (alt_text or "").strip():
        return gettext_lazy("Describe the image for people who cannot see it, or tick “decorative” if it adds nothing.")
    if (alt_text or "").strip().lower().startswith(("image of", "picture of", "photo of")):
        return gettext_lazy("Leave out “image of”: screen readers already say it is an image.")
    return None


def document_title_problem(title):
    """Documents need a real title, not a file name: it is the link text people hear."""
    title = (title or "").strip()
    if not title:
        return gettext_lazy("Give the document a title.")
    if FILE_NAME_TITLE.search(title) or ("_" in title and " " not in title):
        return gettext_lazy("Give the document a title people understand, not its file name, for example “Consultation document (summary)”.")
    return None
