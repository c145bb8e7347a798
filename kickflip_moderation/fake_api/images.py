"""Design images for the fake API, drawn from the design itself, so a report is complete
offline: the real API's images live on a CDN the demo must not depend on.

An SVG (text, stdlib only) naming the product and the design's texts, as a stand-in for
the rendered product photo. Texts are XML-escaped: they are shopper input.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

__all__ = ["IMAGE_PREFIX", "design_svg", "image_path"]

IMAGE_PREFIX = "/images/"
_MAX_TEXT = 48


def image_path(design_id: str) -> str:
    """The path the fake serves a design's image at."""
    return f"{IMAGE_PREFIX}{design_id}.svg"


def _texts(design: dict[str, Any]) -> list[str]:
    """The ``views[].text`` strings of the design's choice objects (odd shapes skipped)."""
    configuration = design.get("configuration")
    found: list[str] = []
    if not isinstance(configuration, dict):
        return found
    for choice in configuration.values():
        views = choice.get("views") if isinstance(choice, dict) else None
        for view in views if isinstance(views, list) else ():
            text = view.get("text") if isinstance(view, dict) else None
            if isinstance(text, str) and text.strip():
                found.append(text if len(text) <= _MAX_TEXT else text[:_MAX_TEXT - 1] + "…")
    return found


def design_svg(design: dict[str, Any]) -> bytes:
    """A 320x240 SVG: the product name and each text of ``design`` on its own line."""
    product = str(design.get("productName") or "Design")
    lines = [f'<text x="16" y="36" font-size="18" font-weight="bold">{escape(product)}</text>']
    for i, text in enumerate(_texts(design)[:6]):
        lines.append(f'<text x="16" y="{80 + 28 * i}" font-size="16">{escape(text)}</text>')
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" '
        'viewBox="0 0 320 240" font-family="sans-serif">'
        '<rect width="320" height="240" rx="12" fill="#f3f0ea" stroke="#bbb"/>'
        + "".join(lines) + "</svg>"
    ).encode("utf-8")
