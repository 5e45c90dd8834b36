from django.urls import path

from modules.hq import views

app_name = "hq"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("cases/<int:pk>/", views.case, name="case"),
    path("cases/<int:pk>/instruct/", views.case_instruct, name="instruct"),
    path("cases/<int:pk>/assign/", views.case_assign, name="assign"),
    path("register/", views.register, name="register"),
    path("complaints/", views.complaints, name="complaints"),
    path("complaints/<int:pk>/", views.complaint, name="complaint"),
    path("complaints/<int:pk>/forward/", views.complaint_forward, name="forward"),
    path("complaints/<int:pk>/follow-up/", views.complaint_follow_up, name="follow_up"),
]
