"""A seeded set of free-text answers with known campaign templates (tests and the benchmark)."""

import random

TEMPLATES = [
    "I strongly object to the closure of the Northfield minor injuries unit. Families without a car "
    "would have to travel more than twenty miles for simple care, and the buses do not run in the evening.",
    "Please keep the birth centre at Eastbrook open. Mothers deserve a choice of where to give birth "
    "close to home, and the nearest alternative is a long and expensive journey for most of us.",
    "Nie zgadzam się na zamknięcie przychodni w centrum miasta. Starsi ludzie nie mają samochodów "
    "i nie dojadą do nowego budynku na obrzeżach, a autobusy jeżdżą tam tylko dwa razy dziennie.",
]
OPENERS = [
    "As a local resident,",
    "Speaking for my family,",
    "I live in the village and",
    "As a carer,",
    "Honestly,",
]
CLOSERS = [
    "Thank you.",
    "Please listen to us.",
    "This matters to everyone here.",
    "I hope you will reconsider.",
    "",
]
SWAPS = {
    "strongly": "really",
    "simple": "basic",
    "evening": "evenings",
    "deserve": "should have",
    "long": "very long",
    "nearest": "closest",
}
VOCABULARY = [
    "parking",
    "bus",
    "staff",
    "waiting",
    "appointment",
    "night",
    "weekend",
    "pharmacy",
    "doctor",
    "nurse",
    "clinic",
    "children",
    "parents",
    "elderly",
    "transport",
    "cost",
    "ticket",
    "queue",
    "phone",
    "online",
    "letter",
    "hospital",
    "ward",
    "kind",
    "friendly",
    "rude",
    "quick",
    "slow",
    "care",
    "home",
    "visit",
    "village",
    "town",
    "road",
    "traffic",
    "taxi",
    "train",
    "access",
    "wheelchair",
    "ramp",
    "lift",
    "toilet",
    "cafe",
    "food",
    "cold",
    "warm",
    "clean",
    "dirty",
    "busy",
    "quiet",
    "early",
    "late",
    "morning",
    "afternoon",
    "evening",
    "winter",
    "summer",
    "school",
    "work",
    "shift",
    "carer",
    "language",
    "interpreter",
    "leaflet",
    "website",
    "app",
    "booking",
    "referral",
    "scan",
    "test",
    "result",
    "wait",
    "list",
]


def variant(template, rng):
    """A copy with the small edits people make: an opener or closer, a word or two changed, case."""
    words = template.split()
    for i, word in enumerate(words):
        if word.strip(".,") in SWAPS and rng.random() < 0.4:
            words[i] = SWAPS[word.strip(".,")] + ("," if word.endswith(",") else "")
    if rng.random() < 0.3 and len(words) > 20:
        del words[rng.randrange(len(words))]
    text = " ".join(words)
    if rng.random() < 0.5:
        text = f"{rng.choice(OPENERS)} {text[0].lower()}{text[1:]}"
    if rng.random() < 0.5:
        text = f"{text} {rng.choice(CLOSERS)}".strip()
    if rng.random() < 0.2:
        text = text.upper()
    return text


def unique_answer(rng):
    return " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(8, 40))).capitalize() + "."


def seeded(variants=20, unique=200, seed=19, exact=5):
    """[(label, text)]: label is the template index (0, 1, 2) or None for an answer of its own.

    Each template has `exact` verbatim copies and `variants` edited ones; short answers are added
    too, identical but never a campaign ("No.", "Agree.").
    """
    rng = random.Random(seed)
    rows = []
    for index, template in enumerate(TEMPLATES):
        rows += [(index, template)] * exact
        rows += [(index, variant(template, rng)) for _ in range(variants)]
    rows += [(None, unique_answer(rng)) for _ in range(unique)]
    rows += [(None, "No.")] * 6 + [(None, "I agree with the plan.")] * 6
    rng.shuffle(rows)
    return rows


def pairwise_precision_recall(truth, found):
    """Pairs of answers put together: precision and recall against the known templates.

    `truth` {key: label or None}; `found` [[key]]."""
    true_pairs = set()
    by_label = {}
    for key, label in truth.items():
        if label is not None:
            by_label.setdefault(label, []).append(key)
    for keys in by_label.values():
        true_pairs |= {(a, b) for i, a in enumerate(sorted(keys)) for b in sorted(keys)[i + 1 :]}
    found_pairs = set()
    for keys in found:
        keys = sorted(keys)
        found_pairs |= {(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]}
    hits = len(true_pairs & found_pairs)
    precision = hits / len(found_pairs) if found_pairs else 0.0
    recall = hits / len(true_pairs) if true_pairs else 0.0
    return precision, recall
