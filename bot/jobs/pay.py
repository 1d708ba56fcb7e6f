"""Pay ranges: from the boards' structured fields, and from prose.

One import for callers; the work is in ``pay_range`` (the band and what sizes
we believe), ``pay_fields`` (Greenhouse, Lever, Ashby fields), ``pay_figures``
(the money scanner) and ``pay_prose`` (reading ranges out of text).
"""

from bot.jobs.pay_fields import (
    ashby_lists_salary,
    pay_from_ashby,
    pay_from_greenhouse,
    pay_from_lever,
)
from bot.jobs.pay_prose import MAX_PAY_TEXT, extract_pay
from bot.jobs.pay_range import HOURLY_BOUNDS, MAX_SPREAD, YEARLY_BOUNDS, PayRange, checked

__all__ = [
    "HOURLY_BOUNDS",
    "MAX_PAY_TEXT",
    "MAX_SPREAD",
    "YEARLY_BOUNDS",
    "PayRange",
    "ashby_lists_salary",
    "checked",
    "extract_pay",
    "pay_from_ashby",
    "pay_from_greenhouse",
    "pay_from_lever",
]
