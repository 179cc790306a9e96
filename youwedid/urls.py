from django.urls import path

from youwedid import views

app_name = "youwedid"
urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
]
