import pytest


@pytest.fixture(autouse=True)
def _fresh_routing_map():
    """Tests here add domains and tenants that are rolled back: drop the cached map after each."""
    yield
    from tenants.routing import clear_local

    clear_local()
