from django.urls import path

from modules.complaints.views import public

app_name = "complaints_public"
urlpatterns = [
    path("", public.submit_view, name="submit"),
    path("status/", public.status_view, name="status"),
]
