"""The monthly complaint report API (C-18): the director's report on the office host, head office's months,
versions and consolidated figures; roles, bounded input and isolation."""

import pytest
from django_tenants.utils import schema_context

from tests.modules.reports.factories import MONTH, drafted, submitted

pytestmark = pytest.mark.django_db


def test_c18_director_writes_picks_and_submits_through_the_api(client_for, world):
    from modules.reports.hq.models import SubmittedReport
    from tests.modules.complaints.factories import register
    from tests.modules.reports.factories import at

    report = drafted(world)
    with schema_context(world.alpha.schema_name):
        case = register(world.users[("alpha", "cs_staff")], received_at=at(6))
    api = client_for(world.alpha, "office_director")
    base = f"/api/v1/reports/{report.pk}/"
    assert api.get("/api/v1/reports/").json()["results"][0]["month"] == "2026-10-01"
    r = api.patch(base, {"summary": "十月综述", "measures": "加强巡查"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["summary"] == "十月综述"
    r = api.post(base + "notable/", {"complaint_ids": [case.pk]}, content_type="application/json")
    assert r.json()["notable_ids"] == [case.pk]
    r = api.post(base + "submit/")
    assert r.status_code == 200 and (r.json()["status"], r.json()["version"]) == ("submitted", 1)
    with schema_context(world.hq.schema_name):
        frozen = SubmittedReport.objects.get(office_id=world.alpha.pk, month=MONTH)
        assert frozen.snapshot["notable"][0]["number"] == case.number
    r = api.post(base + "correct/", {"reason": "补充典型案例"}, content_type="application/json")
    assert r.json()["status"] == "correcting"
    assert api.post(base + "submit/").json()["version"] == 2


def test_c18_wrong_role_is_403(client_for, world):
    report = drafted(world)
    base = f"/api/v1/reports/{report.pk}/"
    supervisor = client_for(world.alpha, "cs_supervisor")  # reads, never submits
    assert supervisor.get(base).status_code == 200
    assert supervisor.patch(base, {"summary": "x"}, content_type="application/json").status_code == 403
    assert supervisor.post(base + "submit/").status_code == 403
    assert client_for(world.alpha, "cs_staff").get("/api/v1/reports/").status_code == 403
    assert client_for(world.hq, "hq_agent").get("/api/v1/reports/").status_code == 403


def test_c18_bad_input_is_400_naming_the_field(client_for, world):
    report = drafted(world)
    api = client_for(world.alpha, "office_director")
    base = f"/api/v1/reports/{report.pk}/"
    r = api.patch(base, {"summary": "长" * 2001}, content_type="application/json")
    assert r.status_code == 400 and "summary" in r.json()["error"]["fields"]
    r = api.post(base + "notable/", {"complaint_ids": list(range(1, 12))}, content_type="application/json")
    assert r.status_code == 400 and "complaint_ids" in r.json()["error"]["fields"]
    r = api.post(base + "notable/", {"complaint_ids": [987654321]}, content_type="application/json")
    assert r.status_code == 400 and "complaint_ids" in r.json()["error"]["fields"]
    r = api.post(base + "correct/", {"reason": ""}, content_type="application/json")
    assert r.status_code == 400 and "reason" in r.json()["error"]["fields"]
    r = api.post(base + "submit/")  # no summary yet
    assert r.status_code == 400 and "summary" in r.json()["error"]["fields"]
    hq = client_for(world.hq, "hq_quality_manager")
    r = hq.get("/api/v1/reports/?month=2026-13")
    assert r.status_code == 400 and "month" in r.json()["error"]["fields"]


def test_c18_isolation_office_b_report_is_404_for_office_a(client_for, world):
    beta_report = drafted(world, world.beta)
    drafted(world)
    alpha_director_on_beta = client_for(world.beta, "office_director", user_of=world.alpha)
    for path in (f"/api/v1/reports/{beta_report.pk}/", f"/reports/{beta_report.pk}/",
                 f"/reports/{beta_report.pk}/print/"):
        assert alpha_director_on_beta.get(path).status_code == 404, path
    assert client_for(world.alpha, "office_director").get("/api/v1/reports/999999/").status_code == 404


def test_c18_isolation_office_users_get_404_on_head_office_reports(client_for, world):
    hq_id = submitted(world)
    office_on_hq = client_for(world.hq, "office_director", user_of=world.alpha)
    for path in ("/reports/", "/reports/consolidated/", "/reports/consolidated/offices/",
                 "/reports/consolidated.xlsx", "/api/v1/reports/",
                 "/api/v1/reports/consolidated/", f"/api/v1/reports/submitted/{hq_id.pk}/"):
        assert office_on_hq.get(path).status_code == 404, path


def test_c18_head_office_sees_months_versions_and_consolidated(client_for, world):
    from modules.reports.hq.models import SubmittedReport

    submitted(world)
    hq = client_for(world.hq, "hq_quality_manager")
    rows = hq.get("/api/v1/reports/?month=2026-10").json()["results"]
    alpha = next(r for r in rows if r["office_id"] == world.alpha.pk)
    assert (alpha["status"], alpha["version"]) == ("submitted", 1)
    with schema_context(world.hq.schema_name):
        pk = SubmittedReport.objects.get(office_id=world.alpha.pk, month=MONTH).pk
    assert hq.get(f"/api/v1/reports/submitted/{pk}/").json()["snapshot"]["month"] == "2026-10"
    data = hq.get("/api/v1/reports/consolidated/?month=2026-10").json()
    assert data["counts"]["submitted"] >= 1 and "on_time" in data["rates"]
