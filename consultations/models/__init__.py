from .documents import DocumentPageCount
from .format_requests import FormatRequest
from .pages import ConsultationEvent, ConsultationIndexPage, ConsultationPage, MaterialPage
from .snippets import Area, Topic

__all__ = [
    "Area",
    "ConsultationEvent",
    "ConsultationIndexPage",
    "ConsultationPage",
    "DocumentPageCount",
    "FormatRequest",
    "MaterialPage",
    "Topic",
]
