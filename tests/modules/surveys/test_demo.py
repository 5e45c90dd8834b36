"""The demo survey (V-03): one finished wave with answers in each office and their counts at head office;
a second run adds nothing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_v03_demo_seeds_a_finished_wave_with_results_at_hq(world, in_tenant):
    from core.demo import surveys_seed
    from core.demo.surveys import TITLE
    from modules.surveys import selectors
    from modules.surveys.group.models import Wave
    from tests.modules.surveys.factories import household_with_phone

    offices = [world.alpha, world.beta]
    for office in offices:
        with in_tenant(office):
            for _ in range(3):
                household_with_phone()
    surveys_seed(world.hq, offices)
    surveys_seed(world.hq, offices)
    wave = Wave.objects.get(title=TITLE)
    assert wave.status == "closed"
    with in_tenant(world.hq):
        results = selectors.hq_wave_results(wave=selectors.wave_get(pk=wave.pk))
    assert {row["office_slug"] for row in results["offices"] if row["respondents"] >= 3} == {"alpha", "beta"}
    assert results["rate"]["rate"] is not None
