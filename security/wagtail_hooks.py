from django.urls import path

from wagtail import hooks

from security import views


@hooks.register("register_admin_urls")
def register_mfa_urls():
    return [
        path("mfa/verify/", views.verify, name="security_mfa_verify"),
        path("mfa/enrol/", views.enrol, name="security_mfa_enrol"),
    ]
