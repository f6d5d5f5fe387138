"""Readers and writers for published table layouts and other input-output tools.

pymrio is imported only when :func:`to_pymrio` or :func:`from_pymrio` runs.
"""

from .bns import BNS_SIOT_LAYOUT, kpved_sections, read_bns_siot
from .ons import ONS_IOAT_LAYOUT, read_ons_iot
from .pymrio import from_pymrio, to_pymrio
from .scottish import read_scottish_iot
from .tables import LabelRange, TableLayout, read_table

__all__ = [
    "BNS_SIOT_LAYOUT",
    "ONS_IOAT_LAYOUT",
    "LabelRange",
    "TableLayout",
    "from_pymrio",
    "kpved_sections",
    "read_bns_siot",
    "read_ons_iot",
    "read_scottish_iot",
    "read_table",
    "to_pymrio",
]
