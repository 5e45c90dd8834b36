"""Tenant and domain changes invalidate the cached domain → tenant map (tenants/middleware.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tenants.models import Domain, Tenant
from tenants.routing import bump_routing_version


@receiver([post_save, post_delete], sender=Tenant)
@receiver([post_save, post_delete], sender=Domain)
def tenant_changed(sender, **kwargs) -> None:
    bump_routing_version()
