"""Issue 7 §2.7: the OpenAPI schema describes what the API returns — paginated lists in their
envelope, the error shape and its statuses on every operation, times of day as they are sent."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db
PAGINATED = {
    "alpha": ["/api/v1/complaints/", "/api/v1/complaints/incidents/", "/api/v1/complaints/spot-checks/",
              "/api/v1/duty/entries/", "/api/v1/duty/requests/", "/api/v1/duty/roster/",
              "/api/v1/residents/", "/api/v1/frontdesk/workorders/"],
    "hq": ["/api/v1/center/cases/", "/api/v1/center/complaints/"],
    "public": ["/api/v1/catalog/offices/", "/api/v1/catalog/calendar/"],
}


def _schema(client_for, tenant) -> dict:
    response = client_for(tenant).get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def _resolve(schema: dict, node: dict) -> dict:
    ref = node.get("$ref")
    return _resolve(schema, schema["components"]["schemas"][ref.rsplit("/", 1)[1]]) if ref else node


@pytest.mark.parametrize("tenant_name", sorted(PAGINATED))
def test_paginated_lists_are_documented_in_their_envelope(world, client_for, tenant_name):
    schema = _schema(client_for, getattr(world, tenant_name))
    for path in PAGINATED[tenant_name]:
        body = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        page = _resolve(schema, body)
        assert page.get("type") == "object", path
        assert {"count", "next", "previous", "results"} <= set(page["properties"]), path
        assert page["properties"]["results"]["type"] == "array", path


@pytest.mark.parametrize("tenant_name", sorted(PAGINATED))
def test_every_operation_documents_the_error_shape(world, client_for, tenant_name):
    schema = _schema(client_for, getattr(world, tenant_name))
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["error"]
    assert set(error["properties"]["error"]["required"]) == {"code", "message", "fields"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ("400", "401", "403", "404"):
                content = operation["responses"][status]["content"]["application/json"]["schema"]
                assert content == {"$ref": "#/components/schemas/Error"}, (method, path, status)
            if method == "post":
                assert "409" in operation["responses"], (method, path)


def test_times_of_day_are_declared_as_sent(world, client_for):
    import jsonschema

    schema = _schema(client_for, world.alpha)
    start = schema["components"]["schemas"]["ShiftOut"]["properties"]["start"]
    assert start.get("format") != "time"  # JSON Schema's `time` needs a zone offset: 09:00:00 has none
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    for value in ("09:00:00", "23:59", "07:30:00.250000"):
        jsonschema.validate(value, start, format_checker=checker)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate("25:00:00", start, format_checker=checker)


@pytest.mark.parametrize("tenant_name", sorted(PAGINATED))
def test_token_endpoint_is_documented_open_for_obtain(world, client_for, tenant_name):
    """Issue 7 §5: a client learns from the schema how to get a token (no credentials needed for it)."""
    token = _schema(client_for, getattr(world, tenant_name))["paths"]["/api/v1/auth/token/"]
    assert "security" not in token["post"] and {"200", "400", "429"} <= set(token["post"]["responses"])
    assert token["delete"]["security"] and "204" in token["delete"]["responses"]
