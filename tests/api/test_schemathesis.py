"""Issue 7 §2.7: the API answers what its OpenAPI schema says, on every tenant type.

schemathesis generates requests from each host's own schema (`/api/schema/`) for every operation and
sends them to the Django app in-process (WSGI, no network), authenticated by token as a role that may
use every route of that tenant type. Any 5xx, any response that does not match the documented body, or
an undocumented status fails the test. Examples are bounded and derandomized (a fixed seed), so the run
is the same each time and its cost stays small."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from core.permissions import has_perm
from tests.conftest import host_of

pytestmark = pytest.mark.django_db
# the role each tenant type is tested as: it holds every permission its routes ask for (checked below)
ROLES = {"alpha": "office_director", "hq": "hq_quality_manager", "public": "group_admin"}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = {GenerationMode.POSITIVE: 6, GenerationMode.NEGATIVE: 3}


@contextmanager
def _in_test_transaction():
    """As Django's test client does: requests must not close the test's connection mid-transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _has_inputs(operation) -> bool:
    return any(len(part) for part in (operation.path_parameters, operation.query, operation.headers,
                                      operation.body))


def _run(operation, mode: GenerationMode, call: dict) -> None:
    """Bounded examples of one operation; input that cannot be made invalid is not a failure."""
    if mode is GenerationMode.NEGATIVE and not _has_inputs(operation):
        return
    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(max_examples=EXAMPLES[mode], derandomize=True, database=None, deadline=None,
                         phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate(checks=CHECKS, **call)

    try:
        check()
    except Unsatisfiable:
        pass  # e.g. a free-text path segment has no invalid value to send


def _without_security(raw: dict) -> dict:
    """The token is sent with every call: schemathesis need not generate credentials (nor negate them)."""
    for operations in raw["paths"].values():
        for operation in operations.values():
            if isinstance(operation, dict):
                operation.pop("security", None)
    return raw


@pytest.mark.parametrize("tenant_name", sorted(ROLES))
def test_every_operation_answers_as_documented(world, client_for, tenant_name):
    tenant = getattr(world, tenant_name)
    raw = client_for(tenant).get("/api/schema/?format=json").json()
    schema = schemathesis.openapi.from_dict(_without_security(raw))
    token, _ = Token.objects.get_or_create(user=world.users[(tenant.slug, ROLES[tenant_name])])
    failures = []
    with _in_test_transaction() as app:
        call = {"app": app, "base_url": f"http://{host_of(tenant)}",
                "headers": {"Authorization": f"Token {token.key}"}}
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 5
        for operation in operations:
            for mode in EXAMPLES:
                try:
                    _run(operation, mode, call)
                except (Exception, BaseExceptionGroup) as exc:  # collect every operation's failure, report them together
                    failures.append(f"{operation.label} [{mode}]: {exc}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("tenant_name", sorted(ROLES))
def test_the_tested_role_may_use_every_route_of_its_tenant_type(world, tenant_name):
    from django.urls import get_resolver

    from tests.tenancy.routes import route_paths

    urlconf = {"alpha": "core.urls.office", "hq": "core.urls.hq", "public": "core.urls.public"}[tenant_name]
    perms = set()
    for path in route_paths(urlconf):
        if path.startswith("/api/v1/"):
            view = getattr(get_resolver(urlconf).resolve(path).func, "view_class", None)
            required = getattr(view, "required_perm", None)
            perms |= set(required.values()) if isinstance(required, dict) else {required} if required else set()
    assert perms
    assert all(has_perm(ROLES[tenant_name], perm) for perm in perms), perms
