"""The group console creates an office as a background job (issue 8 goal 1, R-03): checked before it is
queued, run step by step by a worker, shown with its progress, never lost when the broker is down, and
visible to group administrators only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.permissions import OFFICE_DIRECTOR
from tenants import job_services
from tenants.job_services import office_job_create, office_job_run, office_jobs_resume
from tenants.models import Membership, OfficeJob, Tenant, User

pytestmark = pytest.mark.django_db
PAGE = "/admin/offices/jobs/{}/"
API = "/api/v1/catalog/offices/jobs/{}/"


def _job(slug="jobby", username="dir_jobby", **extra) -> tuple[OfficeJob, str]:
    values = {"slug": slug, "name": "任务管理处", "kind": "residential", "director_username": username,
              "director_display_name": "赵主任", "director_phone": "13800138000", "requested_by": None, **extra}
    return office_job_create(**values)


@pytest.fixture
def admin(world, client_for):
    return client_for(world.public, "group_admin")


def test_R03_job_runs_its_steps_and_makes_office_and_director(world):
    job, password = _job()
    assert job.status == OfficeJob.QUEUED and job.steps_done == 0 and password not in job.director_password
    job = office_job_run(job_id=job.pk)
    assert (job.status, job.steps_done, job.steps_total) == (OfficeJob.DONE, 3, 3)
    tenant = Tenant.objects.get(slug="jobby")
    user = User.objects.get(username="dir_jobby")
    assert job.tenant == tenant and user.display_name == "赵主任" and user.check_password(password)
    assert Membership.objects.get(user=user, tenant=tenant).role == OFFICE_DIRECTOR
    assert job.director_password == ""  # not even the hash is kept once done
    assert [e.status for e in job.events.all()] == ["queued", "running", "done"]


def test_R03_a_job_runs_once_however_many_messages(world):
    job, _ = _job(slug="once", username="dir_once")
    office_job_run(job_id=job.pk)
    assert office_job_run(job_id=job.pk) is None  # a late message, or beat's resume: nothing happens
    assert Tenant.objects.filter(slug="once").count() == 1


def test_R03_job_failing_at_run_time_records_the_error(world):
    job, _ = _job(slug="raced", username="dir_raced")
    from tenants.services import office_create

    office_create(slug="raced", name="抢先", kind="residential")  # taken after the job was queued
    job = office_job_run(job_id=job.pk)
    assert job.status == OfficeJob.FAILED and "raced" in job.error and job.steps_done == 0
    assert not User.objects.filter(username="dir_raced").exists()


@pytest.mark.parametrize("changes, field", [
    ({"slug": "alpha"}, "slug"), ({"slug": "hq"}, "slug"), ({"slug": "Bad"}, "slug"),
    ({"name": " "}, "name"), ({"kind": "castle"}, "kind"),
    ({"username": "alpha_office_director"}, "director_username"), ({"username": "a b"}, "director_username"),
    ({"director_display_name": ""}, "director_display_name"), ({"director_phone": "123"}, "director_phone"),
])
def test_R03_bad_input_is_refused_before_a_job_is_queued(world, changes, field):
    from core.errors import ValidationFailed

    before = OfficeJob.objects.count()
    with pytest.raises(ValidationFailed) as info:
        _job(**{"slug": "fine", "username": "dir_fine", **changes})
    assert field in info.value.fields and OfficeJob.objects.count() == before


def test_R03_a_slug_or_director_already_asked_for_is_refused(world):
    from core.errors import ValidationFailed

    _job(slug="pending", username="dir_pending")
    with pytest.raises(ValidationFailed) as info:
        _job(slug="pending", username="dir_other")
    assert "slug" in info.value.fields
    with pytest.raises(ValidationFailed) as info:
        _job(slug="pending2", username="dir_pending")
    assert "director_username" in info.value.fields


def test_R03_job_survives_a_broker_outage_and_beat_runs_it(world, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(job_services, "enqueue_on_commit", lambda *a, **k: None)  # the message is lost
    job, _ = _job(slug="lost", username="dir_lost")
    assert office_jobs_resume() == 0  # too young: its message may still come
    OfficeJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert office_jobs_resume() == 1
    assert OfficeJob.objects.get(pk=job.pk).status == OfficeJob.DONE
    assert Tenant.objects.filter(slug="lost").exists()


def test_R03_console_queues_and_the_page_shows_progress_then_link_and_password_once(
        world, admin, django_capture_on_commit_callbacks):
    form = {"slug": "webjob", "name": "网页管理处", "kind": "mall", "director_username": "dir_web",
            "director_display_name": "钱主任", "director_phone": ""}
    with django_capture_on_commit_callbacks(execute=False):  # queued, not yet run
        response = admin.post("/admin/offices/", form)
    job = OfficeJob.objects.get(slug="webjob")
    assert response.status_code == 302 and response["Location"] == PAGE.format(job.pk)
    assert not Tenant.objects.filter(slug="webjob").exists()  # nothing made inside the request
    page = admin.get(PAGE.format(job.pk)).content.decode()
    assert 'id="job-progress"' in page and "catalog/office_job.js" in page and API.format(job.pk) in page
    assert admin.get(API.format(job.pk)).json()["status"] == "queued"
    office_job_run(job_id=job.pk)
    body = admin.get(API.format(job.pk)).json()
    assert (body["status"], body["steps_done"], body["steps_total"]) == ("done", 3, 3)
    finished = admin.get(PAGE.format(job.pk)).content.decode()
    password = finished.split("<code>")[2].split("</code>")[0]
    assert "http://webjob.localhost" in finished and "dir_web" in finished
    assert User.objects.get(username="dir_web").check_password(password)
    assert password not in admin.get(PAGE.format(job.pk)).content.decode()  # shown once


def test_R03_offices_page_lists_recent_jobs_with_links(world, admin):
    job, _ = _job(slug="listed", username="dir_listed")
    page = admin.get("/admin/offices/").content.decode()
    assert 'id="office-jobs"' in page and PAGE.format(job.pk) in page


def test_R03_console_form_keeps_input_and_names_the_field(admin):
    response = admin.post("/admin/offices/", {"slug": "keep", "name": "保留输入", "kind": "mall",
                                              "director_username": "alpha_office_director",
                                              "director_display_name": "孙"})
    assert response.status_code == 200 and response.context["form"].errors["director_username"]
    assert 'value="保留输入"' in response.content.decode() and not OfficeJob.objects.filter(slug="keep").exists()


def test_R03_api_create_is_202_with_the_job_url_and_the_password_once(admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        response = admin.post("/api/v1/catalog/offices/", {
            "slug": "apijob", "name": "接口管理处", "director_username": "dir_apijob",
            "director_display_name": "周主任"}, content_type="application/json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["url"] == API.format(body["id"]) == response["Location"] and body["status"] == "queued"
    assert len(body["initial_password"]) >= 12
    assert "initial_password" not in admin.get(body["url"]).json()


@pytest.mark.parametrize("tenant_key, role", [("alpha", "office_director"), ("hq", "hq_agent")])
def test_R04_only_group_admins_see_jobs_or_create_offices(world, client_for, tenant_key, role):
    job, _ = _job(slug="secret", username="dir_secret")
    owner = getattr(world, tenant_key)
    apex_stranger = client_for(world.public, role, user_of=owner)
    assert apex_stranger.get(PAGE.format(job.pk)).status_code == 404
    assert apex_stranger.get(API.format(job.pk)).status_code in (403, 404)
    assert apex_stranger.post("/api/v1/catalog/offices/", {"slug": "nope", "name": "x"},
                              content_type="application/json").status_code in (403, 404)
    assert apex_stranger.post("/admin/offices/", {"slug": "nope"}).status_code == 404
    own_host = client_for(owner, role)
    assert own_host.get(PAGE.format(job.pk)).status_code == 404
    assert own_host.get(API.format(job.pk)).status_code == 404
    assert not OfficeJob.objects.filter(slug="nope").exists()


def test_R04_anonymous_is_sent_to_login_or_refused(world, client_for):
    job, _ = _job(slug="anon", username="dir_anon")
    anonymous = client_for(world.public)
    assert anonymous.get(PAGE.format(job.pk)).status_code == 302
    assert anonymous.get(API.format(job.pk)).status_code in (401, 403)


def test_R03_unknown_job_is_404(admin):
    assert admin.get(PAGE.format(999999)).status_code == 404
    assert admin.get(API.format(999999)).status_code == 404


def _running_since(job: OfficeJob, *, seconds_ago: float, steps: int = 0) -> None:
    """What a worker that died leaves: the job running, `steps` done, its last sign of life long ago."""
    moment = timezone.now() - timedelta(seconds=seconds_ago)
    OfficeJob.objects.filter(pk=job.pk).update(status=OfficeJob.RUNNING, started_at=moment, heartbeat_at=moment,
                                               steps_done=steps)


def test_R03_a_job_whose_worker_died_is_marked_failed_by_beat_with_the_reason_on_its_page(world, admin, settings):
    from tenants.tasks import office_jobs_resume as beat

    job, _ = _job(slug="orphan", username="dir_orphan")
    _running_since(job, seconds_ago=settings.OFFICE_JOB_STALL_AFTER - 30, steps=1)
    assert job_services.office_jobs_fail_stalled() == 0  # slow is not dead: still within the bound
    assert OfficeJob.objects.get(pk=job.pk).status == OfficeJob.RUNNING
    _running_since(job, seconds_ago=settings.OFFICE_JOB_STALL_AFTER + 30, steps=1)
    assert beat.apply().get() == {"failed": 1, "resumed": 0}  # the existing resume beat does it
    job.refresh_from_db()
    assert job.status == OfficeJob.FAILED and job.finished_at and job.director_password == ""
    assert "1/3" in job.error and not Tenant.objects.filter(slug="orphan").exists()  # not run again
    assert [(e.status, e.note) for e in job.events.all()][-1] == ("failed", job.error)
    page = admin.get(PAGE.format(job.pk)).content.decode()
    assert 'id="job-error"' in page and job.error in page
    assert admin.get(API.format(job.pk)).json()["status"] == "failed"
    assert job_services.office_jobs_fail_stalled() == 0  # once
    _job(slug="orphan", username="dir_orphan")  # slug and director may be asked for again


def test_R03_a_running_job_beats_at_every_step(world, monkeypatch):
    job, _ = _job(slug="beating", username="dir_beating")
    beats = []
    real = job_services.user_create

    def watched(**kwargs):
        beats.append(OfficeJob.objects.get(pk=job.pk).heartbeat_at)
        return real(**kwargs)

    monkeypatch.setattr(job_services, "user_create", watched)
    done = office_job_run(job_id=job.pk)
    assert done.status == OfficeJob.DONE and beats[0] is not None
    assert done.started_at <= beats[0] <= done.heartbeat_at


def test_R03_a_slow_worker_whose_job_was_declared_dead_stops_before_its_next_step(world, monkeypatch, settings):
    job, _ = _job(slug="sleepy", username="dir_sleepy")
    real = job_services.user_create

    def slow(**kwargs):  # while this step takes ages, beat declares the worker dead
        user = real(**kwargs)
        _running_since(job, seconds_ago=settings.OFFICE_JOB_STALL_AFTER + 1, steps=1)
        assert job_services.office_jobs_fail_stalled() == 1
        return user

    monkeypatch.setattr(job_services, "user_create", slow)
    result = office_job_run(job_id=job.pk)
    assert result.status == OfficeJob.FAILED and "1/3" in result.error
    assert not Membership.objects.filter(user__username="dir_sleepy").exists()  # the next step never ran
    assert [e.status for e in result.events.all()] == ["queued", "running", "failed"]
