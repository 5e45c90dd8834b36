"""The only door between tenants (DESIGN.md "The only door between tenants").

Nothing else in the code base reads or writes another tenant's schema. Each operation here is ONE
database transaction that switches schema inside it (`schema_context`) and leaves the connection in
the caller's schema, whether it succeeds or fails; a failure on either side rolls back both sides.

Head office never reads an office schema live: the office pushes snapshots (escalation C-10/C-11,
sync, result C-16) and head office reads the HqCase/HqComplaint rows delivered here. Head office
pushes into an office only to forward a complaint (C-16) and to add an instruction (C-11: the complaint
center's, or the management representative's handling opinion when assigning a case, R-02)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from core.errors import NotFound, ValidationFailed
from tenants.models import Tenant


def _hq() -> Tenant:
    from tenants.selectors import hq_tenant

    hq = hq_tenant()
    if hq is None:
        raise NotFound("总部租户不存在。", code="hq_missing")
    return hq


def _office(office: Tenant) -> Tenant:
    if office is None or office.type != Tenant.OFFICE or not office.is_active:
        raise ValidationFailed("请选择一个管理处。", fields={"office": ["不是有效的管理处"]})
    return office


def _actor_name(user) -> str:
    return (getattr(user, "display_name", "") or getattr(user, "username", "") or "")[:64]


def _office_notify_forwarded(*, office: Tenant, number: str, content: str) -> None:
    """C-16: the office director and CS supervisor learn that head office forwarded a complaint."""
    from core.notifications.services import notification_send
    from core.permissions import CS_SUPERVISOR, OFFICE_DIRECTOR
    from tenants.models import User

    people = User.objects.filter(memberships__tenant=office, memberships__is_active=True, is_active=True,
                                 memberships__role__in=[OFFICE_DIRECTOR, CS_SUPERVISOR])
    notification_send(users=people, tenant=office, title=f"总部转办投诉 {number}", body=content[:500])


def complaint_escalate_to_hq(*, office: Tenant, snapshot: dict, reason: str, by_name: str) -> int:
    """C-10/C-11: the office director sends a complaint to the head-office complaint center.
    Creates (or refreshes) the case in the hq inbox and tells the hq agents; a collective case also
    goes to the deputy general manager (C-10: "notifies the deputy general manager and the head-office
    complaint center"). Returns the case id."""
    from modules.hq import services as hq_services

    office, hq = _office(office), _hq()
    with transaction.atomic(), schema_context(hq.schema_name):
        case = hq_services.case_receive(office=office, snapshot=snapshot, reason=reason, by_name=by_name)
        hq_services.case_notify_agents(case=case, hq=hq)
        if case.collective:
            hq_services.case_notify_deputy_gm(case=case, hq=hq)
        return case.pk


def complaint_sync_to_hq(*, office: Tenant, snapshot: dict) -> None:
    """The live status and timeline of an escalated case, and the office status of a complaint head
    office forwarded (C-16: its completion starts the result-report clock). Unknown complaints: no-op."""
    from modules.hq import services as hq_services

    office, hq = _office(office), _hq()
    with transaction.atomic():
        with schema_context(hq.schema_name):
            hq_services.case_sync(office=office, snapshot=snapshot)
            item = hq_services.hq_complaint_office_update(office=office, snapshot=snapshot)
        if item is not None and str(snapshot.get("hq_ref") or "").upper() != item.number.upper():
            _office_hq_ref_rename(office=office, old=str(snapshot["hq_ref"]), new=item.number)


def _office_hq_ref_rename(*, office: Tenant, old: str, new: str) -> int:
    """C-16: the office's copy names head office's complaint by its number (ZB-…), not "HQ-<id>"."""
    from modules.complaints.services import complaint_hq_ref_rename

    with schema_context(office.schema_name):
        return complaint_hq_ref_rename(old=old, new=new)


def hq_refs_renumber() -> int:
    """C-16, once after head office numbered its complaints (hq migration 0006): every office copy of a
    complaint forwarded before then ("HQ-<id>") is renamed to head office's number. Idempotent; returns
    how many office complaints were renamed."""
    from modules.hq.models import HqComplaint

    hq, renamed = _hq(), 0
    with schema_context(hq.schema_name):
        rows = list(HqComplaint.objects.exclude(office_id=None).order_by("office_id", "id")
                    .values_list("office_id", "pk", "number"))
    offices = {t.pk: t for t in Tenant.objects.filter(pk__in={r[0] for r in rows}, type=Tenant.OFFICE)}
    for office_id, pk, number in rows:
        if office_id in offices:
            with transaction.atomic():
                renamed += _office_hq_ref_rename(office=offices[office_id], old=f"HQ-{pk}", new=number)
    return renamed


def complaint_result_to_hq(*, office: Tenant, snapshot: dict, summary: str, by_name: str) -> None:
    """C-16: the office reports the result of a complaint head office forwarded (matched by hq_ref)."""
    from modules.hq import services as hq_services

    office, hq = _office(office), _hq()
    with transaction.atomic(), schema_context(hq.schema_name):
        hq_services.hq_complaint_result_record(office=office, snapshot=snapshot, summary=summary,
                                               by_name=by_name)
        if snapshot.get("office_complaint_id"):  # the same complaint may also be an escalated case
            hq_services.case_sync(office=office, snapshot=snapshot)


def hq_complaint_forward_to_office(*, hq_complaint_id: int, office: Tenant, by_user) -> str:
    """C-16: head office forwards a complaint it received to the office concerned. The office gets a
    complaint whose hq_ref is head office's own number (ZB-…); head office keeps the office's number.
    Returns that number."""
    from modules.complaints.services import complaint_register
    from modules.hq import services as hq_services

    office, hq = _office(office), _hq()
    by_name, now = _actor_name(by_user), timezone.now()
    with transaction.atomic():
        with schema_context(hq.schema_name):
            item = hq_services.hq_complaint_forward_check(complaint_id=hq_complaint_id)
            fields = hq_services.hq_complaint_office_fields(complaint=item, at=now)
        with schema_context(office.schema_name):
            office_complaint = complaint_register(user=by_user, **fields)
            office_id, office_number = office_complaint.pk, office_complaint.number
            hours = office_complaint.sla["hq_result_report_hours"]  # S-08: frozen at forwarding
            _office_notify_forwarded(office=office, number=office_number, content=fields["content"])
        with schema_context(hq.schema_name):
            hq_services.hq_complaint_forwarded_record(
                complaint_id=hq_complaint_id, office=office, office_complaint_id=office_id,
                office_number=office_number, by_name=by_name, result_report_hours=hours, at=now)
    return office_number


def hq_instruction_to_office(*, case_id: int, text: str, by_user) -> None:
    """C-11: an instruction of the complaint center on an escalated case, kept in the hq timeline and
    added to the office's own timeline (event kind "hq_instruction")."""
    from modules.complaints.services import complaint_hq_instruction_add
    from modules.hq import services as hq_services

    hq, by_name = _hq(), _actor_name(by_user)
    with transaction.atomic():
        with schema_context(hq.schema_name):
            case = hq_services.case_instruction_record(case_id=case_id, text=text, by_name=by_name)
            office = Tenant.objects.filter(pk=case.office_id, type=Tenant.OFFICE).first()
        if office is None:
            raise NotFound("该管理处已不存在。", code="office_missing")
        with schema_context(office.schema_name):
            complaint_hq_instruction_add(complaint_id=case.office_complaint_id, text=text.strip(),
                                         author_name=by_name)


def hq_case_assign(*, case_id: int, assignee_id: int, opinion: str, by_user) -> None:
    """C-11/R-02 (seed 003 §5.1): the management representative gives the handling opinion on a case the
    office could not resolve and assigns it to a quality-department manager. The hq timeline records the
    assignment; the office's timeline gets the opinion as a head-office instruction."""
    from modules.complaints.services import complaint_hq_instruction_add
    from modules.hq import selectors as hq_selectors
    from modules.hq import services as hq_services

    hq, by_name = _hq(), _actor_name(by_user)
    assignee = hq_selectors.quality_manager_get(hq=hq, user_id=assignee_id)
    if assignee is None:
        raise ValidationFailed("请选择品质管理部经理。", fields={"assignee_id": ["须是总部品质管理部经理"]})
    with transaction.atomic():
        with schema_context(hq.schema_name):
            case = hq_services.case_assign_record(case_id=case_id, assignee=assignee, opinion=opinion,
                                                  by_name=by_name)
            hq_services.case_notify_assignee(case=case, assignee=assignee, hq=hq)
            office = Tenant.objects.filter(pk=case.office_id, type=Tenant.OFFICE).first()
        if office is None:
            raise NotFound("该管理处已不存在。", code="office_missing")
        with schema_context(office.schema_name):
            complaint_hq_instruction_add(complaint_id=case.office_complaint_id, author_name=by_name,
                                         text=f"管理者代表处理意见：{opinion.strip()}（指派品质管理部经理"
                                              f"{case.assignee_name}跟进）")


def figures_push(*, office: Tenant, period, figures: dict[str, list[tuple[str, object]]]) -> int:
    """DESIGN.md "Figures head office sees": an office's figures for one month (`period`, the first day),
    computed in its own schema (core/figures), stored at head office in one transaction; each figure named
    replaces what the office pushed for it before. Returns the rows stored."""
    from modules.hq.services.figures import figures_store

    office, hq = _office(office), _hq()
    with transaction.atomic(), schema_context(hq.schema_name):
        return figures_store(office_id=office.pk, period=period.replace(day=1), figures=figures)


def survey_counts_to_hq(*, office: Tenant, wave_id: int, counts: dict, counted_at) -> None:
    """V-03, V-04: an office pushes its counts of a survey wave (respondents, per question and option,
    the graded answers of the rated questions) into head office's table. Answers never leave the office."""
    from modules.surveys.hq.services import office_result_receive

    office, hq = _office(office), _hq()
    with transaction.atomic(), schema_context(hq.schema_name):
        office_result_receive(office=office, wave_id=wave_id, counts=counts, counted_at=counted_at)


def survey_summary_publish(*, wave_id: int, title: str, body: str, by_user) -> int:
    """V-03, F-06: head office publishes a wave's summary to the residents of every office of the wave, as
    a notice on each office's board (published now, shown for `surveys.summary_notice_days`). All offices
    or none. Returns how many boards got it."""
    from datetime import timedelta

    from modules.catalog.selectors import setting_value
    from modules.frontdesk.services.notices import NoticeInput, notice_create, notice_publish
    from modules.surveys.group.services import wave_publish_record

    now = timezone.now()
    days = int(setting_value("surveys.summary_notice_days", at=now))
    with transaction.atomic():
        wave, offices = wave_publish_record(user=by_user, wave_id=wave_id, title=title, body=body)
        for office in offices:
            with schema_context(office.schema_name):
                notice = notice_create(user=by_user, data=NoticeInput(
                    kind="other", title=wave.summary_title, body=wave.summary_body, starts_at=now + timedelta(seconds=1),
                    ends_at=now + timedelta(days=days), all_buildings=True))
                notice_publish(notice_id=notice.pk, user=by_user, publish_at=now)
    return len(offices)


def monthly_report_expect(*, month, offices) -> int:
    """C-18: head office learns which offices owe a report for `month` (the active offices when the month's
    drafting beat runs on the 1st): one expectation each, made once, with its due time; the `reports.late`
    clock at head office watches them. Returns how many offices are expected that month."""
    from modules.reports.hq.services import expectations_ensure

    hq = _hq()
    rows = [(o.pk, o.slug, o.name) for o in offices if o.type == Tenant.OFFICE and o.is_active]
    with transaction.atomic(), schema_context(hq.schema_name):
        return expectations_ensure(month=month, offices=rows)


def monthly_report_submit(*, office: Tenant, month, version: int, snapshot: dict, by_name: str) -> int:
    """C-18: an office's monthly complaint report, frozen at head office as `version` (a correction is the
    next version; the earlier ones are kept as they were). Called inside the office's submit transaction:
    both sides are written, or neither. Returns head office's id of the version."""
    from modules.reports.hq.services import report_receive

    office, hq = _office(office), _hq()
    with transaction.atomic(), schema_context(hq.schema_name):
        return report_receive(office=office, month=month, version=version, snapshot=snapshot,
                              by_name=by_name).pk
