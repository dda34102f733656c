"""The platform's date and time formats per language (settings.FORMAT_MODULE_PATH), read by Django's
`date` and `time` filters through their names: "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT",
"TIME_FORMAT". Indonesian writes the time with a dot (09.34, the EYD convention), English with a colon
(09:34); both on the 24-hour clock. Templates print the zone (WIB, WITA, WIT) right after the time."""
