"""The public surface: every promised name imports, and ``__all__`` is sorted and complete."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kickflip_moderation

CONTRACT_NAMES = [
    "Matcher", "Match", "check_design", "extract_texts", "KickflipClient", "AsyncKickflipClient",
    "KickflipModerationError", "AuthenticationError", "UnknownBrandError", "NotFoundError",
]  # fmt: skip


def test_all_is_sorted_and_unique():
    assert kickflip_moderation.__all__ == sorted(set(kickflip_moderation.__all__))


@pytest.mark.parametrize("name", kickflip_moderation.__all__)
def test_every_exported_name_resolves(name):
    assert getattr(kickflip_moderation, name) is not None


@pytest.mark.parametrize("name", CONTRACT_NAMES)
def test_contract_names_are_exported(name):
    assert name in kickflip_moderation.__all__


def test_static_all_matches_runtime_all():
    """The literal list for type checkers must name exactly the lazily exported names."""
    tree = ast.parse(Path(kickflip_moderation.__file__).read_text(encoding="utf-8"))
    literal = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
        and isinstance(node.value, ast.List)
    ]
    assert len(literal) == 1
    assert sorted(ast.literal_eval(literal[0])) == kickflip_moderation.__all__


def test_unknown_name_raises_attribute_error():
    with pytest.raises(AttributeError):
        kickflip_moderation.does_not_exist  # noqa: B018


def test_exports_keep_their_identity_after_every_submodule_is_imported():
    """Importing a submodule binds it as a package attribute; a submodule named like an
    export (``normalize`` once was) would shadow the lazy export with the module."""
    import importlib
    import pkgutil

    for info in pkgutil.walk_packages(kickflip_moderation.__path__, "kickflip_moderation."):
        if not info.name.endswith("__main__"):  # __main__ runs the CLI
            importlib.import_module(info.name)
    for name, module in kickflip_moderation._EXPORTS.items():
        source = importlib.import_module(f"kickflip_moderation.{module}")
        assert getattr(kickflip_moderation, name) is getattr(source, name), name
    assert callable(kickflip_moderation.normalize)
    assert kickflip_moderation.normalize("sh1t").text == "shit"
