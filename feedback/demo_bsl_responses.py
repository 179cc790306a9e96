"""Demo BSL responses (issue 18): a video answer in each language (English, Welsh, Polish, Urdu)
and a video relay request, all to the open Eastbrook consultation and all awaiting transcription
(admin: "BSL responses"). Sent through `submit_response` as the "Respond in BSL" page sends them.
Runs after home.demo_translations (the translated forms must exist). Idempotent."""

from django.core.files.uploadedfile import SimpleUploadedFile

from feedback.demo import DEMO_CLIENT, is_open_now
from feedback.demo_bsl_videos import FORM_SLUG, VIDEO_FILE
from feedback.models import Response, ResponseFormPage
from feedback.services import find_repeat, submit_response
from feedback.uploads import store_video
from home.translation import translated_instance

LANGUAGES = ("en", "cy", "pl", "ur")


def load(context):
    form = (context.get("response_forms") or {}).get(FORM_SLUG)
    if form is None:
        return
    form = ResponseFormPage.objects.get(pk=form.pk)
    if not is_open_now(form):
        return
    sent = []
    for code in LANGUAGES:
        page = form if code == form.locale.language_code else translated_instance(form, code)
        if page is None:
            continue
        key = f"demo-bsl-{code}"
        if find_repeat(page, key, DEMO_CLIENT) is not None:
            continue
        video = store_video(
            page, SimpleUploadedFile(f"bsl-answer-{code}.webm", VIDEO_FILE.read_bytes())
        )
        response, _created = submit_response(
            page,
            {"respondent_email": f"bsl-{code}@example.org", "wants_receipt": False},
            locale=page.locale,
            channel=Response.Channel.BSL,
            idempotency_key=key,
            client=DEMO_CLIENT,
            sign_language={"kind": "video", "upload": video},
        )
        sent.append(response)
    if find_repeat(form, "demo-bsl-relay", DEMO_CLIENT) is None:
        response, _created = submit_response(
            form,
            {"respondent_name": "Alex Morgan", "respondent_email": "", "wants_receipt": False},
            channel=Response.Channel.BSL,
            idempotency_key="demo-bsl-relay",
            client=DEMO_CLIENT,
            sign_language={
                "kind": "relay",
                "phone": "07700 900123",
                "contact_times": "Tuesday or Thursday afternoons",
                "relay_service": "Any video relay service",
            },
        )
        sent.append(response)
    stdout = context.get("stdout")
    if stdout is not None and sent:
        stdout.write(f"feedback: {len(sent)} demo BSL responses awaiting transcription")
