from django.apps import AppConfig


class YouwedidConfig(AppConfig):
    name = "youwedid"
