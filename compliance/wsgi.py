import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "compliance.settings")
application = get_wsgi_application()

# A web process keeps large per-process caches (compiled rule sets, kept fragments and page contents), and
# Python's default cyclic GC (a collection every 700 new objects) traverses them again and again: about 15%
# of a results page's CPU time (bench/RESULTS.md). Everything loaded so far stays for the process's life, so
# it is left out of collections, and collections of young objects run less often.
gc.freeze()
gc.set_threshold(50_000, 20, 20)
