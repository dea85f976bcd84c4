"""The TOTP enrolment QR code, as inline SVG so it needs no script and no image route."""

from __future__ import annotations

import io

import segno
from markupsafe import Markup


def qr_svg(uri: str) -> Markup:
    """Render `uri` as an accessible SVG QR code."""
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(
        buffer, kind="svg", scale=4, xmldecl=False, svgns=True, title="QR", nl=False, svgclass="qr", lineclass=None
    )
    return Markup(buffer.getvalue().decode())  # noqa: S704 - segno output, no user input
