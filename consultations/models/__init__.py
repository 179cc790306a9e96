from .documents import DocumentPageCount
from .pages import ConsultationEvent, ConsultationIndexPage, ConsultationPage, MaterialPage
from .snippets import Area, Topic

__all__ = [
    "Area",
    "ConsultationEvent",
    "ConsultationIndexPage",
    "ConsultationPage",
    "DocumentPageCount",
    "MaterialPage",
    "Topic",
]
