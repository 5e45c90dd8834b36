from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.calendar import invalidate_overrides
from modules.catalog.models import CalendarOverride


@receiver([post_save, post_delete], sender=CalendarOverride)
def calendar_changed(sender, **kwargs) -> None:
    """Forget the cached overrides now (this transaction sees its own write) and again at commit,
    telling every other process then (a rolled-back change must not stay cached anywhere)."""
    invalidate_overrides()
    transaction.on_commit(partial(invalidate_overrides, broadcast=True))
