"""Files are handed out only here, to members of the tenant whose schema holds the file row."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from core.files.models import StoredFile


@login_required
def file_download(request, pk):
    # MembershipMiddleware already 404s non-members; the row lives in this tenant's schema only
    stored = StoredFile.objects.filter(pk=pk).first()
    if stored is None:
        raise Http404("no such file")
    response = FileResponse(stored.file.open("rb"), content_type=stored.content_type)
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{_quote(stored.original_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
