from django.apps import AppConfig


class Config(AppConfig):
    name = "modules.residents"
    label = "residents"
