from django.urls import path

from modules.frontdesk.views import public

app_name = "notices_public"
urlpatterns = [
    path("", public.board, name="board"),
]
