"""Who may see and moderate responses, per consultation, through Wagtail's page permissions.

A group is given ``feedback.view_responses`` (see) or ``feedback.change_response`` (moderate) on a
page with a ``GroupPagePermission`` row, exactly as Wagtail stores "edit" or "publish": the
permission then covers that page and every page below it. Given on the consultation index it
covers every consultation; given on one ConsultationPage it covers that one only. Staff set these
in Settings → Groups → "Responses" (the panel registered in ``feedback/wagtail_hooks.py``).

The same Django permission held by a group *globally* (not on a page) covers every consultation;
superusers see everything. Responses are stored against the source-language consultation, so a
permission given on a translated consultation (or index) covers its source too.

Other apps (reporting, exports) ask only through these functions:

- ``consultations_user_can_view_responses(user)`` → queryset of ConsultationPage ids;
- ``user_can_view_responses(user, consultation)`` → bool;
- ``responses_visible_to(user)`` → Response queryset the user may see;
- the ``…moderate…`` twins for approving and rejecting held responses.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from consultations.models import ConsultationIndexPage, ConsultationPage
from feedback.models import Response

APP_LABEL = "feedback"
VIEW_RESPONSES = "view_responses"
MODERATE_RESPONSES = "change_response"
RESPONSE_PERMISSIONS = (VIEW_RESPONSES, MODERATE_RESPONSES)


def response_permission(codename):
    return Permission.objects.get(content_type__app_label=APP_LABEL, codename=codename)


def _permitted_consultation_ids(user, codename):
    if user is None or not user.is_authenticated or not user.is_active:
        return ConsultationPage.objects.none().values_list("id", flat=True)
    every = ConsultationPage.objects.values_list("id", flat=True)
    if user.is_superuser or user.has_perm(f"{APP_LABEL}.{codename}"):
        return every
    paths = list(
        GroupPagePermission.objects.filter(
            group__user=user,
            permission__content_type__app_label=APP_LABEL,
            permission__codename=codename,
        )
        .values_list("page__path", flat=True)
        .distinct()
    )
    if not paths:
        return ConsultationPage.objects.none().values_list("id", flat=True)
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    # Every consultation under a granted page, and each of their translations (responses are
    # stored against the source-language page, which may sit in another locale's tree).
    keys = ConsultationPage.objects.filter(under).values("translation_key")
    return ConsultationPage.objects.filter(translation_key__in=keys).values_list("id", flat=True)


def consultations_user_can_view_responses(user):
    """Ids (a lazy queryset, usable in ``__in``) of the consultations whose responses ``user`` may see."""
    return _permitted_consultation_ids(user, VIEW_RESPONSES)


def consultations_user_can_moderate_responses(user):
    """Ids of the consultations whose held responses ``user`` may approve or reject."""
    return _permitted_consultation_ids(user, MODERATE_RESPONSES)


def _page_id(consultation):
    return consultation.pk if isinstance(consultation, Page) else int(consultation)


def user_can_view_responses(user, consultation):
    """May ``user`` see the responses to ``consultation`` (a page or its id)?"""
    return consultations_user_can_view_responses(user).filter(id=_page_id(consultation)).exists()


def user_can_moderate_responses(user, consultation):
    return (
        consultations_user_can_moderate_responses(user).filter(id=_page_id(consultation)).exists()
    )


def user_can_view_any_responses(user):
    return consultations_user_can_view_responses(user).exists()


def user_can_moderate_any_responses(user):
    return consultations_user_can_moderate_responses(user).exists()


def responses_visible_to(user):
    return Response.objects.filter(consultation_id__in=consultations_user_can_view_responses(user))


def responses_moderatable_by(user):
    return Response.objects.filter(
        consultation_id__in=consultations_user_can_moderate_responses(user)
    )


def grant_on_page(group, page, *codenames):
    """Give ``group`` the named response permissions on ``page`` and everything below it."""
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=response_permission(codename)
        )


def _admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def ensure_staff_groups():
    """Create (or top up) the staff groups "Moderators", "Analysts" and "Editors". Idempotent.

    - Moderators: view and moderate responses on every consultation (on the consultation index),
      and see general feedback and page usefulness answers.
    - Analysts: view responses on every consultation, and general feedback.
    - Editors: edit and publish pages under the home page; no access to responses.
    Returns ``{name: Group}``.
    """
    def model_perms(*codenames):
        return list(
            Permission.objects.filter(content_type__app_label=APP_LABEL, codename__in=codenames)
        )

    general = model_perms("view_generalfeedback", "view_pageusefulness")
    # Source-language indexes only: permission checks follow translation_key to translations.
    indexes = list(ConsultationIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE))
    groups = {}

    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(_admin_access(), *general)
    analysts, _ = Group.objects.get_or_create(name="Analysts")
    analysts.permissions.add(_admin_access(), *general)
    for index in indexes:
        grant_on_page(moderators, index, VIEW_RESPONSES, MODERATE_RESPONSES)
        grant_on_page(analysts, index, VIEW_RESPONSES)
    groups["Moderators"] = moderators
    groups["Analysts"] = analysts

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(_admin_access())
    # Wagtail's own page permissions, on the site's home page(s).
    from wagtail.models import Site

    page_perms = Permission.objects.filter(
        content_type__app_label="wagtailcore",
        codename__in=["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    )
    for site in Site.objects.select_related("root_page"):
        for perm in page_perms:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=site.root_page, permission=perm
            )

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        media_perms = Permission.objects.filter(
            content_type__app_label__in=["wagtailimages", "wagtaildocs"],
            codename__in=[
                "add_image",
                "change_image",
                "choose_image",
                "add_document",
                "change_document",
                "choose_document",
            ],
        )
        for perm in media_perms:
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=root_collection, permission=perm
            )
    groups["Editors"] = editors
    return groups
