"""The content editor: status matrix, edit with preview, history, diff, revert, local sections."""

from portal.editor.views import bp

__all__ = ["bp"]
