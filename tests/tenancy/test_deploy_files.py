"""deploy/ (Docker is not available here): the files exist and say what DESIGN.md and SCALING.md
require. yaml is not installed, so compose.yaml is checked with simple text checks."""

import re
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _services(compose: str) -> set[str]:
    block = compose.split("\nservices:\n", 1)[1].split("\nvolumes:\n", 1)[0]
    return set(re.findall(r"^  ([a-z][a-z0-9_-]*):\s*$", block, re.M))


def test_compose_has_every_service():
    compose = (DEPLOY / "compose.yaml").read_text()
    assert {"postgres", "redis", "web", "worker", "beat", "nginx"} <= _services(compose)
    assert "image: postgres:15" in compose and "image: redis:7" in compose
    assert "gunicorn" in compose and "celery" in compose


def test_nginx_wildcard_and_apex_pass_the_host_and_serve_no_media():
    nginx = (DEPLOY / "nginx.conf").read_text()
    assert r"~^(?<sub>.+)\.example\.com$" in nginx
    assert re.search(r"server_name example\.com ", nginx)
    assert "proxy_set_header Host $host;" in nginx
    assert "location /static/" in nginx
    directives = "\n".join(line.split("#", 1)[0] for line in nginx.splitlines())
    assert "media" not in directives  # uploads only through the membership-checked view


def test_dockerfile_and_gunicorn_config():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    assert "pip install ." in dockerfile and "collectstatic" in dockerfile and "gunicorn" in dockerfile
    conf = (DEPLOY / "gunicorn.conf.py").read_text()
    compile(conf, "gunicorn.conf.py", "exec")
    assert "uvicorn" not in conf and "gevent" not in conf  # WSGI only (SCALING.md)


def test_env_example_has_placeholders_only():
    env = dict(line.split("=", 1) for line in (DEPLOY / ".env.example").read_text().splitlines()
               if line and not line.startswith("#"))
    assert env["SECRET_KEY"].startswith("change-me")
    assert "change-me" in env["POSTGRES_PASSWORD"]
    assert env["DJANGO_SETTINGS_MODULE"] == "core.settings.production"


def test_scaling_warns_against_transaction_pooling_and_async():
    scaling = (DEPLOY / "SCALING.md").read_text()
    assert "transaction-mode pooler" in scaling and "search_path" in scaling
    assert "CONN_MAX_AGE" in scaling and "Async views" in scaling
