"""The licence metadata tells the truth about what ships (issue 18)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_every_license_file_pattern_names_an_existing_file():
    for pattern in PROJECT["license-files"]:
        assert list(ROOT.glob(pattern)), f"license-files pattern {pattern!r} matches nothing"


def test_expression_covers_the_code_and_each_data_licence():
    terms = set(PROJECT["license"].split(" AND "))
    assert terms == {"MIT", "CC-BY-4.0", "CC-BY-SA-4.0", "Unicode-3.0"}


def test_each_shipped_data_folder_carries_its_attribution_and_licence_text():
    expected = {
        ROOT / "wordlists": {"CC-BY-4.0", "CC-BY-SA-4.0"},
        ROOT / "kickflip_moderation" / "data": {"CC-BY-SA-4.0", "Unicode-3.0"},
    }
    titles = {
        "CC-BY-4.0": "Attribution 4.0 International",
        "CC-BY-SA-4.0": "Attribution-ShareAlike 4.0 International",
        "Unicode-3.0": "UNICODE LICENSE V3",
    }
    for folder, licences in expected.items():
        assert (folder / "ATTRIBUTION.md").is_file()
        for spdx in licences:
            text = (folder / f"LICENSE-{spdx}.txt").read_text(encoding="utf-8")
            assert text.startswith(titles[spdx])
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_typed_classifier_matches_the_py_typed_marker():
    assert "Typing :: Typed" in PROJECT["classifiers"]
    assert (ROOT / "kickflip_moderation" / "py.typed").is_file()
