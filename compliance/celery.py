"""The Celery app. Without REDIS_URL, tasks run in the web process, in the background (see background.py)."""

import os

from celery import Celery, Task
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "compliance.settings")


class InProcessAwareTask(Task):
    """Queued to the broker as usual; with no broker, run on this process's background thread."""

    def apply_async(self, args=None, kwargs=None, task_id=None, producer=None, link=None, link_error=None,
                    shadow=None, **options):
        if self.app.conf.task_always_eager and getattr(settings, "TASKS_IN_BACKGROUND", False):
            from . import background

            return background.submit(self, args, kwargs)
        return super().apply_async(args, kwargs, task_id, producer, link, link_error, shadow, **options)


app = Celery("compliance", task_cls=InProcessAwareTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
