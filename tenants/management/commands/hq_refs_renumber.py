"""Rename the office copies of complaints head office forwarded before it numbered its complaints
("HQ-<id>" → ZB-…, C-16). Run once after `migrate`; running it again changes nothing."""

from django.core.management.base import BaseCommand

from tenants import bridge


class Command(BaseCommand):
    help = "Office copies of forwarded head-office complaints: HQ-<id> → head office's number (ZB-…)."

    def handle(self, *args, **options):
        renamed = bridge.hq_refs_renumber()
        self.stdout.write(f"{renamed} office complaint(s) renamed")
