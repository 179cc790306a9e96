from django import forms

from .models import EngagementReport


class EngagementReportForm(forms.ModelForm):
    class Meta:
        model = EngagementReport
        fields = ["summary", "engagement", "findings", "recommendations", "next_steps"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}
