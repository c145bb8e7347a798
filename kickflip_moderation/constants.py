"""Values several modules need, defined once so they cannot drift apart.

Light on purpose (no imports): the CLI reads them for its help text without loading the
HTTP client.
"""

from __future__ import annotations

__all__ = ["DEFAULT_BASE_URL", "LANGUAGES"]

#: Kickflip's public API (docs/kickflip-api.md); ``KICKFLIP_API_URL`` overrides it.
DEFAULT_BASE_URL = "https://api.mycustomizer.com"
#: The languages of the shipped word lists, allowlists and dictionaries.
LANGUAGES = ("en", "fr", "es", "de")
