from django.urls import path

from api.residents import views

urlpatterns = [
    path("", views.ResidentListApi.as_view(), name="api-residents"),
]
