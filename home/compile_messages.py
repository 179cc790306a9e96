"""Compile locale/*/LC_MESSAGES/*.po into .mo files with polib (already a wagtail-localize
dependency), so the set-up needs no GNU gettext on the machine."""

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_all(locale_dir=LOCALE_DIR):
    compiled = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled.append(mo_path)
    return compiled


if __name__ == "__main__":
    print(f"Compiled {len(compile_all())} message catalogue(s).")
