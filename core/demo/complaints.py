"""Demo complaints of one office, made through modules.complaints.services (C-01..C-16) and the
tenant bridge (C-10 collective escalation, C-16 head-office forwarding)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction

from core.clocks.engine import clock_run
from core.demo.base import ago, contact_of, households
from tenants.models import Tenant

COLLECTIVE = "地下车库B区积水严重，车辆无法进出，要求尽快排水并说明原因。"


def complaints_seed(office: Tenant, staff: dict) -> None:
    """Complaints in every state; skipped when this office already has demo complaints."""
    from modules.complaints.models import Complaint

    with transaction.atomic():
        if Complaint.objects.filter(idempotency_key__startswith="demo-").exists():
            return
        homes = households()
        _simple(staff, homes)
        _collective(office, staff, homes[10:15])
        _forwarded(office, staff)


def _register(staff: dict, key: str, home, *, content: str, channel: str = "phone", category: str = "other",
              hours_ago: float = 1, expectation: str = ""):
    from modules.complaints import services as s

    name, phone = contact_of(home)
    return s.complaint_register(
        user=staff["cs_staff"], channel=channel, content=content, complainant_name=name, complainant_phone=phone,
        household_id=home.pk, category=category, expectation=expectation, received_at=ago(hours=hours_ago),
        idempotency_key=f"demo-{key}")


def _simple(staff: dict, homes: list) -> None:
    from modules.complaints import services as s

    cs, duty = staff["cs_staff"], staff["duty_officer"]
    _register(staff, "new", homes[0], content="楼上装修每天早上七点就开始电钻，严重影响休息。", category="noise",
              hours_ago=0.5, expectation="要求装修按规定时间施工")
    c = _register(staff, "assigned", homes[1], content="单元门禁刷卡经常失灵，老人进出不便。",
                  category="facilities", hours_ago=2)
    s.complaint_assign(user=staff["cs_leader"], complaint_id=c.pk, assignee_id=duty.pk, note="请值班人员跟进")
    c = _register(staff, "valid", homes[2], content="电梯一周内停运三次，维修后仍有异响。", category="repairs",
                  hours_ago=0.75, channel="visit")
    s.complaint_classify(user=cs, complaint_id=c.pk, classification="valid", urgent=True, note="已通知电梯维保单位")
    c = _register(staff, "assisted", homes[3], content="小区东门外路灯连续多日不亮，夜间行走不安全。",
                  category="facilities", hours_ago=26)
    s.complaint_classify(user=cs, complaint_id=c.pk, classification="assisted", note="路灯属市政管理")
    s.complaint_referral_add(user=cs, complaint_id=c.pk, party_kind="government", party_name="区城市管理局",
                             text="我处收到业主反映东门外市政路灯损坏，请贵局尽快安排维修。")
    c = _register(staff, "invalid", homes[4], content="要求物业赔偿停在路边被树叶弄脏的私家车洗车费。",
                  category="other", hours_ago=8)
    s.complaint_classify(user=cs, complaint_id=c.pk, classification="invalid", note="车辆停在公共道路，非物业责任")
    c = _register(staff, "replied", homes[5], content="垃圾桶清运不及时，夏天异味大。", category="cleaning",
                  hours_ago=30)
    s.complaint_classify(user=cs, complaint_id=c.pk, classification="valid")
    s.complaint_reply(user=cs, complaint_id=c.pk, method="phone", opinion="已改为每日早晚各清运一次", satisfied=True)
    c = _register(staff, "closed", homes[6], content="绿化带杂草丛生，蚊虫多。", category="greening", hours_ago=50)
    s.complaint_classify(user=cs, complaint_id=c.pk, classification="valid")
    s.complaint_reply(user=cs, complaint_id=c.pk, method="phone", opinion="已修剪并喷药，业主表示满意", satisfied=True)
    s.complaint_close(user=staff["cs_supervisor"], complaint_id=c.pk, satisfied=True, note="回访满意")
    # C-17: registered a week ago and never classified: its first step is long overdue
    _register(staff, "overdue", homes[7], content="地下室公共照明坏了一半，多次反映无人处理。",
              category="facilities", hours_ago=24 * 7)
    c = _register(staff, "onspot", homes[8], content="前台饮水机没水，来访业主投诉。", channel="visit",
                  category="staff_attitude", hours_ago=0.5)
    s.complaint_handle_on_spot(user=cs, complaint_id=c.pk, solution="当场更换水桶并向业主致歉",
                               solved_at=c.received_at + timedelta(minutes=10))
    clock_run(name="complaints.step", now=ago(seconds=0))


def _collective(office: Tenant, staff: dict, homes: list) -> None:
    """C-10: five households about the same matter → collective, reported to the director, then the
    director notifies head office (the bridge creates the case in the hq inbox). The incident is named
    after the office: every demo office has one, and head office's inbox must not read as one case."""
    from modules.complaints import services as s

    incident = None
    for n, home in enumerate(homes):
        c = _register(staff, f"collective-{n}", home, content=COLLECTIVE, category="facilities",
                      hours_ago=4 - n * 0.5)
        incident = s.complaint_link_incident(user=staff["cs_staff"], complaint_id=c.pk,
                                             incident_id=incident.pk if incident else None,
                                             title=f"{office.name}地下车库积水")
    s.incident_report_director(user=staff["duty_officer"], incident_id=incident.pk, note="已电话报告主任")
    s.incident_notify_hq(user=staff["office_director"], incident_id=incident.pk, note="已安排抽水泵，请总部关注")


def _forwarded(office: Tenant, staff: dict) -> None:
    """C-16: head office took a hotline call about this office and forwarded it (tenants/bridge.py)."""
    from django_tenants.utils import schema_context

    from modules.hq import services as hq_services
    from tenants import bridge
    from tenants.models import User
    from tenants.selectors import hq_tenant

    hq = hq_tenant()
    agent = User.objects.filter(memberships__tenant=hq, memberships__role="hq_agent").order_by("pk").first()
    if hq is None or agent is None:
        return
    with schema_context(hq.schema_name):
        item = hq_services.hq_complaint_register(
            user=agent, channel="hotline", content=f"{office.name}物业前台服务态度差，电话多次无人接听。",
            complainant_name="孙先生", complainant_phone="13912345678", unit_text="2栋 302", received_at=ago(hours=6))
    bridge.hq_complaint_forward_to_office(hq_complaint_id=item.pk, office=office, by_user=agent)
