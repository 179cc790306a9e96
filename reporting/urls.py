"""Public URLs: the published responses of a consultation."""

from django.urls import path

from . import views

urlpatterns = [
    path("<id:consultation_id>/", views.published_responses, name="reporting_published_responses"),
]
