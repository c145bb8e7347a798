"""``completion``: print the shell completion script (click's, for bash, zsh and fish)."""

from __future__ import annotations

import click
from click.shell_completion import get_completion_class

__all__ = ["completion"]

SHELLS = ("bash", "zsh", "fish")


@click.command()
@click.argument("shell", type=click.Choice(SHELLS))
@click.option("--prog-name", default="kickflip-moderation", show_default=True,
              type=click.Choice(["kickflip-moderation", "kfmod"]),
              help="The command name to complete.")
def completion(shell: str, prog_name: str) -> None:
    """Print the completion script for SHELL; load it from your shell's startup file.

    The script asks the program itself for completions (commands, options, choices), so
    it stays right after upgrades.

    \b
    Examples:
      kickflip-moderation completion bash >> ~/.bashrc
      echo 'eval "$(kickflip-moderation completion zsh)"' >> ~/.zshrc
      kfmod completion fish --prog-name kfmod > ~/.config/fish/completions/kfmod.fish
    """
    from . import main

    cls = get_completion_class(shell)
    assert cls is not None  # every name in SHELLS is one of click's
    var = f"_{prog_name.replace('-', '_').upper()}_COMPLETE"
    click.echo(cls(main, {}, prog_name, var).source())
