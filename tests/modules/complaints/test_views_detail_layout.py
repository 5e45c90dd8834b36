"""Issue 9 §3.5 on the complaint page: the next step's form first and open, the other actions folded
under it; no classification chosen beforehand; no rule id in any text a staff page shows."""

import base64
import re

import pytest

from modules.complaints import services
from tests.modules.complaints.factories import household_make, register

pytestmark = pytest.mark.django_db

RULE_ID = re.compile(r"(?<![A-Za-z0-9])[A-Z]-\d\d(?!\d)")  # C-03, V-05, … (not TS-2026-000001)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
SIGNATURE = "data:image/png;base64," + base64.b64encode(PNG).decode()


def _post(client, pk, action, **fields):
    return client.post(f"/complaints/{pk}/do/{action}/", {f"{action}-{k}": v for k, v in fields.items()})


def _primary(body: str) -> str:
    found = re.search(r'<section class="primary-action" id="action-([a-z_]+)"', body)
    return found.group(1) if found else ""


def _folded(body: str) -> str:
    start = body.find('<details class="more-actions"')
    return body[start:body.find("</details>\n</div>", start)] if start >= 0 else ""


@pytest.fixture
def complaint(world, in_tenant):
    with in_tenant(world.alpha):
        return register(world.users[("alpha", "cs_staff")], content="电梯异响")


def test_next_step_form_is_first_and_open_the_rest_folded_C17(client_for, world, complaint):
    client = client_for(world.alpha, "cs_staff")
    body = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert _primary(body) == "classify"
    primary = body[body.index('<section class="primary-action"'):body.index("</section>")]
    assert 'class="primary"' in primary  # its submit button is the obvious one
    folded = _folded(body)
    assert 'id="action-assign"' in folded and 'id="action-note"' in folded
    assert 'id="action-classify"' not in folded
    assert body.index('class="primary-action"') < body.index('class="more-actions"')
    assert _post(client, complaint.pk, "classify", classification="valid").status_code == 302
    body = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert _primary(body) == "reply"
    assert 'id="action-classify"' in _folded(body)  # a correction stays possible, folded


def test_closed_complaint_has_no_primary_and_its_actions_unfolded(client_for, world, in_tenant, complaint):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone", satisfied=True)
        services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)
    body = client_for(world.alpha, "cs_staff").get(f"/complaints/{complaint.pk}/").content.decode()
    assert _primary(body) == ""
    assert '<details class="more-actions" open>' in body and 'id="action-note"' in body


def test_classification_is_not_chosen_beforehand_C05(client_for, world, complaint):
    client = client_for(world.alpha, "cs_staff")
    body = client.get(f"/complaints/{complaint.pk}/").content.decode()
    radios = re.findall(r'<input type="radio" name="classify-classification"[^>]*>', body)
    assert len(radios) == 3 and not any("checked" in radio for radio in radios)


def test_classify_without_a_choice_is_an_error_on_the_field_C05(client_for, world, in_tenant, complaint):
    from modules.complaints.models import Complaint

    response = _post(client_for(world.alpha, "cs_staff"), complaint.pk, "classify", note="看过现场")
    assert response.status_code == 200
    form = dict((a.name, f) for a, f in response.context["action_forms"])["classify"]
    assert "classification" in form.errors and "请选择分类" in response.content.decode()
    assert 'value="看过现场"' in response.content.decode()  # what was typed is kept
    with in_tenant(world.alpha):
        assert Complaint.objects.get(pk=complaint.pk).status == "registered"


def _pages(world, in_tenant, client) -> dict[str, str]:
    """Every complaint page a staff member opens, in the states that show the most text: a new complaint,
    a classified one, a written one with a reply refused, a collective one, an incident, the lists."""
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        fresh = register(staff, content="楼道灯坏了")
        written = register(staff, channel="letter", content="来信投诉")
        services.complaint_classify(user=staff, complaint_id=written.pk, classification="assisted")
        on_spot = register(staff, content="当场处理")
        services.complaint_handle_on_spot(user=staff, complaint_id=on_spot.pk, solution="已处理")
        members = [register(staff, household_id=household_make(building="规则楼").pk, content="停水")
                   for _ in range(5)]
        incident = services.complaint_link_incident(user=staff, complaint_id=members[0].pk, title="规则楼停水")
        for member in members[1:]:
            services.complaint_link_incident(user=staff, complaint_id=member.pk, incident_id=incident.pk)
        services.complaint_referral_add(user=staff, complaint_id=written.pk, party_kind="developer",
                                        party_name="某发展商", text="请处理")
        referral = written.referrals.get()
    pages = {
        "queue": client.get("/complaints/"), "register": client.get("/complaints/new/"),
        "incidents": client.get("/complaints/incidents/"),
        "incident": client.get(f"/complaints/incidents/{incident.pk}/"),
        "spot-checks": client.get("/complaints/spot-checks/"),
        "fresh": client.get(f"/complaints/{fresh.pk}/"), "written": client.get(f"/complaints/{written.pk}/"),
        "on-spot": client.get(f"/complaints/{on_spot.pk}/"),
        "collective": client.get(f"/complaints/{members[0].pk}/"),
        "referral-print": client.get(f"/complaints/{written.pk}/referrals/{referral.pk}/print/"),
        # refusals: the services' messages as the page shows them
        "refused-reply": _post(client, written.pk, "reply", method="phone", satisfied="true"),
        "refused-incident-reply": client.post(f"/complaints/incidents/{incident.pk}/do/reply/",
                                              {"reply-signature_data_url": SIGNATURE}),
        "refused-classify": _post(client, fresh.pk, "classify"),
    }
    return {name: response for name, response in pages.items()}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_no_rule_id_in_any_complaint_page(client_for, world, in_tenant, settings, language):
    """Rule ids belong to the code and the docs, never to the text staff read (issue 9 §3.5)."""
    client = client_for(world.alpha, "office_director")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for name, response in _pages(world, in_tenant, client).items():
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "print" in name or f'lang="{language}"' in html
        assert not RULE_ID.findall(html), (name, RULE_ID.findall(html))


def test_rule_id_pattern_catches_what_was_shown_before():
    assert RULE_ID.findall("C-03：当场解决") == ["C-03"]
    assert RULE_ID.findall("集体投诉须上门拜访回复（C-12）。多户C-10多") == ["C-12", "C-10"]
    assert RULE_ID.findall("TS-2026-000123 ZB-2026-000001") == []


def test_no_rule_id_in_form_labels_help_texts_and_hints():
    from modules.complaints import forms
    from modules.complaints.views.actions import ACTIONS
    from modules.complaints.views.incidents import INCIDENT_ACTIONS

    texts = [str(t) for a in ACTIONS for t in (a.label, a.hint, a.confirm)]
    texts += [str(label) for label, *_rest in INCIDENT_ACTIONS.values()]
    for form_class in [getattr(forms, n) for n in dir(forms) if n.endswith("Form")]:
        if isinstance(form_class, type) and issubclass(form_class, forms.forms.Form):
            for field in form_class.base_fields.values():
                texts += [str(field.label or ""), str(field.help_text or "")]
                texts += [str(m) for m in field.error_messages.values()]
    from modules.complaints.rules import PRECONDITIONS

    texts += [rule.message for rules in PRECONDITIONS.values() for rule in rules]
    assert not [t for t in texts if RULE_ID.search(t)]
