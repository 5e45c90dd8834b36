from django.apps import AppConfig


class Config(AppConfig):
    """Dashboards with charts (issue 10 §5): the office director's, read live from the office's own schema
    through each module's selectors, and head office's, read only from the figures offices pushed
    (modules.hq.figure_selectors). No models."""

    name = "modules.dashboards"
    label = "dashboards"
