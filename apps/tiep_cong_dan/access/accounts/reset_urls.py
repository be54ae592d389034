from django.urls import path

from .reset import ResetConfirmView

app_name = "tcd_password_reset"
urlpatterns = [
    path("<uidb64>/<token>/", ResetConfirmView.as_view(), name="confirm"),
]
