"""The measures modules compute and never draw: importing them leaves manim out of sys.modules.

Like nnmath's own test (tests/nnmath/test_network.py), this runs in a fresh
interpreter. A chapter's ``__init__`` imports its scenes (and so manim), so the
chapter package itself is stood in for by a bare package object: what is
checked is the measures modules and everything *they* import.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

_PROBE = r"""
import importlib, json, pathlib, sys, types

root = pathlib.Path("scenes")
checked, offenders = [], {}

def check(name):
    importlib.import_module(name)
    checked.append(name)
    if "manim" in sys.modules and not offenders:
        offenders[name] = "manim"

for shared in ("scenes.common.measures", "scenes.common.descent", "scenes.common.descent_surface"):
    check(shared)
for name in sys.argv[1:]:  # extra modules, for the test that the probe can fail
    check(name)
for package in sorted(p for p in root.iterdir() if (p / "__init__.py").exists() and p.name != "common"):
    files = [package / "measures.py"] if (package / "measures.py").exists() else \
        sorted((package / "measures").glob("*.py"))
    if not files:
        continue
    stub = types.ModuleType(f"scenes.{package.name}")
    stub.__path__ = [str(package)]
    sys.modules[stub.__name__] = stub
    for file in files:
        name = ".".join(file.with_suffix("").parts)
        check(name.removesuffix(".__init__"))
print(json.dumps({"checked": checked, "offenders": offenders}))
"""


def _probe(*extra: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE, *extra], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_measures_modules_do_not_import_manim():
    report = _probe()
    assert {"scenes.common.measures", "scenes.common.descent", "scenes.common.descent_surface"} <= set(report["checked"])
    assert any(name.startswith("scenes.chapter") for name in report["checked"])
    assert report["offenders"] == {}, f"first module to pull in manim: {report['offenders']}"


def test_the_probe_names_a_module_that_imports_manim():
    assert _probe("scenes.common.palette")["offenders"] == {"scenes.common.palette": "manim"}
