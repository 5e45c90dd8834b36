from django.urls import path

from modules.catalog import views

app_name = "catalog"
urlpatterns = [
    path("offices/", views.offices, name="offices"),
    path("settings/", views.settings_page, name="settings"),
    path("calendar/", views.calendar, name="calendar"),
]
