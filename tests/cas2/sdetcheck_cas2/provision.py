"""Creates the test users and the registered service patterns of the second CAS server
(run by scripts/cas2.sh through `manage.py shell`; idempotent).

Environment: SDETCHECK_CAS2_DIR (the state directory: secrets/<user> holds each password),
SDETCHECK_CAS2_SERVICE (the registered service URL prefix, a regular expression is made of
it), SDETCHECK_CAS2_USERS (space-separated user names).
"""
import os
import re
from pathlib import Path

from django.contrib.auth.models import User

from cas_server.models import ReplaceAttributName, ServicePattern

state = Path(os.environ["SDETCHECK_CAS2_DIR"])
for name in os.environ["SDETCHECK_CAS2_USERS"].split():
    password = (state / "secrets" / name).read_text().strip()
    user, _ = User.objects.get_or_create(username=name)
    user.email = name + "@cas2.sdetcheck.test"
    user.set_password(password)
    user.save()

service = os.environ["SDETCHECK_CAS2_SERVICE"]
pattern, _ = ServicePattern.objects.get_or_create(
    name="ENT de test sdetcheck",
    defaults={"pos": 100, "pattern": "^" + re.escape(service) + ".*$"},
)
pattern.pattern = "^" + re.escape(service) + ".*$"
pattern.save()
for attribute in ("email", "username"):
    ReplaceAttributName.objects.get_or_create(service_pattern=pattern, name=attribute)
