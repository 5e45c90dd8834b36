from django.urls import path

from modules.services import agreement_views, views

app_name = "services"
urlpatterns = [
    path("", views.home, name="home"),
    path("announce/", views.announce, name="announce"),
    path("offers/<int:item_id>/", views.offer, name="offer"),
    path("bookings/<int:pk>/", views.booking, name="booking"),
    path("agreements/", agreement_views.agreement_list, name="agreements"),
    path("agreements/<int:pk>/", agreement_views.agreement_detail, name="agreement"),
    path("proposals/", views.proposals, name="proposals"),
    path("day-sheet/", views.day_sheet, name="day_sheet"),
    path("figures/", views.figures, name="figures"),
    path("subcontractors/", views.subcontractors, name="subcontractors"),
]
