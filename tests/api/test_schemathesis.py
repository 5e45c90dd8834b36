"""Issue 7 §2.7: the API answers what its OpenAPI schema says, on every tenant type.

schemathesis generates requests from each host's own schema (`/api/schema/`) for every operation and
sends them to the Django app in-process (WSGI, no network), authenticated by token as a role that may
use every route of that tenant type. Any 5xx, any response that does not match the documented body, or
an undocumented status fails the test. Each operation is called as a role that may use it: the
tenant type's default role below, or else the first role whose permissions hold the view's
`required_perm` for that method. Two passes: valid and invalid input over every operation, then
valid input on the objects the first pass created (ids read back from the list endpoints), so actions
reach real rows and not only 404s. Examples are bounded and derandomized (a fixed seed): the run is
the same each time and its cost stays small."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import resolve
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

from core.permissions import ROLES_BY_TENANT_TYPE, has_perm
from tests.conftest import host_of

pytestmark = pytest.mark.django_db
# the role each tenant type is tested as, unless a route asks for a permission it lacks
ROLES = {"alpha": "office_director", "hq": "hq_quality_manager", "public": "group_admin"}
URLCONFS = {"alpha": "core.urls.office", "hq": "core.urls.hq", "public": "core.urls.public"}
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


def _existing_ids(client, operations, session) -> dict[str, list[int]]:
    """list path → ids of the first few objects it lists now."""
    found = {}
    for operation in operations:
        if operation.method.upper() != "GET" or len(operation.path_parameters):
            continue
        response = client.get(operation.full_path, {"page_size": 2}, **session.auth(operation))
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


def _required_perm(urlconf: str, path: str, method: str) -> str | None:
    """The permission the view behind `path` names for `method` (api/permissions.py)."""
    view = resolve(re.sub(r"\{[^}]+\}", "1", path), urlconf=urlconf).func.view_class
    perm = getattr(view, "required_perm", None)
    return perm.get(method, perm.get("*")) if isinstance(perm, dict) else perm


def _role_for(tenant_name: str, perm: str | None) -> str:
    preferred = ROLES[tenant_name]
    if perm is None or has_perm(preferred, perm):
        return preferred
    tenant_type = {"alpha": "office", "hq": "hq", "public": "public"}[tenant_name]
    return next(role for role in sorted(ROLES_BY_TENANT_TYPE[tenant_type]) if has_perm(role, perm))


class _Session:
    """Calls as a user who may use the operation, with a fresh token each time (DELETE auth/token/
    revokes the one in use); failures are collected so one run reports every operation that misbehaves."""

    def __init__(self, app, world, tenant_name):
        self.app, self.world, self.tenant_name, self.failures = app, world, tenant_name, []
        self.tenant = getattr(world, tenant_name)

    def auth(self, operation) -> dict:
        perm = _required_perm(URLCONFS[self.tenant_name], operation.full_path, operation.method.upper())
        user = self.world.users[(self.tenant.slug, _role_for(self.tenant_name, perm))]
        token, _ = Token.objects.get_or_create(user=user)
        return {"HTTP_AUTHORIZATION": f"Token {token.key}"}

    def run(self, operation, mode: GenerationMode, examples: int, **fixed) -> None:
        call = {"app": self.app, "base_url": f"http://{host_of(self.tenant)}",
                "headers": {"Authorization": self.auth(operation)["HTTP_AUTHORIZATION"]}}
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
        session = _Session(app, world, tenant_name)
        for operation in operations:
            for mode, examples in EXAMPLES.items():
                session.run(operation, mode, examples)
        ids = _existing_ids(client, operations, session)
        for operation in operations:
            for pk in _on_existing(operation, ids):
                session.run(operation, GenerationMode.POSITIVE, ON_EXISTING, path_parameters={"id": pk})
    assert not session.failures, "\n\n".join(session.failures)


@pytest.mark.parametrize("tenant_name", sorted(ROLES))
def test_every_api_route_has_a_role_that_may_use_it(world, tenant_name):
    """The run above reaches every route as someone allowed to use it, never only as a 403."""
    from tests.tenancy.routes import route_paths

    urlconf = URLCONFS[tenant_name]
    checked = 0
    for path in route_paths(urlconf):
        if path.startswith("/api/v1/"):
            for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
                perm = _required_perm(urlconf, path, method)
                assert perm is None or has_perm(_role_for(tenant_name, perm), perm), (path, method)
                checked += 1
    assert checked > 5
