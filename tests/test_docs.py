"""The README documents every command and option, and opens with the two set-up commands; every command has -h."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from gigatrack.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SETUP_COMMANDS = ["./scripts/demo.sh", "./scripts/test.sh"]
HELP_OPTIONS = frozenset({"-h", "--help"})
_COMMAND_HEADING = re.compile(r"^#{2,4} `gigatrack (\w+)", re.MULTILINE)
_ANY_HEADING = re.compile(r"^#{1,4} ", re.MULTILINE)
_FENCE = re.compile(r"^```[\w-]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def command_sections() -> dict[str, str]:
    """README text under each "## `gigatrack NAME ...`" heading, up to the next heading of any level."""
    sections: dict[str, str] = {}
    for match in _COMMAND_HEADING.finditer(README):
        following = _ANY_HEADING.search(README, match.end())
        sections[match.group(1)] = README[match.start():following.start() if following else len(README)]
    return sections


def long_options(command: click.Command) -> list[str]:
    return [opt for param in command.params if isinstance(param, click.Option)
            for opt in param.opts + param.secondary_opts if opt.startswith("--") and opt not in HELP_OPTIONS]


COMMAND_OPTIONS = [(name, option) for name, command in sorted(cli.commands.items())
                   for option in long_options(command)]


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_a_readme_section(name: str) -> None:
    assert name in command_sections(), f"README.md has no '### `gigatrack {name}`' section"


@pytest.mark.parametrize(("name", "option"), COMMAND_OPTIONS)
def test_every_option_is_documented_in_its_command_section(name: str, option: str) -> None:
    section = command_sections().get(name, "")
    assert re.search(rf"{re.escape(option)}\b", section), f"`gigatrack {name} {option}` is not in README.md"


def test_options_were_found_by_introspection() -> None:
    assert ("extract", "--format") in COMMAND_OPTIONS
    assert ("facts", "--org") in COMMAND_OPTIONS


@pytest.mark.parametrize("option", [opt for param in cli.params if isinstance(param, click.Option)
                                    for opt in param.opts if opt.startswith("--") and opt not in HELP_OPTIONS])
def test_group_options_are_documented(option: str) -> None:
    assert f"gigatrack {option}" in README


def test_readme_opens_with_the_title_a_tagline_and_the_two_setup_commands() -> None:
    first_block = _FENCE.search(README)
    assert first_block is not None
    before = [line for line in README[:first_block.start()].splitlines() if line.strip()]
    assert len(before) == 2, before
    assert before[0].startswith("# ")
    assert not before[1].startswith(("#", "```"))
    commands = [line.split("#", 1)[0].strip() for line in first_block.group(1).splitlines()]
    assert [command for command in commands if command] == SETUP_COMMANDS


@pytest.mark.parametrize("script", SETUP_COMMANDS)
def test_setup_commands_are_executable_scripts(script: str) -> None:
    path = ROOT / script
    assert path.is_file(), f"{script} is missing"
    assert path.stat().st_mode & 0o111, f"{script} is not executable"


@pytest.mark.parametrize("name", sorted(cli.commands))
@pytest.mark.parametrize("flag", sorted(HELP_OPTIONS))
def test_every_command_prints_its_help(name: str, flag: str) -> None:
    result = CliRunner().invoke(cli, [name, flag], prog_name="gigatrack")

    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: gigatrack {name} ")
    for option in long_options(cli.commands[name]):
        assert option in result.output


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_and_option_has_help_text(name: str) -> None:
    command = cli.commands[name]
    assert command.help
    assert [param.name for param in command.params if isinstance(param, click.Option) and not param.help] == []


def test_the_readme_example_output_is_what_extract_prints() -> None:
    """The facts the README shows for its example are the ones `gigatrack extract` gives (null slots left out)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(\{.*?\n\})\n```", readme, re.S)
    assert block is not None
    shown = json.loads(block.group(1))
    result = CliRunner().invoke(cli, ["extract", str(ROOT / "examples" / f"{shown['id']}.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    facts = [{k: v for k, v in f.items() if v is not None} for f in printed["facts"]]
    assert {k: printed[k] for k in ("id", "url", "title", "published")} == {
        k: shown[k] for k in ("id", "url", "title", "published")
    }
    for fact in shown["facts"]:
        assert fact in facts
