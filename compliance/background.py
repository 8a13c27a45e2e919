"""Celery tasks in the web process, in the background, when no broker is configured.

With ``REDIS_URL`` unset there is no worker: Celery runs tasks eagerly, which would make the
request that queued a PDF wait for it. Instead, tasks queued while ``TASKS_IN_BACKGROUND`` is on
run one at a time on a thread of this process, after the request has returned, through Celery's
own ``Task.apply`` (so retries and time limits behave as in eager mode).
"""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from celery.result import AsyncResult
from django.db import connections

logger = logging.getLogger(__name__)

_executor: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="background-task")
    return _executor


def _run(task: Any, args: tuple, kwargs: dict, task_id: str) -> None:
    try:
        task.apply(args=args, kwargs=kwargs, task_id=task_id)
    except Exception:  # apply() records task errors itself; this is a fault around it
        logger.exception("Background task %s failed", task.name)
    finally:
        connections.close_all()  # this thread's connections; the next task opens its own


def submit(task: Any, args: tuple | None, kwargs: dict | None) -> AsyncResult:
    """Run ``task`` on the background thread; returns at once."""
    task_id = str(uuid.uuid4())
    future: Future = _pool().submit(_run, task, tuple(args or ()), dict(kwargs or {}), task_id)
    future.add_done_callback(lambda f: f.exception())  # errors are logged in _run
    return AsyncResult(task_id)


def wait_for_idle(timeout: float = 60) -> None:
    """Block until every task queued so far has run (tests and management commands)."""
    if _executor is not None:
        _executor.submit(lambda: None).result(timeout=timeout)
