"""The command line: global options on either side of the command, help on everything,
--version, and the exit codes the README documents."""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys

import pytest

from archive import __version__
from archive.__main__ import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, build_parser, main
from helpers import PROJECT


def stats_of(capsys, argv) -> dict:
    assert main(argv) == EXIT_OK
    return json.loads(capsys.readouterr().out)


def every_parser(parser: argparse.ArgumentParser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from every_parser(sub)


def test_data_is_accepted_before_the_command(tmp_path, capsys):
    assert stats_of(capsys, ["--data", str(tmp_path / "a"), "stats"])["data"] == str(tmp_path / "a")


def test_data_is_accepted_after_the_command(tmp_path, capsys):
    assert stats_of(capsys, ["stats", "--data", str(tmp_path / "b")])["data"] == str(tmp_path / "b")


@pytest.mark.parametrize("argv", [
    ["--data", "D", "-v", "stats"], ["stats", "--data", "D", "-v"], ["-v", "stats", "--data", "D"],
    ["--data", "D", "stats", "--verbose"]])
def test_global_options_on_either_side_are_kept(argv):
    args = build_parser().parse_args(argv)
    assert (args.data, args.verbose) == ("D", True)


def test_global_options_default_when_given_nowhere():
    args = build_parser().parse_args(["stats"])
    assert (args.data, args.verbose) == (None, False)


def test_an_option_after_the_command_wins_over_one_before():
    assert build_parser().parse_args(["--data", "first", "stats", "--data", "second"]).data == "second"


def test_every_option_and_positional_of_every_command_has_help():
    missing = [f"{parser.prog}: {action.dest}" for parser in every_parser(build_parser())
               for action in parser._actions
               if not isinstance(action, argparse._SubParsersAction) and not action.help]
    assert missing == []
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert all(choice.help for choice in commands._choices_actions)


def test_serve_help_explains_host_port_and_threads(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["serve", "--help"])
    assert stop.value.code == EXIT_OK
    shown = " ".join(capsys.readouterr().out.split())  # help is wrapped to the terminal
    for option in ("--host", "--port", "--threads", "--data", "--access-log"):
        assert option in shown
    assert "ARCHIVE_UPLOAD_TOKEN" in shown and "one serving process" in shown


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        build_parser(prog="news-archive").parse_args(["--version"])
    assert stop.value.code == EXIT_OK
    assert capsys.readouterr().out.strip() == f"news-archive {__version__}"


def test_help_lists_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    for code in (EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED):
        assert re.search(rf"^  {code} ", shown, re.MULTILINE)


def test_the_readme_documents_the_same_exit_codes():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Exit codes"):].split("\n#", 1)[0]
    documented = {int(code) for code in re.findall(r"^\| `(\d+)` \|", section, re.MULTILINE)}
    assert documented == {EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED}


def test_a_wrong_command_line_exits_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["no-such-command"])
    assert stop.value.code == EXIT_USAGE
    assert "invalid choice" in capsys.readouterr().err


def test_ingest_that_reads_nothing_exits_1(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["ingest", str(tmp_path / "empty.txt"), "--data", str(tmp_path / "data")]) == EXIT_FAILED
    assert "empty file" in capsys.readouterr().out


def test_a_data_folder_that_is_a_file_exits_1_with_one_line(tmp_path, capsys):
    (tmp_path / "not-a-folder").write_text("x")
    assert main(["--data", str(tmp_path / "not-a-folder"), "stats"]) == EXIT_FAILED
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("archive: Not a directory")


def test_serve_beyond_this_machine_without_a_token_exits_2(tmp_path, monkeypatch):
    monkeypatch.delenv("ARCHIVE_UPLOAD_TOKEN", raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--data", str(tmp_path / "data")]) == EXIT_USAGE


def run_cli(*argv: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archive", *argv], capture_output=True, text=True,
                          cwd=PROJECT, env={**os.environ, **env}, timeout=60)


def test_a_setting_that_cannot_be_used_exits_1(tmp_path):
    done = run_cli("--data", str(tmp_path / "data"), "stats", ARCHIVE_MAX_UPLOAD_BYTES="lots")
    assert done.returncode == EXIT_FAILED
    assert "ARCHIVE_MAX_UPLOAD_BYTES" in done.stderr


def test_the_program_names_itself_as_it_was_run(tmp_path):
    done = run_cli("--version")
    assert (done.returncode, done.stdout.strip()) == (EXIT_OK, f"python -m archive {__version__}")


@pytest.mark.parametrize("variable, value, command, message", [
    ("ARCHIVE_PORT", "abc", "serve", "archive: ARCHIVE_PORT must be a whole number, not 'abc'"),
    ("ARCHIVE_RATE_LIMIT", "fast", "stats", "archive: ARCHIVE_RATE_LIMIT must be a number, not 'fast'"),
])
def test_a_setting_that_is_not_a_number_fails_with_one_line_naming_it(tmp_path, variable, value, command, message):
    env = {**os.environ, variable: value, "ARCHIVE_DATA": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "archive", command], cwd=PROJECT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == EXIT_FAILED
    assert done.stderr.strip() == message  # no traceback


def test_a_bad_port_setting_concerns_serve_only(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ARCHIVE_PORT", "abc")
    assert stats_of(capsys, ["--data", str(tmp_path / "a"), "stats"])["articles"] == 0
