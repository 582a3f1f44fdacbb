"""What `pip install .` and the two locks give: a wheel built from the project (without
network, from a copy of the files it packages) holds every module, the templates, static
files and the seed article, and the command `news-archive`; the locks name PyPI only and
keep running apart from testing."""
from __future__ import annotations

import ast
import configparser
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from archive import __version__
from helpers import PROJECT

PACKAGED = ("archive", "index", "web")
DEV_ONLY = {"pytest", "hypothesis", "playwright", "matplotlib", "psutil"}


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(path: Path) -> set[str]:
    names = set()
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(normalized(re.split(r"[\s<>=!~;\[@]", line, maxsplit=1)[0]))
    return names


def pins(lock: Path) -> dict[str, str]:
    found = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(\S+)", lock.read_text(), re.MULTILINE)
    return {normalized(name): version for name, version in found}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT / name, source / name)
    for folder in (*PACKAGED, "seeds"):
        shutil.copytree(PROJECT / folder, source / folder, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "--wheel-dir", str(out), str(source)],
                   check=True, capture_output=True, timeout=300)
    [built] = out.glob("*.whl")
    with zipfile.ZipFile(built) as opened:
        yield opened


def test_the_wheel_holds_every_module_of_the_three_packages(wheel):
    names = set(wheel.namelist())
    modules = {path.relative_to(PROJECT).as_posix() for package in PACKAGED
               for path in (PROJECT / package).rglob("*.py") if "__pycache__" not in path.parts}
    assert modules <= names
    assert not [name for name in names if name.startswith(("tests/", "bench/"))]


def test_the_wheel_holds_templates_static_files_and_the_seeds(wheel):
    names = set(wheel.namelist())
    for folder in ("web/templates", "web/static", "seeds"):
        files = {path.name for path in (PROJECT / folder).iterdir() if path.is_file()}
        assert files
        packaged_as = "web/seeds" if folder == "seeds" else folder
        assert {f"{packaged_as}/{name}" for name in files} <= names


def test_the_wheel_names_the_command_version_and_dependencies(wheel):
    [entry_points] = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    scripts = configparser.ConfigParser()
    scripts.read_string(wheel.read(entry_points).decode())
    assert scripts["console_scripts"]["news-archive"] == "archive.__main__:main"
    [metadata] = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    text = wheel.read(metadata).decode()
    assert "Name: news-archive" in text and f"Version: {__version__}" in text
    required = {normalized(re.split(r"[\s<>=!~;\[(]", line.split(":", 1)[1].strip())[0])
                for line in text.splitlines() if line.startswith("Requires-Dist:")}
    assert required == requirement_names(PROJECT / "requirements.in")


def test_the_dependency_ranges_allow_the_locked_versions():
    from packaging.requirements import Requirement
    locked = pins(PROJECT / "requirements.txt")
    for line in tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]["dependencies"]:
        requirement = Requirement(line)
        assert requirement.specifier.contains(locked[normalized(requirement.name)]), line


def test_serve_finds_the_seed_article_next_to_its_module():
    from web.serve import DEFAULT_SEEDS
    assert sorted(p.name for p in DEFAULT_SEEDS.iterdir()) == sorted(p.name for p in (PROJECT / "seeds").iterdir())


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-dev.txt"])
def test_the_locks_name_no_machine_local_paths_and_hash_every_pin(lock):
    text = (PROJECT / lock).read_text()
    assert not re.search(r"file://|--find-links|--extra-index-url|--index-url|/opt/", text)
    entries = re.split(r"\n(?=[A-Za-z0-9])", text)[1:]  # each pin with its hashes and comments
    assert entries and all("==" in e.splitlines()[0] and "--hash=sha256:" in e for e in entries)


def test_running_needs_no_test_or_benchmark_tool():
    assert not DEV_ONLY & set(pins(PROJECT / "requirements.txt"))
    assert DEV_ONLY <= set(pins(PROJECT / "requirements-dev.txt"))
    assert requirement_names(PROJECT / "requirements.in") <= set(pins(PROJECT / "requirements.txt"))


def test_the_two_locks_agree_on_every_package_both_name():
    run, dev = pins(PROJECT / "requirements.txt"), pins(PROJECT / "requirements-dev.txt")
    assert {name: run[name] for name in run.keys() & dev.keys()} == {name: dev[name] for name in run.keys() & dev.keys()}


def test_no_packaged_module_imports_a_test_or_benchmark_tool():
    imported = {}
    for package in PACKAGED:
        for path in (PROJECT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    if name.split(".")[0] in DEV_ONLY:
                        imported[str(path.relative_to(PROJECT))] = name
    assert imported == {}
