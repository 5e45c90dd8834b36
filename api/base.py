"""Base API classes: thin views that call services and selectors (DESIGN.md convention 1).

The three steps every view repeats live here once: validate input (`validated`, bad input is the one
error shape of api/errors.py, 400 naming the field), load-or-404 (`found`, convention 6) and a page of
a list in the shared pagination shape (`paginate`). `RowActionAPIView` is the one shape of "take a step on
one row, answer with the row as it stands after it" (a POST per step)."""

from __future__ import annotations

from typing import TypeVar

from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from api.pagination import Pagination
from api.permissions import IsTenantMember

T = TypeVar("T")


def found(obj: T | None, message: str | None = None) -> T:
    """The object a selector returned, or 404 (`message` names what is missing)."""
    if obj is None:
        raise NotFound(message)
    return obj


class TenantAPIView(APIView):
    permission_classes = [IsTenantMember]
    required_perm: str | dict | None = None
    # a view whose GET pages a list sets `pagination_class = Pagination`: the schema then documents the
    # envelope (api/schema.py) and `paginate` uses it
    pagination_class: type[Pagination] | None = None

    @property
    def membership(self):
        return self.request.membership

    def validated(self, input_class: type, data=None, **kwargs) -> dict:
        """`input_class` run over `data` (the request body by default); invalid input raises the
        400 of api/errors.py. `kwargs` go to the serializer (`partial=True`, `context=`)."""
        serializer = input_class(data=self.request.data if data is None else data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def query(self, input_class: type) -> dict:
        """`validated` over the query string."""
        return self.validated(input_class, data=self.request.query_params)

    def paginate(self, queryset, serializer_class: type, **context) -> Response:
        """A page of `queryset` in the shared pagination shape (api/pagination.py)."""
        if self.pagination_class is None:
            raise TypeError(f"{type(self).__name__} pages a list: set pagination_class = Pagination")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, self.request, view=self)
        return paginator.get_paginated_response(serializer_class(page, many=True, context=context).data)


class RowActionAPIView(TenantAPIView):
    """One step on one row (confirm, reject, compile, sign …), answered with the row's detail after it.

    A subclass names `Input` (the step's serializer; None for a bare button), `Output` (the detail
    serializer), `act(request, data, **url_kwargs)`, which calls the step's service, and
    `row(**url_kwargs)`, which reads the row again through a selector (None → 404). The OpenAPI schema
    documents the POST from `Input` and `Output` (api/schema.py), so a subclass needs no decorator."""

    Input: type | None = None
    Output: type

    def act(self, request, data: dict, **kwargs) -> None:
        raise TypeError(f"{type(self).__name__} sets act(request, data, **kwargs)")

    def row(self, **kwargs):
        raise TypeError(f"{type(self).__name__} sets row(**kwargs)")

    def post(self, request, **kwargs):
        data = self.validated(self.Input) if self.Input is not None else {}
        self.act(request, data, **kwargs)
        return Response(self.Output(found(self.row(**kwargs))).data)
