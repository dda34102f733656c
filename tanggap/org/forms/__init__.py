"""Forms of the org pages: they parse and type the input; the services decide what is allowed.

inputs.py: the shared inputs and the read-only model form; structure.py, officials.py, decrees.py: the
region's pages; users.py: the account and role pages (under /akun/pengguna/).
"""

from tanggap.org.forms.decrees import ConfirmForm, DecreeEntriesForm, DecreeForm
from tanggap.org.forms.inputs import WEEKDAYS, DateInput, ServiceInputForm, TimeInput, WorkDaysField
from tanggap.org.forms.officials import OfficialArchiveForm, OfficialFilterForm, OfficialForm
from tanggap.org.forms.structure import ArchiveForm, AreaForm, DayOffForm, RegionForm, UnitForm
from tanggap.org.forms.users import DeactivateForm, RoleAssignForm, UnitChoiceField, UserCreateForm

__all__ = [
    "WEEKDAYS",
    "ArchiveForm",
    "AreaForm",
    "ConfirmForm",
    "DateInput",
    "DayOffForm",
    "DeactivateForm",
    "DecreeEntriesForm",
    "DecreeForm",
    "OfficialArchiveForm",
    "OfficialFilterForm",
    "OfficialForm",
    "RegionForm",
    "RoleAssignForm",
    "ServiceInputForm",
    "TimeInput",
    "UnitChoiceField",
    "UnitForm",
    "UserCreateForm",
    "WorkDaysField",
]
