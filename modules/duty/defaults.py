"""The shifts and posts an office starts with (D-01); offices edit them afterwards."""

DEFAULT_POSTS = [
    {"name": "客服值班岗", "checklist": ["钥匙", "对讲机", "值班记录本", "来电来访登记表", "手电筒"]},
    {"name": "值班主任", "checklist": ["值班手机", "钥匙"]},
]
DEFAULT_SHIFTS = [
    {"code": "day", "name": "客服白班", "start": "09:00", "end": "21:00", "post": "客服值班岗",
     "keeps_log": True, "order": 1},
    {"code": "night", "name": "客服夜班", "start": "20:00", "end": "09:00", "post": "客服值班岗",
     "keeps_log": True, "order": 2},
    {"code": "director", "name": "值班主任", "start": "18:00", "end": "21:00", "post": "值班主任",
     "keeps_log": False, "order": 3},
]
