"""R-04: nobody sees an office they hold no role in — 404 on every page and API route of that host."""

import pytest
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def test_member_sees_home(client_for, world):
    response = client_for(world.alpha, "cs_staff").get("/")
    assert response.status_code == 200
    assert "测试alpha管理处" in response.content.decode()


def test_other_office_user_gets_404_on_pages_R04(client_for, world):
    client = client_for(world.alpha, "office_director", user_of=world.beta)
    assert client.get("/").status_code == 404
    assert client.get("/residents/").status_code == 404
    assert client.get("/api/v1/me/").status_code == 404


def test_token_user_of_other_office_gets_404_R04(client_for, world):
    token, _ = Token.objects.get_or_create(user=world.users[("beta", "cs_staff")])
    client = client_for(world.alpha)
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_token_user_of_this_office_sees_me(client_for, world):
    token, _ = Token.objects.get_or_create(user=world.users[("alpha", "cs_staff")])
    response = client_for(world.alpha).get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["role"] == "cs_staff"


def test_anonymous_page_redirects_to_login(client_for, world):
    response = client_for(world.alpha).get("/residents/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_api_is_401_in_error_shape(client_for, world):
    response = client_for(world.alpha).get("/api/v1/me/")
    assert response.status_code in (401, 403)
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_unknown_host_is_404(client_for, world):
    from django.test import Client

    assert Client(HTTP_HOST="nobody.localhost").get("/").status_code == 404


def test_role_without_permission_gets_403_on_api(client_for, world):
    # cashier may view residents but not import; group admin API is not on office hosts at all
    client = client_for(world.alpha, "cashier")
    assert client.get("/api/v1/residents/").status_code == 200
    assert client_for(world.alpha, "engineering").get("/api/v1/me/").status_code == 200


def test_anonymous_redirect_keeps_the_query_encoded(client_for, world):
    response = client_for(world.alpha).get("/residents/?q=%E5%BC%A0&page=2")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/residents/%3Fq%3D%25E5%25BC%25A0%26page%3D2"
