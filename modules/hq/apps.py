from django.apps import AppConfig


class Config(AppConfig):
    name = "modules.hq"
    label = "hq"
