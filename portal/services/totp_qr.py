"""QR codes as inline SVG, so they need no script and no image route: TOTP enrolment, the calendar link."""

from __future__ import annotations

import io

import segno
from markupsafe import Markup


def qr_svg(uri: str, title: str = "QR") -> Markup:
    """Render `uri` as an accessible SVG QR code, named by `title`."""
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(
        buffer, kind="svg", scale=4, xmldecl=False, svgns=True, title=title, nl=False, svgclass="qr", lineclass=None
    )
    return Markup(buffer.getvalue().decode())  # noqa: S704 - segno output, no user input
