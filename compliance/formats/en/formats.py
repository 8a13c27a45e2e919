# English keeps the ISO dates the product has always shown; Korean and Japanese use Django's own formats
# (2026년 12월 2일, 2026年12月2日).
DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
