from django.urls import path

from modules.services import views

app_name = "services"
urlpatterns = [
    path("", views.home, name="home"),
    path("offers/<int:item_id>/", views.offer, name="offer"),
    path("bookings/<int:pk>/", views.booking, name="booking"),
    path("proposals/", views.proposals, name="proposals"),
    path("day-sheet/", views.day_sheet, name="day_sheet"),
    path("figures/", views.figures, name="figures"),
    path("subcontractors/", views.subcontractors, name="subcontractors"),
]
