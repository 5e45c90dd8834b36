from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.calendar import invalidate_overrides
from modules.catalog.models import CalendarOverride


@receiver([post_save, post_delete], sender=CalendarOverride)
def calendar_changed(sender, **kwargs) -> None:
    invalidate_overrides()
