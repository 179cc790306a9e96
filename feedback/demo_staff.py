"""Demo part: staff groups with their permissions, and some general feedback and page answers."""

from feedback.general.demo import load_general_feedback_demo
from feedback.permissions import ensure_staff_groups


def load(context):
    ensure_staff_groups()
    load_general_feedback_demo(context)
