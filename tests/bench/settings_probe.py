"""Settings for the routing benchmark's server: the test settings with the probe URLconf, and with
tenant routing (BENCH_MODE=routed) or a fixed tenant instead (BENCH_MODE=plain)."""

import os
import sys

from core.settings.test import *  # noqa: F401,F403
from tests.tenancy.probe import plain_settings, routed_settings

_mode = os.environ.get("BENCH_MODE", "routed")
globals().update({"routed": routed_settings, "plain": plain_settings}[_mode](sys.modules[__name__]))
