"""Serializers of the complaints API: what it accepts (inputs.py) and what it answers (outputs.py), and
the fields and choice sets they share (fields.py; the choice sets are named in the schema by
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] through this package).

Input serializers check shape and types only; every rule (who may act, which move is legal, deadlines,
attachment checks) lives in the services. Output serializers never show a reporter's identity unless
the caller may see it (the staff detail decides per report), and never show a secret.
"""

from tanggap.complaints.api.serializers.fields import *  # noqa: F403
from tanggap.complaints.api.serializers.inputs import *  # noqa: F403
from tanggap.complaints.api.serializers.outputs import *  # noqa: F403
