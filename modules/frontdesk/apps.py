from django.apps import AppConfig


class Config(AppConfig):
    name = "modules.frontdesk"
    label = "frontdesk"
