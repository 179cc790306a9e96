"""How a question is drawn: the plain dicts the question templates draw from, the names a
question posts and the error summary's items. Used by the response form (feedback.views) and the
partner embed (partners.views), so both draw every question the same way."""

import os

from django.conf import settings

from feedback import questions as q
from feedback import uploads
from feedback.models import SignVideo
from home.cache import cached_value, fragment_seconds, request_generation
from home.process_memo import ProcessMemo

CONSENT_FIELDS = ["publication_consent", "wants_outcome", "wants_receipt", "respondent_email"]


def field_names(question):
    if question.type == q.GRID:
        return [f"{question.key}__{key}" for key, _label in question.statements]
    if question.type == q.DATE:
        return [f"{question.key}-{part}" for part in ("day", "month", "year")]
    return [question.key]


def first_error_anchor(question, name):
    if question is None:
        return name
    if question.type == q.DATE:
        return f"{question.key}-day"
    if question.type == q.GRID and question.statements:
        return f"{question.key}__{question.statements[0][0]}"
    return question.key


def question_view(question, data, errors, hidden):
    """What a template needs to draw one question."""
    key = question.key
    values = data.getlist(key) if data is not None else []
    view = {
        "q": question,
        "id": key,
        "name": key,
        "value": values[0] if values else "",
        "values": values,
        "error": (errors.get(key) or [""])[0] if errors else "",
        "hint_id": f"{key}-hint" if question.help_text else "",
        "conditional": bool(question.condition_key),
        "hidden": hidden,
        "choices": [
            {"key": k, "label": label, "id": key if i == 0 else f"{key}-{i + 1}"}
            for i, (k, label) in enumerate(question.choices)
        ],
    }
    if question.type == q.DATE:
        view["parts"] = {
            p: (data.get(f"{key}-{p}", "") if data is not None else "")
            for p in ("day", "month", "year")
        }
        if not any(view["parts"].values()) and view["value"]:
            year, month, day = (view["value"].split("-") + ["", "", ""])[:3]
            view["parts"] = {"day": day, "month": month, "year": year}
    if question.type == q.GRID:
        view["rows"] = [
            {
                "key": skey,
                "label": slabel,
                "name": f"{key}__{skey}",
                "value": data.get(f"{key}__{skey}", "") if data is not None else "",
                "choices": [
                    {
                        "key": k,
                        "label": label,
                        "id": f"{key}__{skey}" if i == 0 else f"{key}__{skey}-{i + 1}",
                    }
                    for i, (k, label) in enumerate(question.choices)
                ],
            }
            for skey, slabel in question.statements
        ]
    if question.type in (q.LONG_TEXT, q.SHORT_TEXT):
        view["maxlength"] = question.max_length
    view["autocomplete"] = {q.EMAIL: "email", q.POSTCODE: "postal-code"}.get(question.type, "")
    if question.key == "about_postcode_district":
        view["autocomplete"] = "off"
    if question.type == q.FILE_UPLOAD:
        view["hint_id"] = f"{key}-hint"
        view["types_hint"] = uploads.types_hint(question)
        view["accept"] = ",".join(
            ext for kind in uploads.allowed_types(question) for ext in uploads.FILE_TYPES[kind][2]
        )
        upload = uploads.pending_upload(question, view["value"]) if view["value"] else None
        view["current"] = uploads.answer_for(upload) if upload is not None else None
    view["rating_range"] = (
        list(range(question.min_value or 1, (question.max_value or q.DEFAULT_RATING_MAX) + 1))
        if question.type == q.RATING
        else []
    )
    return view


def error_list(step, form):
    """[(anchor, message)] in form order for the error summary."""
    if form is None or not form.errors:
        return []
    by_key = {question.key: question for question in step.questions}
    order = [question.key for question in step.questions] + CONSENT_FIELDS
    out = []
    for name in sorted(form.errors, key=lambda n: order.index(n) if n in order else len(order)):
        for message in form.errors[name]:
            out.append((first_error_anchor(by_key.get(name), name), message))
    return out


def consent_view(data, errors):
    def first(name):
        return (errors.get(name) or [""])[0] if errors else ""

    return {
        "publication": question_view(q.standard_questions()[0], data, errors, False),
        "wants_outcome": bool(data.get("wants_outcome")) if data is not None else False,
        "wants_receipt": bool(data.get("wants_receipt")) if data is not None else False,
        "email": data.get("respondent_email", "") if data is not None else "",
        "email_error": first("respondent_email"),
    }


VIDEO_MIME = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm"}


def sign_videos(ids, language_code) -> dict:
    """{source SignVideo id: what `includes/sign_video.html` draws} for these ids, each in the
    language's own translation of the snippet when there is one (else the source). Two queries."""
    ids = {i for i in ids if i}
    if not ids:
        return {}
    related = ("video", "captions", "captions__language_record")
    sources = list(SignVideo.objects.filter(pk__in=ids).select_related(*related))
    translated = {
        video.translation_key: video
        for video in SignVideo.objects.filter(
            translation_key__in=[s.translation_key for s in sources],
            locale__language_code=language_code,
        ).select_related(*related)
    }
    names = dict(settings.LANGUAGES)
    out = {}
    for source in sources:
        video = translated.get(source.translation_key, source)
        src = video.video.url if video.video_id else video.video_url
        if not src:
            continue
        captions = video.captions
        srclang = ""
        if captions is not None:
            record = getattr(captions, "language_record", None)
            srclang = record.language if record is not None else settings.LANGUAGE_CODE
        out[source.pk] = {
            "title": video.title,
            "src": src,
            "type": VIDEO_MIME.get(os.path.splitext(src.split("?")[0])[1].lower(), ""),
            "captions_url": captions.url if captions is not None else "",
            "srclang": srclang,
            "captions_label": names.get(srclang, srclang),
            "transcript": video.transcript,
        }
    return out


# What `sign_videos` found, kept in this process (home.process_memo) and in the fragment cache
# under the cache generation, which publishing anything or saving a SignVideo replaces
# (feedback.apps): a step with videos costs no query once warm. Read-only: shared by requests.
SIGN_VIDEOS = ProcessMemo("sign videos", size=512)


def kept_sign_videos(ids, language_code) -> dict:
    """`sign_videos`, kept until the next publish or SignVideo save (no query when warm)."""
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    if fragment_seconds() <= 0:
        return sign_videos(ids, language_code)
    try:
        generation = request_generation(None)
    except Exception:  # a cache outage only costs speed
        return sign_videos(ids, language_code)
    name = f"sign-videos|{language_code}|{','.join(str(i) for i in ids)}"
    return SIGN_VIDEOS.get((generation, name), lambda: cached_value(name, lambda: sign_videos(ids, language_code)))


def with_sign_videos(step, views, language_code):
    """The step's BSL video (its section's) and each question view's own, in place. Returns the
    step's video or None."""
    first = step.questions[0] if step.questions else None
    ids = [getattr(x, "sign_video", None) for x in step.questions]
    section_id = getattr(first, "section_video", None)
    videos = kept_sign_videos([*ids, section_id], language_code)
    for view in views:
        view["sign_video"] = videos.get(getattr(view["q"], "sign_video", None))
    return videos.get(section_id)
