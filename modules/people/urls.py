from django.urls import path

from modules.people import views

app_name = "people"
urlpatterns = [
    path("", views.people_list, name="list"),
    path("add/", views.person_add, name="add"),
    path("<int:user_id>/", views.person_detail, name="detail"),
    path("<int:user_id>/role/", views.person_role, name="role"),
    path("<int:user_id>/end/", views.person_end, name="end"),
    path("<int:user_id>/password-reset/", views.person_password_reset, name="password-reset"),
]
