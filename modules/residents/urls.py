from django.urls import path

from modules.residents import views

app_name = "residents"
urlpatterns = [
    path("", views.resident_list_view, name="list"),
    path("<int:pk>/", views.resident_detail_view, name="detail"),
]
