from .documents import DocumentPageCount
from .format_requests import FormatRequest
from .invitations import Invitation
from .pages import ConsultationEvent, ConsultationIndexPage, ConsultationPage, MaterialPage
from .snippets import Area, Topic

__all__ = [
    "Area",
    "ConsultationEvent",
    "ConsultationIndexPage",
    "ConsultationPage",
    "DocumentPageCount",
    "FormatRequest",
    "Invitation",
    "MaterialPage",
    "Topic",
]
