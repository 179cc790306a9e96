"""Public URLs of the feedback app (inside i18n_patterns, before Wagtail's catch-all)."""

from django.urls import path

from feedback.general import views as general

app_name = "feedback"

urlpatterns = [
    path("share-your-views/", general.share_your_views, name="share_your_views"),
    path("share-your-views/sent/", general.share_your_views_sent, name="share_your_views_sent"),
    path("page-feedback/", general.page_usefulness, name="page_usefulness"),
    path("page-feedback/comment/", general.page_usefulness_comment, name="page_usefulness_comment"),
    path("page-feedback/thanks/", general.page_usefulness_thanks, name="page_usefulness_thanks"),
]
