"""Tenant and domain changes invalidate the cached domain → tenant map (tenants/middleware.py)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tenants.models import Domain, Tenant
from tenants.routing import bump_routing_version, clear_local


@receiver([post_save, post_delete], sender=Tenant)
@receiver([post_save, post_delete], sender=Domain)
def tenant_changed(sender, **kwargs) -> None:
    # this process at once (the saving request may route to the new host next); every process once
    # the row is committed -- bumping earlier would let another process cache the map without it
    clear_local()
    transaction.on_commit(bump_routing_version)
