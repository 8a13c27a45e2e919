"""Send due-date and evidence-review reminders (what Celery beat runs hourly); safe to run from cron."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from compliance.gaps.reminders import send_reminders


class Command(BaseCommand):
    help = ("E-mail assignees about open work due within --days-ahead days or overdue, and uploaders about "
            "evidence to review; each reminder at most once per item, recipient and period.")

    def add_arguments(self, parser):
        parser.add_argument("--days-ahead", type=int, default=None,
                            help="Remind about items due within this many days (default: REMINDER_DAYS_AHEAD).")
        parser.add_argument("--today", default=None, help="Run as of this date (YYYY-MM-DD); default today.")

    def handle(self, *args, days_ahead=None, today=None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError(f"--today {today!r} is not a date as YYYY-MM-DD.") from None
        if days_ahead is not None and days_ahead < 0:
            raise CommandError("--days-ahead must be 0 or more.")
        summary = send_reminders(today=day, days_ahead=days_ahead)
        self.stdout.write(f"Sent {summary.emails} e-mail(s) with {summary.reminders} reminder(s); "
                          f"{summary.already_sent} already sent this period; {summary.failed} failed.")
        if summary.failed:
            raise CommandError(f"{summary.failed} reminder(s) could not be sent; they are tried again next run.")
