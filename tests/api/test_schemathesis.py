"""Issue 7 §2.7: the API answers what its OpenAPI schema says, on every tenant type.

schemathesis generates requests from each host's own schema (`/api/schema/`) for every operation and
sends them to the Django app in-process (WSGI, no network), authenticated by token as a role that may
use every route of that tenant type. Any 5xx, any response that does not match the documented body, or
an undocumented status fails the test. Two passes: valid and invalid input over every operation, then
valid input on the objects the first pass created (ids read back from the list endpoints), so actions
reach real rows and not only 404s. Examples are bounded and derandomized (a fixed seed): the run is
the same each time and its cost stays small."""

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
EXAMPLES = {GenerationMode.POSITIVE: 5, GenerationMode.NEGATIVE: 2}
ON_EXISTING = 3  # valid examples per existing object, for up to two objects per operation


def _keep_connection() -> None:
    """As Django's test client does: requests must not close the test's connection mid-transaction.
    Called before every run: each test client request connects the signals again when it ends."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)


@contextmanager
def _in_test_transaction():
    _keep_connection()
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _has_inputs(operation) -> bool:
    return any(len(part) for part in (operation.path_parameters, operation.query, operation.headers,
                                      operation.body))


def _run(operation, call: dict, mode: GenerationMode, examples: int, **fixed) -> None:
    """Bounded examples of one operation; input that cannot be made invalid is not a failure."""
    if mode is GenerationMode.NEGATIVE and not _has_inputs(operation):
        return

    @given(case=operation.as_strategy(generation_mode=mode, **fixed))
    @hypothesis_settings(max_examples=examples, derandomize=True, database=None, deadline=None,
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


def _existing_ids(client, operations, auth: dict) -> dict[str, list[int]]:
    """list path → ids of the first few objects it lists now."""
    found = {}
    for operation in operations:
        if operation.method.upper() != "GET" or len(operation.path_parameters):
            continue
        response = client.get(operation.full_path, {"page_size": 2}, **auth)
        if response.status_code != 200:
            continue
        body = response.json()
        rows = body.get("results", []) if isinstance(body, dict) else body
        found[operation.full_path] = [row["id"] for row in rows if isinstance(row, dict) and row.get("id")][:2]
    return found


def _on_existing(operation, ids: dict[str, list[int]]) -> list[int]:
    names = [parameter.name for parameter in operation.path_parameters]
    if names != ["id"]:
        return []
    return ids.get(operation.full_path.split("{", 1)[0], [])


class _Session:
    """Calls as the tested user, with a fresh token each time (DELETE auth/token/ revokes the one in use);
    failures are collected so one run reports every operation that misbehaves."""

    def __init__(self, app, tenant, user):
        self.app, self.tenant, self.user, self.failures = app, tenant, user, []

    def auth(self) -> dict:
        token, _ = Token.objects.get_or_create(user=self.user)
        return {"HTTP_AUTHORIZATION": f"Token {token.key}"}

    def run(self, operation, mode: GenerationMode, examples: int, **fixed) -> None:
        call = {"app": self.app, "base_url": f"http://{host_of(self.tenant)}",
                "headers": {"Authorization": self.auth()["HTTP_AUTHORIZATION"]}}
        _keep_connection()
        try:
            _run(operation, call, mode, examples, **fixed)
        except (Exception, BaseExceptionGroup) as exc:  # collect every failure, report them together
            self.failures.append(f"{operation.label} [{mode} {fixed or ''}]: {exc}")


@pytest.mark.parametrize("tenant_name", sorted(ROLES))
def test_every_operation_answers_as_documented(world, client_for, tenant_name):
    tenant = getattr(world, tenant_name)
    client = client_for(tenant)
    schema = schemathesis.openapi.from_dict(_without_security(client.get("/api/schema/?format=json").json()))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    with _in_test_transaction() as app:
        session = _Session(app, tenant, world.users[(tenant.slug, ROLES[tenant_name])])
        for operation in operations:
            for mode, examples in EXAMPLES.items():
                session.run(operation, mode, examples)
        ids = _existing_ids(client, operations, session.auth())
        for operation in operations:
            for pk in _on_existing(operation, ids):
                session.run(operation, GenerationMode.POSITIVE, ON_EXISTING, path_parameters={"id": pk})
    assert not session.failures, "\n\n".join(session.failures)


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
