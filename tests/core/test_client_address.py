"""Behind nginx, lock-outs (R-04 accounts) and the C-01 online throttle key on the forwarded client
address: the production setting must make axes' resolver return it, not the proxy's."""

from axes.helpers import get_client_ip_address
from django.test import RequestFactory, override_settings

from tests.ops.settings_probe import PRODUCTION_ENV, probe_value


def _production_order():
    """Read in a fresh interpreter: production settings need production's environment."""
    return probe_value("core.settings.production", "[s.AXES_IPWARE_META_PRECEDENCE_ORDER, "
                       "getattr(s, 'AXES_IPWARE_PROXY_COUNT', None)]", **PRODUCTION_ENV)


def test_production_settings_use_the_address_nginx_forwards():
    order, count = _production_order()
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="172.18.0.5")
    with override_settings(AXES_IPWARE_META_PRECEDENCE_ORDER=order, AXES_IPWARE_PROXY_COUNT=count):
        assert get_client_ip_address(request) == "203.0.113.7"


def test_without_a_proxy_the_peer_address_is_used():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="198.51.100.2")
    assert get_client_ip_address(request) == "198.51.100.2"  # default: a client cannot spoof it
