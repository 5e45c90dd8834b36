from django.urls import path

from modules.people import office

app_name = "office"
urlpatterns = [
    path("", office.office_profile, name="profile"),  # C-01: the duty phone the public pages publish
]
