"""The docs site (MkDocs + Material + mkdocstrings, configured in mkdocs.yml) builds in strict mode, covers
every page and every public module, and every public name has a docstring.

Public modules are found, not listed: ``ai_sdk`` and each ``ai_sdk.<name>`` outside the internal layers
(core, http, openai_compatible; ``ai_sdk.spec`` is public: custom models, middleware and test doubles
import its types) that exports names through ``__all__``. A new public package therefore
fails here until it has an API reference page and docstrings, which is the point.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import griffe
import pytest
import yaml
from markdown.extensions.toc import slugify

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
ARTIFACTS = ROOT / "artifacts" / "docs-site"
INTERNAL_LAYERS = frozenset({"core", "http", "openai_compatible"})


def _package() -> Any:
    return griffe.load("ai_sdk", search_paths=[str(ROOT / "src")], resolve_aliases=True, resolve_external=False)


def _public_modules(package: Any) -> dict[str, Any]:
    modules = {"ai_sdk": package}
    for name, member in package.members.items():
        if name.startswith("_") or name in INTERNAL_LAYERS or member.is_alias or not member.is_module:
            continue
        if member.exports:
            modules[f"ai_sdk.{name}"] = member
    return modules


def _nav_pages() -> set[str]:
    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may use !!python/name tags (Material's emoji extension); they are irrelevant to the nav.
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Loader)
    pages: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, str):
            pages.add(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(config["nav"])
    return pages


def test_every_page_is_in_the_nav() -> None:
    pages = {path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md")}
    missing = sorted(pages - _nav_pages())
    assert not missing, f"add these pages to `nav:` in mkdocs.yml: {missing}"
    dangling = sorted(_nav_pages() - pages)
    assert not dangling, f"mkdocs.yml's nav names pages that do not exist: {dangling}"


def test_every_public_module_has_a_reference_page() -> None:
    missing = []
    for name in _public_modules(_package()):
        page = DOCS / "reference" / f"{name.removeprefix('ai_sdk.') if name != 'ai_sdk' else 'ai_sdk'}.md"
        if not page.exists() or f"::: {name}\n" not in page.read_text():
            missing.append(f"{page.relative_to(ROOT)} with the line '::: {name}'")
    assert not missing, f"public modules without an API reference page; add {missing} and list them in mkdocs.yml"


def test_every_public_name_has_a_docstring() -> None:
    undocumented = []
    for module_name, module in _public_modules(_package()).items():
        for export in module.exports:
            name = str(export)
            if name.startswith("__"):
                continue
            member = module[name]
            target = member.final_target if member.is_alias else member
            if not (target.docstring and target.docstring.value.strip()):
                undocumented.append(f"{module_name}.{name} (defined at {target.path})")
    assert not undocumented, "public names without a docstring:\n  " + "\n  ".join(undocumented)


_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
_FENCED = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def _anchors(page: Path) -> set[str]:
    headings = re.findall(r"^#+\s+(.+?)\s*$", _FENCED.sub("", page.read_text()), re.MULTILINE)
    return {slugify(heading.replace("`", ""), "-") for heading in headings}


def test_the_readme_links_lead_somewhere() -> None:
    """The docs build checks the links between docs pages; the README, outside the site, is checked here:
    each relative link names an existing file, and each ``#anchor`` a heading of the page it points to."""
    readme = ROOT / "README.md"
    dead = []
    for target in _LINK.findall(_FENCED.sub("", readme.read_text())):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):
            continue
        path, _, anchor = target.partition("#")
        page = ROOT / path if path else readme
        if not page.exists() or (anchor and page.suffix == ".md" and anchor not in _anchors(page)):
            dead.append(target)
    assert not dead, f"README.md links to missing files or headings: {dead}"


_ROLE = re.compile(r":(?:py:)?(?:mod|func|class|meth|attr|data|exc|obj|const):`~?(?P<target>ai_sdk(?:\.\w+)+)`")


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            target: Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for name in parts[split:]:
            if name in getattr(target, "__annotations__", {}):  # a field without a class-level value
                return name == parts[-1]
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


def test_docstring_cross_references_name_real_objects() -> None:
    """A ``:class:`~ai_sdk.x.Y``` in a docstring is what the API reference shows a reader to look up: it
    must name something that exists (``ai_sdk.APICallError`` did not; it is ``ai_sdk.errors.APICallError``)."""
    broken = [
        f"{path.relative_to(ROOT)}: {match['target']}"
        for path in sorted((ROOT / "src" / "ai_sdk").rglob("*.py"))
        for match in _ROLE.finditer(path.read_text())
        if not _resolves(match["target"])
    ]
    assert not broken, "docstrings refer to names that do not exist:\n  " + "\n  ".join(broken)


def _build(site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return subprocess.run(mkdocs, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    built = _build(site)
    assert built.returncode == 0, f"mkdocs build --strict failed:\n{built.stdout}\n{built.stderr}"
    assert "WARNING" not in built.stderr, built.stderr
    return site


def test_the_site_builds_strictly_with_the_api_reference(site: Path) -> None:
    reference = (site / "reference" / "ai_sdk" / "index.html").read_text()
    for anchor in ('id="ai_sdk.generate_text"', 'id="ai_sdk.stream_text"', 'id="ai_sdk.GenerateTextResult"'):
        assert anchor in reference
    assert 'id="ai_sdk.deepinfra.create_deepinfra"' in (site / "reference" / "deepinfra" / "index.html").read_text()


def test_every_public_name_is_on_its_reference_page(site: Path) -> None:
    """Each name a public module exports has its entry (an anchor) on the module's API reference page; a
    name shadowed by a submodule of the same name, for one, silently vanished from the page."""
    missing = []
    for module_name, module in _public_modules(_package()).items():
        page = "ai_sdk" if module_name == "ai_sdk" else module_name.removeprefix("ai_sdk.")
        html = (site / "reference" / page / "index.html").read_text()
        missing += [
            f"{module_name}.{export}"
            for export in map(str, module.exports)
            if not export.startswith("__") and f'id="{module_name}.{export}"' not in html
        ]
    assert not missing, f"public names missing from the API reference: {missing}"


def _settings_types(package: Any) -> set[str]:
    """The typed dicts behind ``**settings: Unpack[...]`` in the public functions and constructors (overloads too)."""
    found: set[str] = set()
    for module in _public_modules(package).values():
        for export in map(str, module.exports):
            target = module[export].final_target if module[export].is_alias else module[export]
            functions = [target] if target.is_function else []
            if target.is_class:
                functions += [
                    member
                    for name, member in target.members.items()
                    if not member.is_alias and member.is_function and (name == "__init__" or not name.startswith("_"))
                ]
            for function in functions:
                for signature in [function, *(function.overloads or [])]:
                    for parameter in signature.parameters:
                        annotation = parameter.annotation
                        if (
                            parameter.kind is griffe.ParameterKind.var_keyword
                            and isinstance(annotation, griffe.ExprSubscript)
                            and annotation.canonical_name == "Unpack"
                        ):
                            found.add(annotation.slice.canonical_path)
    return found


def test_every_settings_type_of_a_public_signature_is_documented(site: Path) -> None:
    """``generate_text(..., **settings: Unpack[TextCallSettings])`` is all its reference entry shows: the
    keywords themselves must be on the reference's settings page, or a reader cannot find them."""
    page = (site / "reference" / "settings" / "index.html").read_text()
    types = _settings_types(_package())
    assert "ai_sdk.core.call_arguments.TextCallSettings" in types
    missing = sorted(name for name in types if f'id="{name}"' not in page)
    assert not missing, f"add '::: <name>' for these to docs/reference/settings.md: {missing}"


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.parametrize("page", ["index.html", "reference/ai_sdk/index.html"])
def test_a_browser_renders_the_site(site: Path, page: str) -> None:
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / (page.replace("/", "_").removesuffix(".html") + ".png")
    shot.unlink(missing_ok=True)
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--window-size=1280,900",
        f"--screenshot={shot}",
        (site / page).as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    # A blank 1280x900 page compresses to a few KB; a rendered page with text and a header is far larger.
    assert len(data) > 20_000, f"{shot} looks blank ({len(data)} bytes)"
