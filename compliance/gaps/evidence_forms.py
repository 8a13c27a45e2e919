from django import forms
from django.utils.translation import gettext_lazy as _

from .evidence_services import MAX_DESCRIPTION
from .form_errors import ServiceErrorsMixin
from .uploads import ACCEPTED_EXTENSIONS


class EvidenceUploadForm(ServiceErrorsMixin, forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("PDF, image, office document or text file."),
                           widget=forms.ClearableFileInput(attrs={
                               "accept": ",".join(f".{ext}" for ext in ACCEPTED_EXTENSIONS)}))
    description = forms.CharField(required=False, max_length=MAX_DESCRIPTION, label=_("Description"),
                                  help_text=_("What the file shows, for someone reading the register."))
    review_by = forms.DateField(required=False, label=_("Review by"), widget=forms.DateInput(attrs={"type": "date"}),
                                help_text=_("Optional: when this evidence should be checked again. Its uploader "
                                            "is reminded, and it is flagged once the date has passed."))

