"""Find English interface text left on a page shown in another language.

The interface strings are the msgids of our catalogues: any msgid whose translation in the page's
language differs from it, found word for word in what the page shows or announces, is English
that a translator never got to (or a template that forgot `{% translate %}`). Used by the i18n
tests on rendered HTML and by the browser tests on what Chromium actually shows.
"""

import functools
import html
import re
from pathlib import Path

import polib

from home.compile_messages import LOCALE_DIR

_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%?\{\w+\}|\{\{ ?\w+ ?\}\}|%[sd]")
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
_SPACE = re.compile(r"\s+")

# What Chromium shows and announces: visible text, accessible names and hints, the title; the
# parts marked as another language (the switcher's "English", "Read the English version") aside.
JS_INTERFACE_TEXT = """(code) => {
    const foreign = el => { const owner = el.closest('[lang]'); return owner && owner.lang !== code; };
    const parts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, el = node.parentElement;
        if (!el || foreign(el) || el.closest('script, style, noscript, template')) continue;
        parts.push(node.textContent);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [alt], [title], input[type=submit][value]')) {
        if (foreign(el)) continue;
        for (const attribute of ['aria-label', 'placeholder', 'alt', 'title']) {
            if (el.hasAttribute(attribute)) parts.push(el.getAttribute(attribute));
        }
        if (el.type === 'submit') parts.push(el.value);
    }
    return parts.join('\\n');
}"""


@functools.cache
def _english_fragments(code):
    """Word-for-word pieces of every msgid that the catalogue for `code` translates differently."""
    po = polib.pofile(str(Path(LOCALE_DIR) / code / "LC_MESSAGES" / "django.po"))
    fragments = set()
    for entry in po:
        if entry.obsolete or not entry.translated():
            continue
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for msgid in filter(None, [entry.msgid, entry.msgid_plural]):
            if msgid in translations:
                continue  # the same word in both languages ("Menu" in Polish, "YouTube")
            for piece in _PLACEHOLDER.split(msgid):
                piece = _SPACE.sub(" ", piece).strip(" .,:;–-()“”\"'")
                words = piece.split(" ")
                # Several words, or one capitalised word of 4+ letters ("Continue", "Back"):
                # short lower-case words ("of", "and") say nothing about the language.
                telling = len(words) >= 2 or (
                    len(piece) >= 4 and piece[:1].isupper() and piece.isalpha()
                )
                if telling and not any(piece in t for t in translations):
                    fragments.add(piece)
    return tuple(sorted(fragments, key=len, reverse=True))


def text_of_html(markup, code=None):
    """The text of rendered HTML, tags, scripts and styles removed, entities decoded. With `code`,
    inline elements marked as another language (`<a lang="en">English</a>`) are left out."""
    if code:
        markup = re.sub(
            rf'<(\w+)\b[^>]*\blang="(?!{re.escape(code)}")[^"]*"[^>]*>.*?</\1>',
            " ",
            markup,
            flags=re.S,
        )
    return html.unescape(_TAG.sub(" ", markup))


def english_left(text, code):
    """English interface strings found in `text` (shown in language `code`), longest first."""
    if code == "en":
        return []
    text = _SPACE.sub(" ", text)
    found = []
    for fragment in _english_fragments(code):
        shown = re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text)
        if shown and not any(fragment in longer for longer in found):
            found.append(fragment)
    return found
