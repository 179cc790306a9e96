from .documents import DocumentPageCount
from .invitations import Invitation
from .pages import ConsultationEvent, ConsultationIndexPage, ConsultationPage, MaterialPage
from .snippets import Area, Topic

__all__ = [
    "Area",
    "ConsultationEvent",
    "ConsultationIndexPage",
    "ConsultationPage",
    "DocumentPageCount",
    "Invitation",
    "MaterialPage",
    "Topic",
]
