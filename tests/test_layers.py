"""Module layering: persistence does not depend on presentation (issue 18)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kickflip_moderation"


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_store_does_not_import_the_report_renderers():
    imported = _imported_modules(PACKAGE / "store.py")
    assert ".report" not in imported and "kickflip_moderation.report" not in imported
    assert ".models" in imported


def test_report_still_offers_the_row_type_it_renders():
    from kickflip_moderation import models, report

    assert report.ReportRow is models.ReportRow
    assert report.ReportHeader is models.ReportHeader
