"""Demo front desk of one office (F-01..F-06), through modules.frontdesk.services: the call/visit
register, work orders in every state, missed calls, visitors (office towers), an inspection round with
findings, current and expired notices."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction

from core.demo.base import ago, at_local, contact_of, households, local_now

CONTACTS = [  # channel, request_type, outcome, request, department / answer
    ("phone", "inquiry", "answered", "询问小区游泳池开放时间", "每日 9:00-21:00，周一闭馆清洁"),
    ("visit", "repair", "workorder", "厨房下水道堵塞，请派人疏通", "engineering"),
    ("phone", "booking", "service", "预约周六上门清洗空调", ""),
    ("visit", "complaint", "complaint", "隔壁住户在楼道堆放杂物，影响通行", ""),
    ("phone", "fees", "answered", "咨询物业费发票开具", "可在前台开具电子发票"),
]
ORDERS = [  # department, content, location, actions (accept/done/verify/cancel)
    ("engineering", "2单元楼道灯不亮，需更换灯管", "2栋2单元", ()),
    ("cleaning", "大堂地面有油渍，需清洁", "1栋大堂", ("accept",)),
    ("greening", "中心花园树枝遮挡路灯，需修剪", "中心花园", ("accept", "done")),
    ("security", "北门道闸抬杆故障，需人工值守", "北门", ("accept", "done", "verify")),
    ("engineering", "业主已自行修好水龙头，取消维修", "3栋 101", ("cancel",)),
]


def frontdesk_seed(office, staff: dict) -> None:
    """Skipped when the office already has front-desk records."""
    from modules.frontdesk.models import MissedCall

    with transaction.atomic():
        if MissedCall.objects.exists():
            return
        _contacts(staff)
        _orders(staff)
        _missed_calls(staff)
        if office.kind == "office_tower":
            _visitors(staff)
        _inspection(staff)
        _notices(staff)


def _contacts(staff: dict) -> None:
    from modules.frontdesk.services.contacts import ContactInput, contact_register

    homes = households()[20:]
    for n, (channel, rtype, outcome, request, extra) in enumerate(CONTACTS):
        home = homes[n % len(homes)]
        name, phone = contact_of(home)
        contact_register(user=staff["cs_staff"], data=ContactInput(
            channel=channel, name=name, phone=phone, request=request, request_type=rtype, outcome=outcome,
            household_id=home.pk, received_at=ago(hours=2 + 3 * n),
            answer=extra if outcome == "answered" else "", department=extra if outcome == "workorder" else ""))


def _orders(staff: dict) -> None:
    from modules.frontdesk.services.workorders import workorder_dispatch, workorder_transition

    front = staff["cs_staff"]
    for n, (department, content, location, actions) in enumerate(ORDERS):
        order = workorder_dispatch(user=front, department=department, content=content, location=location,
                                   dispatched_at=ago(hours=1 + 5 * n))
        for action in actions:
            front_action = action in ("verify", "cancel")
            user, role = (front, "cs_staff") if front_action else (staff[department], department)
            workorder_transition(work_order_id=order.pk, action=action, user=user, role=role,
                                 note="业主来电取消" if action == "cancel" else "",
                                 result="已处理完毕" if action == "done" else "")


def _missed_calls(staff: dict) -> None:
    from modules.frontdesk.services.desk import missed_call_callback, missed_call_record

    calls = [missed_call_record(user=staff["duty_officer"], phone=phone, missed_at=ago(minutes=minutes))
             for phone, minutes in (("13712340001", 25), ("075588881234", 70), ("13612345678", 200))]
    missed_call_callback(missed_call_id=calls[2].pk, user=staff["cs_staff"], reached=True,
                         result="业主询问停水时间，已告知")
    missed_call_callback(missed_call_id=calls[1].pk, user=staff["cs_staff"], reached=False, result="无人接听")


def _visitors(staff: dict) -> None:
    from modules.frontdesk.services.desk import visitor_check_in, visitor_check_out
    from modules.residents.models import Building

    building = Building.objects.order_by("sort_key").first()
    visits = [("周明", "顺丰速运", "13800138001", "送快递", 15), ("林晓", "华信科技有限公司", "13900139002", "商务洽谈", 50),
              ("郭强", "恒通贸易有限公司", "13700137003", "面试", 120)]
    for name, company, phone, purpose, minutes in visits:
        visitor = visitor_check_in(user=staff["security"] if "security" in staff else staff["cs_staff"], name=name,
                                   company=company, phone=phone, building_id=building.pk if building else None,
                                   purpose=purpose, time_in=ago(minutes=minutes))
        if minutes > 100:
            visitor_check_out(visitor_id=visitor.pk, user=staff["cs_staff"])


def _inspection(staff: dict) -> None:
    from modules.frontdesk.services import inspections as ins

    round_ = ins.inspection_start(user=staff["cs_leader"], area="公共区域（大堂、电梯厅、中心花园）",
                                  started_at=ago(hours=2))
    ins.inspection_finding_add(round_id=round_.pk, user=staff["cs_leader"], category="facilities",
                               description="电梯厅消防指示灯不亮", department="engineering", location="1栋电梯厅")
    ins.inspection_finding_add(round_id=round_.pk, user=staff["cs_leader"], category="illegal_adverts",
                               description="单元门上有违规小广告", department="cleaning", location="2栋单元门")
    ins.inspection_submit(round_id=round_.pk, user=staff["cs_leader"], issues=["stale_notices"],
                          note="过期的停水通知已撕除")
    ins.inspection_start(user=staff["cs_staff"], area="地下车库", started_at=ago(minutes=20))


def _notices(staff: dict) -> None:
    """Two current (one coming tomorrow, one running), two expired; each published before its start."""
    from modules.frontdesk.services.notices import NoticeInput, notice_create, notice_publish

    today = local_now().date()
    rows = [  # kind, title, body, (start day, hour), (end day, hour), published days before the start
        ("water_cut", "二次供水水箱清洗停水通知", "因二次供水水箱清洗，届时全小区停水，请提前储水。", (1, 8), (1, 18), 2),
        ("event", "社区亲子运动会报名", "本周末在中心花园举行亲子运动会，欢迎到前台报名参加。", (-1, 9), (4, 17), 2),
        ("spraying", "小区绿化消杀通知", "绿化带喷洒药物，请看管好儿童和宠物。", (-10, 8), (-10, 12), 2),
        ("power_cut", "配电房检修停电通知", "配电房年度检修，地下车库照明暂停。", (-20, 9), (-20, 15), 3),
    ]
    for kind, title, body, (start_day, start_hour), (end_day, end_hour), before in rows:
        starts_at = at_local(today + timedelta(days=start_day), start_hour)
        notice = notice_create(user=staff["cs_staff"], data=NoticeInput(
            kind=kind, title=title, body=body, starts_at=starts_at,
            ends_at=at_local(today + timedelta(days=end_day), end_hour), all_buildings=True))
        notice_publish(notice_id=notice.pk, user=staff["cs_staff"],
                       publish_at=min(ago(minutes=30), starts_at - timedelta(days=before)))
