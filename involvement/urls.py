"""Public URLs of the register (inside i18n_patterns, so in every language)."""

from django.urls import path

from involvement import views

app_name = "involvement"
urlpatterns = [
    path("", views.join, name="join"),
    path("alerts/", views.alerts, name="alerts"),
    path("check-your-email/", views.check_email, name="check_email"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/leave/", views.leave, name="leave"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("visit/<str:token>/", views.visit, name="visit"),
    path("event/<str:token>/", views.event, name="event"),
    # One address per answer (no free "answer" argument): the email's two links.
    path("event/<str:token>/reply/yes/", views.event_reply, {"answer": "yes"}, name="event_yes"),
    path("event/<str:token>/reply/no/", views.event_reply, {"answer": "no"}, name="event_no"),
]
