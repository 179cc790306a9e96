"""Helpers for the general-feedback, moderation and permission tests (plain functions, no fixtures)."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from wagtail.models import Locale

from consultations.models import ConsultationIndexPage, ConsultationPage
from feedback.models import Response


def make_index(home_page, slug="consultations"):
    index = home_page.add_child(instance=ConsultationIndexPage(title="Consultations", slug=slug))
    index.save_revision().publish()
    return index


def make_consultation(index, title, slug=None):
    now = timezone.now()
    page = index.add_child(
        instance=ConsultationPage(
            title=title,
            slug=slug or title.lower().replace(" ", "-"),
            summary="A proposal.",
            opens_at=now - datetime.timedelta(days=10),
            closes_at=now + datetime.timedelta(days=20),
        )
    )
    page.save_revision().publish()
    return page


def make_response(consultation, status=Response.Status.ACCEPTED, reason="", **answers):
    return Response.objects.create(
        consultation=consultation,
        locale=Locale.get_default(),
        status=status,
        status_reason=reason,
        answers=answers or {"views": "I agree with the plan."},
    )


def make_staff(username, *, superuser=False, admin_access=True):
    user = get_user_model().objects.create_user(username=username, password="pw", is_staff=True)
    if superuser:
        user.is_superuser = True
        user.save()
    elif admin_access:
        group = Group.objects.create(name=f"{username}-group")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        user.groups.add(group)
    return user


def staff_group(user):
    return user.groups.get(name=f"{user.username}-group")
