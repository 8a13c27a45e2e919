from django.core.management.base import BaseCommand, CommandError

from frameworks.models import RuleSetVersion
from frameworks.services import export_yaml


class Command(BaseCommand):
    help = "Write one rule-set version as YAML (loads back to the same content hash)."

    def add_arguments(self, parser):
        parser.add_argument("framework", help="Framework code, e.g. eu-ai-act")
        parser.add_argument("version", help="Version label, e.g. 2026.1")
        parser.add_argument("-o", "--output", help="File to write; default: standard output")

    def handle(self, *args, framework, version, output, **options):
        found = RuleSetVersion.objects.select_related("framework").filter(framework__code=framework, label=version).first()
        if found is None:
            labels = list(RuleSetVersion.objects.filter(framework__code=framework).values_list("label", flat=True))
            hint = f" Known versions: {', '.join(labels)}." if labels else " No such framework is loaded."
            raise CommandError(f"No version {version} of {framework}.{hint}")
        text = export_yaml(version=found)
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(text, ending="")
