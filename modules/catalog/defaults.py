"""Defaults of every group setting, each citing the rule it comes from (DESIGN.md convention 4).

A key's value is read with `modules.catalog.selectors.setting_value(key, at=...)`; group
administrators override it from a date on (S-08). Units are in the key name."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DEFAULTS: dict[str, dict] = {
    # special services: the internal cost of one labour hour, for an item's monthly cost (S-06)
    # a subcontractor whose average evaluation (1..5) falls below this is flagged for review (S-04)
    "service.subcontractor_review_below": {"rule": "S-04", "label": _("分包方平均评分低于此值须复评"), "value": 3.0},
    "service.internal_hourly_cost_yuan": {"rule": "S-06", "label": _("特约服务内部人工成本（元/小时）"), "value": 40},
    # S-07 (with S-08: the rate in force at settlement is stored with the visit): share of settled jobs visited
    "service.return_visit_sample_percent": {"rule": "S-07", "label": _("特约服务回访抽样（%）"), "value": 30},
    "service.return_visit_days": {"rule": "S-07", "label": _("特约服务结算后回访（天）"), "value": 3},
    # S-02: how long the announcement of the offered items and rates stays on the notice board
    "service.notice_days": {"rule": "S-02", "label": _("特约服务公告展示（天）"), "value": 30},
    # complaints
    "complaint.categories": {
        "rule": "C-02",
        "label": _("投诉类别"),
        "value": [
            ["security", "治安"], ["cleaning", "保洁"], ["greening", "绿化"], ["repairs", "维修"],
            ["fees", "收费"], ["facilities", "设施设备"], ["staff_attitude", "服务态度"],
            ["decoration", "装修"], ["noise", "噪音"], ["other", "其他"],
        ],
    },
    "complaint.onspot_report_hours": {"rule": "C-03", "label": _("当场处理报值班中心（小时）"), "value": 1},
    "complaint.onspot_phone_reply_hours": {"rule": "C-03", "label": _("当场处理电话回复（小时）"), "value": 2},
    "complaint.urgent_reply_hours": {"rule": "C-06", "label": _("紧急投诉回复时限（小时）"), "value": 2},
    "complaint.normal_reply_working_days": {"rule": "C-06", "label": _("非紧急投诉回复时限（工作日）"),
                                            "value": 2},
    "complaint.valid_reply_working_days": {"rule": "C-07", "label": _("有效投诉最迟回复（工作日）"), "value": 2},
    "complaint.assisted_progress_working_days": {"rule": "C-08", "label": _("协助处理进展告知间隔（工作日）"),
                                                 "value": 2},
    "complaint.invalid_explain_hours": {"rule": "C-09", "label": _("无效投诉解释时限（小时）"), "value": 2},
    "complaint.collective_households": {"rule": "C-10", "label": _("集体投诉户数阈值"), "value": 5},
    "complaint.collective_report_director_hours": {"rule": "C-10", "label": _("集体投诉报主任（小时）"),
                                                   "value": 2},
    "complaint.collective_notify_hq_hours": {"rule": "C-10", "label": _("主任报总部（小时）"), "value": 2},
    "complaint.hq_result_report_hours": {"rule": "C-16", "label": _("转办结果回报总部（小时）"), "value": 12},
    "complaint.follow_up_working_days": {"rule": "C-14", "label": _("回复后跟进至客户满意（工作日）"),
                                         "value": 2},
    # C-18: the monthly complaint report is due at head office by this day of the next month (1..28)
    "reports.monthly_due_day": {"rule": "C-18", "label": _("投诉工作月报上报截止日（次月几日）"), "value": 5},
    "complaint.due_soon_minutes": {"rule": "C-17", "label": _("即将到期提醒（分钟）"), "value": 30},
    "complaint.online_max_per_hour_per_address": {"rule": "C-01", "label": _("网上投诉每地址每小时上限"),
                                                  "value": 5},
    "complaint.online_max_per_hour_per_phone": {"rule": "C-01", "label": _("网上投诉每电话每小时上限"), "value": 3},
    "complaint.online_lookups_per_hour_per_address": {"rule": "C-01", "label": _("网上查询进度每地址每小时上限"),
                                                      "value": 20},
    "complaint.online_throttle_window_minutes": {"rule": "C-01", "label": _("网上投诉限流时段（分钟）"), "value": 60},
    # C-01 (seed 000): head office's complaint hotline, fax and e-mail, published on every office's public
    # pages beside its duty phone; empty until group administrators set them (an empty one is not shown)
    "complaint.hq_hotline": {"rule": "C-01", "label": _("总部投诉热线"), "value": "", "format": "public_phone"},
    "complaint.hq_fax": {"rule": "C-01", "label": _("总部投诉传真"), "value": "", "format": "public_phone"},
    "complaint.hq_email": {"rule": "C-01", "label": _("总部投诉邮箱"), "value": "", "format": "email"},
    # duty
    "duty.arrive_early_minutes": {"rule": "D-04", "label": _("提前到岗（分钟）"), "value": 5},
    "duty.tidy_before_end_minutes": {"rule": "D-04", "label": _("下班前整理（分钟）"), "value": 15},
    "duty.handover_open_early_minutes": {"rule": "D-05", "label": _("提前发起交接提醒（距班次结束，分钟）"),
                                         "value": 60},
    # visits
    "visits.complaint_return_days": {"rule": "V-05", "label": _("投诉结案回访（天）"), "value": 3},
    "visits.repair_sample_percent": {"rule": "V-05", "label": _("维修回访抽样（%）"), "value": 30},
    "visits.workorder_return_days": {"rule": "V-05", "label": _("维修工单完成后回访（天）"), "value": 3},
    # V-04: which answers count as satisfied in the satisfaction rate (基本满意 counts by default)
    "visits.satisfied_answers": {"rule": "V-04", "label": _("计入满意的回访结果"),
                                 "value": ["satisfied", "basically_satisfied"]},
    # V-03: the residents' public survey page, throttled like the online complaint form (its own counters)
    "surveys.public_max_per_hour_per_address": {"rule": "V-03", "label": _("网上问卷每地址每小时上限"), "value": 20},
    "surveys.public_max_per_hour_per_phone": {"rule": "V-03", "label": _("网上问卷每电话每小时上限"), "value": 5},
    "surveys.public_throttle_window_minutes": {"rule": "V-03", "label": _("网上问卷限流时段（分钟）"), "value": 60},
    # V-03: how long the published survey summary stays on the offices' notice boards
    "surveys.summary_notice_days": {"rule": "V-03", "label": _("调查结果公告展示（天）"), "value": 30},
    # typed-in times (complaint receipt C-01, front-desk contact F-01, head-office receipt C-16): how far back
    "input.typed_time_max_days_back": {"rule": "C-01", "label": _("补录时间最早（天前）"), "value": 90},
    # assessment (A-02, A-04, C-20)
    "assessment.proposal_decide_working_days": {"rule": "A-04", "label": _("考核建议确认时限（工作日）"), "value": 5},
    "assessment.late_minor_minutes": {"rule": "A-03", "label": _("轻微迟到上限（分钟）"), "value": 5},
    "assessment.late_absence_minutes": {"rule": "A-03", "label": _("迟到视为缺勤（超过分钟）"), "value": 10},
    "assessment.base_score": {"rule": "A-02", "label": _("月度考核基础分"), "value": 100},
    # S-07: a special-service job evaluated (1..5) at or below this proposes the FW-01 deduction
    "assessment.service_poor_score_at_most": {"rule": "S-07", "label": _("特约服务评分不高于此值建议扣分"),
                                              "value": 2},
    # training: plan deadlines (day of the month; the annual plan's month), reminder leads, the
    # induction programme, exam timing, the pass score (the seed is silent: 60 of 100) and the pass-rate targets
    "training.annual_plan_month": {"rule": "A-05", "label": _("年度培训计划上报月份"), "value": 12},
    "training.annual_plan_submit_day": {"rule": "A-05", "label": _("年度培训计划上报截止日"), "value": 10},
    "training.annual_plan_approve_day": {"rule": "A-05", "label": _("年度培训计划审批截止日"), "value": 20},
    "training.monthly_plan_submit_day": {"rule": "A-05", "label": _("月度培训计划上报截止日（上月）"), "value": 25},
    "training.monthly_plan_approve_day": {"rule": "A-05", "label": _("月度培训计划审批截止日（上月）"), "value": 30},
    "training.annual_plan_remind_minutes": {"rule": "A-05", "label": _("年度培训计划到期前提醒（分钟）"),
                                            "value": 7 * 24 * 60},
    "training.monthly_plan_remind_minutes": {"rule": "A-05", "label": _("月度培训计划到期前提醒（分钟）"),
                                             "value": 2 * 24 * 60},
    "training.exam_remind_minutes": {"rule": "A-05", "label": _("考核到期前提醒（分钟）"), "value": 24 * 60},
    "training.induction_class_hours": {"rule": "A-05", "label": _("岗前培训课时"), "value": 40},
    "training.induction_working_days": {"rule": "A-05", "label": _("岗前培训完成时限（工作日）"), "value": 5},
    "training.induction_exam_working_day": {"rule": "A-05", "label": _("岗前理论考核（到岗后第几个工作日）"),
                                            "value": 10},
    "training.monthly_exam_working_days": {"rule": "A-05", "label": _("月度考核时限（次月前几个工作日）"), "value": 5},
    "training.retake_deadline_working_days": {"rule": "A-06", "label": _("第三次不合格限期掌握（工作日）"),
                                              "value": 10},
    "training.exam_pass_score": {"rule": "A-06", "label": _("考核合格分（满分100）"), "value": 60},
    "training.pass_target_first_percent": {"rule": "A-06", "label": _("第一次考核合格率目标（%）"), "value": 90},
    "training.pass_target_second_percent": {"rule": "A-06", "label": _("第二次考核合格率目标（%）"), "value": 95},
    "training.pass_target_third_percent": {"rule": "A-06", "label": _("第三次考核合格率目标（%）"), "value": 100},
    # front desk
    "frontdesk.workorder_due_hours": {"rule": "F-02", "label": _("工单完成时限（小时）"), "value": 24},
}


def default_value(key: str):
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key!r}")
    return DEFAULTS[key]["value"]


def is_list_setting(key: str) -> bool:
    """A list setting (C-02 categories) is edited row by row, not as one value."""
    return key in DEFAULTS and isinstance(DEFAULTS[key]["value"], list)


def value_text(value) -> str:
    """A setting's value as people read it: a list's names joined by 、, a number as it is."""
    if isinstance(value, list):
        return "、".join(str(item[1]) if isinstance(item, list | tuple) and len(item) == 2 else str(item)
                        for item in value)
    return str(value)
