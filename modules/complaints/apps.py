from django.apps import AppConfig


class Config(AppConfig):
    name = "modules.complaints"
    label = "complaints"
