from django.urls import path

from wagtail import hooks

from security import views


@hooks.register("register_admin_urls")
def register_mfa_urls():
    return [
        path("mfa/verify/", views.verify, name="security_mfa_verify"),
        path("mfa/enrol/", views.enrol, name="security_mfa_enrol"),
        path("mfa/enrol/link/<str:token>/", views.enrol_link, name="security_mfa_enrol_link"),
    ]
