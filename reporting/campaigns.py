"""Organised responses: answers to a free-text question in the same, or nearly the same, words.

`find_clusters` is the detector, a plain function over (key, text) pairs. Exact copies (after
`normalise`) are grouped first; then each distinct text is MinHashed over its word pairs (2-grams)
(datasketch) and looked up in a MinHash LSH index of the representatives met so far. It joins the cluster of
the representative it resembles most when their estimated Jaccard similarity reaches `THRESHOLD`,
or starts a cluster. A text becomes a representative itself unless one already stands very close
to it (`REPRESENTATIVE`), so a campaign of 20,000 copies with small edits costs a handful of
comparisons per answer, not 20,000.

Short answers ("No", "I agree") are left out: people write those on their own, so a match says
nothing about organisation. `detect` stores what it finds (never deleting a cluster or a member) and
the three figures reports show side by side: answers, distinct submissions (exact copies counted
once) and distinct arguments (each cluster counted once as well).
"""

import hashlib
import re
import zlib
from collections import Counter, deque
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import Response
from feedback.questions import questions_for

from . import audit
from .analysis import TEXT_TYPES
from .models import CampaignCluster, CampaignMember, CampaignScan

THRESHOLD = 0.5  # estimated Jaccard similarity of word-pair sets to count as the same text
NUM_PERM = 32
SLACK = 0.1  # the MinHash estimate errs: keep representatives a little shorter than the bound
SHINGLE_WORDS = 2
MIN_WORDS = 8  # shorter answers are never a campaign
MIN_SIZE = 3  # answers in a cluster, at least
REPRESENTATIVE = 0.8  # a member less similar than this to the nearest one joins the index too

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text):
    """Case, punctuation and spacing removed: what makes two copies of a text "the same"."""
    return _NOT_WORD.sub(" ", str(text).casefold()).strip()


def _shingles(normalised):
    words = normalised.split()
    if len(words) < MIN_WORDS:
        return None
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def _band_key(band):
    """A short key for each LSH bucket: 8 bytes instead of one per hash value saves memory."""
    return hashlib.blake2b(band, digest_size=8).digest()


def find_clusters(items, *, threshold=THRESHOLD, min_size=MIN_SIZE):
    """Clusters of near-identical texts: a list of key lists, largest first.

    `items` is an iterable of (key, text).
    """
    # Imported here: datasketch brings in SciPy, which web and export processes do not need.
    import numpy as np
    from datasketch import MinHash, MinHashLSH
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    copies = {}  # normalised text -> keys with exactly that text
    for key, text in items:
        normalised = normalise(text)
        if normalised:
            copies.setdefault(normalised, []).append(key)
    sized = []
    for text in copies:
        shingles = _shingles(text)
        if shingles is not None:
            sized.append((len(shingles), text))
    # Shortest first: Jaccard similarity t needs the smaller set to be at least t times the larger,
    # so representatives far shorter than the text in hand can leave the index for good.
    sized.sort(key=lambda pair: pair[0])
    index = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, hashfunc=_band_key)
    signatures = np.empty((len(sized), NUM_PERM), dtype=np.uint32)  # of the representatives, by row
    group_of = []  # each representative's group number
    in_index = deque()  # (size, representative number), shortest first
    groups = []  # lists of texts
    links = []  # (group, group) pairs found to be the same text
    minhashes = MinHash.generator(
        (_shingles(text) for _size, text in sized), num_perm=NUM_PERM, hashfunc=zlib.crc32
    )
    for (size, text), minhash in zip(sized, minhashes, strict=True):
        while in_index and in_index[0][0] < (threshold - SLACK) * size:
            index.remove(in_index.popleft()[1])
        best, best_similarity = None, threshold
        candidates = index.query(minhash)
        if candidates:
            # The MinHash estimate of Jaccard similarity (as MinHash.jaccard), all candidates at once.
            similarity = (signatures[candidates] == minhash.hashvalues).mean(axis=1)
            top = int(similarity.argmax())
            if similarity[top] >= threshold:
                best, best_similarity = group_of[candidates[top]], float(similarity[top])
                # Close to representatives of other groups too: those groups are one cluster.
                links.extend(
                    (best, group_of[candidates[i]]) for i in np.flatnonzero(similarity >= threshold)
                )
        if best is None:
            best = len(groups)
            groups.append([])
        groups[best].append(text)
        if best_similarity < REPRESENTATIVE:
            # A new text, or one on the edge of its cluster: later texts are compared with it too.
            number = len(group_of)
            signatures[number] = minhash.hashvalues
            index.insert(number, minhash)
            in_index.append((size, number))
            group_of.append(best)
    if links:
        pairs = np.array(links).T
        graph = coo_matrix(
            (np.ones(pairs.shape[1]), (pairs[0], pairs[1])), shape=(len(groups), len(groups))
        )
        _count, component = connected_components(graph, directed=False)
    else:
        component = np.arange(len(groups))
    merged = {}
    for number, group in enumerate(groups):
        merged.setdefault(int(component[number]), []).extend(group)
    clusters = []
    for group in merged.values():
        keys = [key for text in group for key in copies[text]]
        if len(keys) >= min_size:
            clusters.append(keys)
    clusters.sort(key=len, reverse=True)
    return clusters


@dataclass
class Figures:
    """One question's answers counted three ways, side by side in every report."""

    answers: int
    distinct_submissions: int
    distinct_arguments: int
    in_clusters: int
    clusters: int


def figures_for(texts, membership):
    """`texts` {key: text}; `membership` {key: cluster id}. Returns Figures."""
    distinct = set()
    outside = set()
    clusters = set()
    for key, text in texts.items():
        normalised = normalise(text)
        if not normalised:
            continue
        distinct.add(normalised)
        cluster = membership.get(key)
        if cluster is None:
            outside.add(normalised)
        else:
            clusters.add(cluster)
    answers = sum(1 for text in texts.values() if normalise(text))
    in_clusters = sum(1 for key, text in texts.items() if key in membership and normalise(text))
    return Figures(answers, len(distinct), len(outside) + len(clusters), in_clusters, len(clusters))


def free_text_questions(consultation):
    return [question for question in questions_for(consultation) if question.type in TEXT_TYPES]


def _answers(consultation, key):
    queryset = (
        Response.objects.filter(
            consultation=consultation, status=Response.Status.ACCEPTED, answers__has_key=key
        )
        .annotate(_text=KeyTextTransform(key, "answers"))
        .order_by("submitted_at", "pk")
        .values_list("pk", "_text")
    )
    return {pk: text for pk, text in queryset.iterator(chunk_size=5000) if text}


def _store(consultation, key, clusters):
    """Add what was found to the stored clusters; returns {response_id: cluster_id} for `key`."""
    membership = dict(
        CampaignMember.objects.filter(
            cluster__consultation=consultation, question_key=key
        ).values_list("response_id", "cluster_id")
    )
    now = timezone.now()
    new_members = []
    for keys in clusters:
        known = Counter(membership[pk] for pk in keys if pk in membership)
        if known:
            cluster_id = known.most_common(1)[0][0]
        else:
            cluster_id = CampaignCluster.objects.create(
                consultation=consultation, question_key=key, found_at=now
            ).pk
        for pk in keys:
            if pk not in membership:
                membership[pk] = cluster_id
                new_members.append(
                    CampaignMember(
                        cluster_id=cluster_id, response_id=pk, question_key=key, added_at=now
                    )
                )
    CampaignMember.objects.bulk_create(new_members, batch_size=2000)
    return membership


def detect(consultation, user=None):
    """Find organised responses in every free-text question of `consultation`; returns the scan."""
    consultation = getattr(consultation, "specific", consultation)
    scan = CampaignScan.objects.create(consultation=consultation, requested_by=user)
    figures, answers = {}, 0
    for question in free_text_questions(consultation):
        texts = _answers(consultation, question.key)
        with transaction.atomic():
            membership = _store(consultation, question.key, find_clusters(texts.items()))
        figures[question.key] = figures_for(texts, membership).__dict__
        answers += len(texts)
    scan.figures = figures
    scan.answers = answers
    scan.clusters = CampaignCluster.objects.filter(consultation=consultation).count()
    scan.finished_at = timezone.now()
    scan.save()
    audit.record(consultation, audit.CAMPAIGN_DETECT, user, answers=answers, clusters=scan.clusters)
    return scan


def label(cluster, user, *, name, organised_by="", note=""):
    cluster.name = " ".join(name.split())[:120]
    cluster.organised_by = " ".join(organised_by.split())[:200]
    cluster.note = note.strip()
    cluster.labelled_by = user
    cluster.labelled_at = timezone.now()
    cluster.save()
    audit.record(cluster.consultation, audit.CAMPAIGN_LABEL, user, cluster=cluster.pk)
    return cluster


def latest_scan(consultation):
    return (
        CampaignScan.objects.filter(consultation=consultation, finished_at__isnull=False)
        .order_by("-finished_at", "-pk")
        .first()
    )


def clusters_for(consultation, *, examples=1):
    """Stored clusters with their size and an example answer, largest first."""
    clusters = list(
        CampaignCluster.objects.filter(consultation=consultation)
        .annotate(size=Count("members"))
        .select_related("labelled_by")
        .order_by("-size", "pk")
    )
    for cluster in clusters:
        cluster.examples = []
        for member in cluster.members.select_related("response").order_by(
            "response__submitted_at", "pk"
        )[:examples]:
            text = (member.response.answers or {}).get(cluster.question_key)
            if isinstance(text, str) and text.strip():
                cluster.examples.append(text.strip())
    return clusters


def csv_rows(consultation, labels):
    """The organised-responses download: the three counts per question, then each cluster's answers.

    `labels` {question_key: label}. Rows of plain values (references, not personal data)."""
    scan = latest_scan(consultation)
    yield [
        _("Question"),
        _("Answers"),
        _("Distinct submissions"),
        _("Distinct arguments"),
        _("In campaign clusters"),
    ]
    for key, figures in (scan.figures if scan else {}).items():
        yield [
            str(labels.get(key, key)),
            figures["answers"],
            figures["distinct_submissions"],
            figures["distinct_arguments"],
            figures["in_clusters"],
        ]
    yield []
    yield [_("Cluster"), _("Name"), _("Campaign by"), _("Question"), _("Reference")]
    members = CampaignMember.objects.filter(cluster__consultation=consultation).order_by(
        "cluster_id", "response__submitted_at", "pk"
    )
    for cluster_id, name, organised_by, key, reference in members.values_list(
        "cluster_id",
        "cluster__name",
        "cluster__organised_by",
        "question_key",
        "response__reference",
    ).iterator(chunk_size=2000):
        yield [cluster_id, name, organised_by, str(labels.get(key, key)), reference]
