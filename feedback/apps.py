from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"

    def ready(self):
        # Staff entry of paper/phone/email/event responses, in the Wagtail admin.
        from feedback import staff

        staff.register()

        # BSL responses awaiting transcription, in the Wagtail admin (same wiring as staff entry).
        from feedback import admin_sign_language

        admin_sign_language.register()

        # Forms are cached with their "About you" section (partners.embed.embed_target), and the
        # section is a snippet saved without publishing a page: saving it forgets cached pages.
        from django.db.models.signals import post_delete, post_save

        # ready(): the app registry is loaded only now. `uploads` connects its post_delete
        # receiver: an uploaded file is deleted with its row (erasure, retention, a response).
        from feedback import uploads  # noqa: F401
        from feedback.models import AboutYouSection, SignVideo

        # ready(): the app registry is loaded only now
        from home.cache import clear_local

        def about_you_changed(sender, **kwargs):
            clear_local()

        for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(about_you_changed, sender=AboutYouSection, dispatch_uid=f"feedback.about_you.{name}", weak=False)
            # BSL videos on form steps are kept under the generation too (feedback.rendering)
            signal.connect(about_you_changed, sender=SignVideo, dispatch_uid=f"feedback.sign_video.{name}", weak=False)
