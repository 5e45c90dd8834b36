"""Every free-text field has a length limit (issue 7 §2.5), from the one set in core/limits.py: each model's
TextField, each text input of an API serializer (every serializer but the `…Out` ones, which only answer)
and each text field of a page's form. A megabyte typed into `expectation` is a 400 naming the field."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.db import models
from rest_framework import serializers

import api
import core
import modules
import tenants
from core import limits

OURS = ("modules.", "core.", "tenants.")
MEGABYTE = "长" * (1024 * 1024 // 3)


def _classes(*packages, base):
    found = {}
    for package in packages:
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".migrations" in info.name or info.name.startswith(("core.settings", "core.management")):
                continue
            module = importlib.import_module(info.name)
            for obj in vars(module).values():
                if inspect.isclass(obj):
                    for cls in (obj, *(v for v in vars(obj).values() if inspect.isclass(v))):
                        if issubclass(cls, base) and cls.__module__ == module.__name__:
                            found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return found


def test_every_text_column_of_every_model_has_a_max_length():
    unbounded = [f"{model._meta.label}.{field.name}" for model in apps.get_models()
                 if model.__module__.startswith(OURS) for field in model._meta.get_fields()
                 if isinstance(field, models.TextField | models.CharField) and not field.max_length]
    assert unbounded == [], unbounded


def test_every_text_input_of_every_api_serializer_has_a_max_length():
    inputs = {name: cls for name, cls in _classes(api, base=serializers.Serializer).items()
              if not cls.__name__.endswith(("Out", "Output", "OutSerializer"))}
    assert len(inputs) > 40  # the walk found the API's inputs
    unbounded = [f"{name}.{field_name}" for name, cls in inputs.items()
                 for field_name, field in cls().fields.items()
                 if isinstance(field, serializers.CharField) and not field.read_only and field.max_length is None]
    assert unbounded == [], unbounded


def test_every_text_field_of_every_form_has_a_max_length():
    found = _classes(modules, core, tenants, base=forms.BaseForm)
    assert len(found) > 40
    unbounded = [f"{name}.{field_name}" for name, cls in found.items()
                 for field_name, field in cls.base_fields.items()
                 if isinstance(field, forms.CharField) and field.max_length is None]
    assert unbounded == [], unbounded


def test_a_model_input_is_not_longer_than_its_column():
    from modules.residents.models import Resident

    assert limits.of(Resident, "name") == Resident._meta.get_field("name").max_length


@pytest.mark.django_db
def test_a_megabyte_of_expectation_is_400_naming_the_field_C02(world, client_for):
    body = {"channel": "phone", "content": "车库漏水", "complainant_name": "赵六", "complainant_phone": "13700137000",
            "category": "repairs", "expectation": MEGABYTE}
    response = client_for(world.alpha, "cs_staff").post("/api/v1/complaints/", body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["expectation"]


@pytest.mark.django_db
def test_a_megabyte_on_the_registration_page_is_a_form_error_C02(world, client_for):
    response = client_for(world.alpha, "cs_staff").post("/complaints/new/", {
        "channel": "phone", "content": MEGABYTE, "complainant_name": "赵六", "complainant_phone": "13700137000",
        "category": "repairs"})
    assert response.context["form"].errors["content"]


@pytest.mark.django_db
def test_a_long_resident_name_is_400_not_a_database_error_P01(world, client_for):
    body = {"building": "1栋", "unit_number": "101", "household_name": "张家", "name": "张" * 100,
            "phone": "13800138000"}
    response = client_for(world.alpha, "records_clerk").post("/api/v1/residents/", body,
                                                             content_type="application/json")
    assert response.status_code == 400
    assert "name" in response.json()["error"]["fields"]
