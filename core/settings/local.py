from core.settings.base import *  # noqa: F401,F403
from core.settings.base import env_bool

DEBUG = env_bool("DEBUG", True)
