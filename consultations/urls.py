from django.urls import path

from consultations import views

urlpatterns = [
    path("invitation/<str:token>/", views.open_invitation, name="consultation_invitation"),
]
