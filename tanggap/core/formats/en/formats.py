"""English: 23 November 2026, 09:34 (day first as in Indonesia, the time with a colon, 24-hour clock)."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d-m-Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
