"""The content editor: status matrix, edit with preview, history, diff, revert, local sections.

One module per area, all on the one blueprint of `base`: importing them registers their routes.
"""

from portal.editor import (
    feedback_views,
    link_domain_views,
    local_views,
    po_views,
    review_views,
    unanswered_views,
    views,
)
from portal.editor.base import bp

__all__ = [
    "bp",
    "feedback_views",
    "link_domain_views",
    "local_views",
    "po_views",
    "review_views",
    "unanswered_views",
    "views",
]
