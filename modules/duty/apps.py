from django.apps import AppConfig


class Config(AppConfig):
    name = "modules.duty"
    label = "duty"
