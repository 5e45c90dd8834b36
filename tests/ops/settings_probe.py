"""Import one settings module in a fresh interpreter (the test process has its own settings loaded)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# a long, random-looking key a production check accepts
GOOD_KEY = "k3v9Qz-Lr8wXy2Tn5Bd7Hs1Mf4Jc6Pg0Ua9Ei3Ow8Rt2Yb5Nx7Zq1Vm4Kp6Sd0Gh"


def probe(module: str, expression: str, **env: str) -> subprocess.CompletedProcess:
    """Run `import <module> as s; print(json.dumps(<expression>))` with `env` on top of a clean one."""
    base = {k: v for k, v in os.environ.items()
            if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DB_CONN_MAX_AGE", "ALLOWED_HOSTS"}}
    code = f"import json, {module} as s; print(json.dumps({expression}))"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=120)


def probe_value(module: str, expression: str, **env: str):
    result = probe(module, expression, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


PRODUCTION_ENV = {"SECRET_KEY": GOOD_KEY, "DATABASE_URL": "postgresql://u:p@db.invalid:5432/wuye",
                  "REDIS_URL": "redis://redis.invalid:6379/0"}
