from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"

    def ready(self):
        # Staff entry of paper/phone/email/event responses, in the Wagtail admin.
        from feedback import staff

        staff.register()
