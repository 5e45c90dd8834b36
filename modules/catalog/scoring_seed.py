"""Every scoring rule of seed 001 (第4篇 客服人员考核规程 and the training penalties of 第3篇 6.0), as the
first version of each rule in the group catalog (A-01, A-03, A-04, A-06). Written by the data migration
catalog 0005 and by `scoring_rules_seed` (idempotent: a code already in the catalog is left alone).

Where the seed is silent we chose, and say so in the note: a quarrel "视情节给予处分" is 1–10 points; "一定的
加分" for good work is 1–5; a stand-in over 4 hours is a day's leave, 40 元 and no points; a poor special-service
evaluation (S-07, not in seed 001) is 1–5 (FW-01, added by catalog 0006)."""

from __future__ import annotations

from datetime import UTC, datetime

SEED_FROM = datetime(2020, 1, 1, tzinfo=UTC)

_WARN_DEMERIT_DISMISS = [  # 3rd time: warning + 1–3; 4th: demerit + 3–5; 5th: dismissal review
    {"count": 3, "action": "warning", "extra_min": "1", "extra_max": "3"},
    {"count": 4, "action": "demerit", "extra_min": "3", "extra_max": "5"},
    {"count": 5, "action": "dismissal_review", "extra_min": "0", "extra_max": "0"},
]
_CALLS = [  # 一个月被查3次者，警告处分加扣10分，5次作自动离职处分
    {"count": 3, "action": "warning", "extra_min": "10", "extra_max": "10"},
    {"count": 5, "action": "dismissal_review", "extra_min": "0", "extra_max": "0"},
]
_ABSENCE = [{"count": 3, "action": "dismissal_review", "extra_min": "0", "extra_max": "0"}]  # 缺勤三天

# code, category, description, direction, points min, max, pay deduction (元), ladder, note
RULES: list[tuple] = [
    ("LY-01", "etiquette", "未着工作服、佩戴工作证、领带（缺一项）", "deduct", "1", "1", "0", [], "每缺一项记一次"),
    ("LY-02", "etiquette", "妆容、发型不整，影响工作精神面貌", "deduct", "0.5", "1.5", "0", [], "视情况"),
    ("LY-03", "etiquette", "留长指甲、涂指甲油、染彩色发等", "deduct", "0.5", "1.5", "0", [], "视情况"),
    ("LY-04", "etiquette", "坐姿站姿不端，趴在办公桌上或靠墙", "deduct", "1", "1", "0", [], "每次"),
    ("LY-05", "etiquette", "当众打理衣服、化妆、剪指甲等", "deduct", "0.5", "1.5", "0", [], "视影响情况，每次"),
    ("YX-01", "conduct", "与业主顶撞、争执、争吵", "deduct", "1", "10", "0", [], "视情节给予处分，严重者自动离职"),
    ("YX-02", "complaint", "主动服务不到位，被业主投诉", "deduct", "5", "10", "0", [], "视情况"),
    ("KQ-01", "attendance", "迟到5分钟内", "deduct", "1", "1", "0", [], ""),
    ("KQ-02", "attendance", "迟到5～10分钟", "deduct", "5", "5", "0", [], ""),
    ("KQ-03", "attendance", "缺勤（迟到超过10分钟视为缺勤）", "deduct", "10", "10", "40", _ABSENCE,
     "另扣缺勤工资；缺勤三天自动离职"),
    ("KQ-04", "attendance", "请假或顶岗超过4小时（视请假一天）", "deduct", "0", "0", "40", [],
     "无特殊事件不准请假或叫人顶岗"),
    ("YX-03", "conduct", "上班打瞌睡、睡觉", "deduct", "1", "5", "0", [], "轻者扣1分，严重扣3～5分"),
    ("YX-04", "conduct", "上班时间打电话聊天（外线超10分钟、内线超5分钟）", "deduct", "5", "5", "0", _CALLS, ""),
    ("YX-05", "conduct", "值班时无故与保姆聊天", "deduct", "1", "1", "0", _WARN_DEMERIT_DISMISS, ""),
    ("YX-06", "conduct", "上班时间看书、看报等影响工作", "deduct", "1", "1", "0", _WARN_DEMERIT_DISMISS, ""),
    ("BY-01", "praise", "受业主表扬", "add", "5", "10", "0", [], ""),
    ("BY-02", "praise", "工作认真、表现好", "add", "1", "5", "0", [], "一定的加分"),
    ("PX-01", "training", "培训无故缺席", "deduct", "2", "2", "0", [], "扣除考勤分"),
    ("PX-02", "training", "不遵守讲堂纪律", "deduct", "1", "1", "0", [], "扣除考勤分"),
    ("PX-03", "training", "不认真填写培训效果考核表", "deduct", "1", "1", "0", [], "扣除考勤分"),
    ("PX-04", "training", "考核第一次不合格", "deduct", "3", "3", "0", [], "并进行单独培训（业余时间）"),
    ("PX-05", "training", "考核第二次不合格", "deduct", "6", "6", "0", [], "并进行单独培训（业余时间）"),
    ("PX-06", "training", "考核第三次不合格", "deduct", "10", "10", "0", [], "限期掌握，仍未合格辞退"),
    # S-07: service quality evaluations feed staff assessment; seed 001 names no points, so 1–5 is our choice
    ("FW-01", "complaint", "特约服务评价差", "deduct", "1", "5", "0", [], "业主评分不高于集团设定的分数时建议扣分"),
]
# the codes other modules propose by (A-03 duty arrivals, A-04/C-20 complaints, praise, S-07 evaluations)
LATE_UNDER_5, LATE_5_TO_10, ABSENCE = "KQ-01", "KQ-02", "KQ-03"
COMPLAINED_ABOUT, PRAISED = "YX-02", "BY-01"
SERVICE_POOR = "FW-01"


def scoring_rules_seed(*, rule_model, version_model) -> int:
    """Write the first version of every seed rule whose code is not in the catalog yet; the number written."""
    written = 0
    for code, category, description, direction, low, high, pay, ladder, note in RULES:
        rule, created = rule_model.objects.get_or_create(code=code)
        if not created and version_model.objects.filter(rule=rule).exists():
            continue
        version_model.objects.create(rule=rule, effective_from=SEED_FROM, category=category,
                                     description=description, direction=direction, points_min=low,
                                     points_max=high, pay_deduction=pay, ladder=ladder, note=note)
        written += 1
    return written
