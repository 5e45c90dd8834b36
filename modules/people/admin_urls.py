from django.urls import path

from modules.people import admin_views

app_name = "people-admin"
urlpatterns = [
    path("", admin_views.group_people, name="list"),
    path("<int:user_id>/", admin_views.group_person, name="detail"),
    path("<int:user_id>/lock/", admin_views.group_person_lock, name="lock"),
    path("<int:user_id>/unlock/", admin_views.group_person_unlock, name="unlock"),
    path("<int:user_id>/password-reset/", admin_views.group_person_password_reset, name="password-reset"),
]
