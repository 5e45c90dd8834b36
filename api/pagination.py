"""The one pagination of the API: page numbers, 50 a page (at most 200), and a count that stays cheap
however long the list grows.

An exact COUNT(*) reads every row of the list (7 ms at 20,000 complaints, growing with the office). The
count here reads at most `COUNT_CAP` rows past the requested page: a list shorter than that is counted
exactly (`count_exact: true`); a longer one reports a lower bound (`count` rows at least, `count_exact:
false`), enough to say whether the page has a next page — which `next` links to as usual. The bound grows
with the page asked for, so every page number up to the real end is reachable; reading it costs no more
than the OFFSET that fetching that page already pays."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

COUNT_CAP = 1000


class CappedCountPaginator(Paginator):
    """A Django paginator whose count reads at most `COUNT_CAP` rows beyond the page asked for."""

    page_number: int = 1

    @cached_property
    def count(self) -> int:
        if not hasattr(self.object_list, "query"):  # a list, not a queryset: its length is free
            self.exact = True
            return len(self.object_list)
        limit = max(COUNT_CAP, self.page_number * self.per_page)
        rows = self.object_list
        if not rows.query.distinct:  # which rows, not their order or columns, decides the count
            rows = rows.order_by().values("pk")
        found = rows[: limit + 1].count()
        self.exact = found <= limit
        return found if self.exact else limit + 1

    exact = True


class Pagination(PageNumberPagination):
    django_paginator_class = CappedCountPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_number(self, request, paginator):
        number = super().get_page_number(request, paginator)
        try:
            paginator.page_number = max(1, int(number))
        except (TypeError, ValueError):
            pass  # Paginator.page refuses it (404) as before
        return number

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        return Response({"count": paginator.count, "count_exact": paginator.exact, "next": self.get_next_link(),
                         "previous": self.get_previous_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        envelope = super().get_paginated_response_schema(schema)
        envelope["properties"]["count"]["description"] = (
            "the number of rows when `count_exact` is true; otherwise a lower bound (the list is longer)")
        envelope["properties"]["count_exact"] = {
            "type": "boolean", "description": f"false when the list is longer than the rows counted ({COUNT_CAP}, "
                                              "or up to the page asked for): `count` is then a lower bound"}
        envelope["required"] = [*envelope["required"], "count_exact"]
        return envelope
