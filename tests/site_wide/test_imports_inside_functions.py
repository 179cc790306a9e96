"""An import inside a function is there on purpose and says why (CONTRIBUTING.md, "Layers").

Walks the abstract syntax tree of every module of our apps (migrations and tests left out) and
fails on an import statement inside a function whose group has no comment on the line above it.
A group is a run of import statements on consecutive lines: one comment can give the reason for
all of them (the modules `AppConfig.ready()` loads, say). A comment at the end of the import's own
line does not count: the reason goes on the line above, where a reader meets it first.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "home",
    "security",
    "consultations",
    "feedback",
    "reporting",
    "youwedid",
    "involvement",
    "partners",
    "site",
)
SKIPPED = {"migrations", "tests", "__pycache__"}


def our_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if not SKIPPED & set(path.relative_to(ROOT).parts):
                yield path


def imports_in_functions(tree):
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    yield node


def unexplained(source):
    """(line number, text) of each import inside a function whose group has no comment above."""
    lines = source.splitlines()
    found = list(imports_in_functions(ast.parse(source)))
    import_lines = {n for node in found for n in range(node.lineno, node.end_lineno + 1)}
    problems = []
    for node in found:
        above = node.lineno - 1  # 1-based number of the line above
        while above in import_lines:
            above -= 1
        if above < 1 or not lines[above - 1].strip().startswith("#"):
            problems.append((node.lineno, lines[node.lineno - 1].strip()))
    return sorted(set(problems))


def test_every_import_inside_a_function_has_its_reason_on_the_line_above():
    problems = [
        f"{path.relative_to(ROOT)}:{number}: {text}"
        for path in our_modules()
        for number, text in unexplained(path.read_text())
    ]
    assert not problems, "imports inside functions without a one-line reason above:\n" + "\n".join(
        problems
    )


def test_the_check_finds_an_import_without_a_reason():
    source = (
        "def ready():\n"
        "    # ready(): the registry is loaded only now\n"
        "    from a import b\n"
        "    from c import d\n"
        "\n"
        "    from e import f  # a reason at the end of the line does not count\n"
        "\n"
        "    def inner():\n"
        "        import g\n"
        "    x = 1\n"
        "    import h\n"
    )
    assert unexplained(source) == [
        (6, "from e import f  # a reason at the end of the line does not count"),
        (9, "import g"),
        (11, "import h"),
    ]


def test_imports_at_module_level_need_no_comment():
    assert unexplained("import a\nfrom b import c\n\nclass D:\n    import e\n") == []
    assert sum(1 for _ in our_modules()) > 100  # the walk really reads our apps
