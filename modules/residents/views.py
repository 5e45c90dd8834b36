from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from core.web import require_perm
from modules.residents.selectors import resident_get, resident_list


@require_perm("residents.view")
def resident_list_view(request):
    q = request.GET.get("q", "")
    page = Paginator(resident_list(q=q), 50).get_page(request.GET.get("page"))
    return render(request, "residents/list.html", {"page": page, "q": q})


@require_perm("residents.view")
def resident_detail_view(request, pk: int):
    resident = resident_get(pk=pk)
    if resident is None:
        raise Http404
    return render(request, "residents/detail.html", {"resident": resident})
