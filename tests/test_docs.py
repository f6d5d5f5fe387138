"""The documentation site builds with --strict, executing every worked example once.

The site is built once per test session (:func:`built_site`), with
``CREATIVE_ECON_EXAMPLES=small`` so that the examples run small (fewer years, grid points or
draws); ``make docs`` runs them in full. ``tests/test_site_browser.py`` loads the same build in
headless Chromium, so each example runs once per test run. The tests here check what a reader
would otherwise find broken: pages missing from the build, examples that did not run or lost
their figures, maths left as raw TeX, links between pages that lead nowhere, resources fetched
from the internet, and pages that drift from the code (datasets, scenario schema, CLI).
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SMALL_ENV = {"NO_MKDOCS_2_WARNING": "1", "MPLBACKEND": "Agg", "CREATIVE_ECON_EXAMPLES": "small"}
#: Worked examples without a figure (propose one to their authors before adding to this set).
EXAMPLES_WITHOUT_FIGURES = {"reproducing_published_multipliers"}
#: What an example's executed page must show (beyond figures and maths), by example.
EXAMPLE_OUTPUTS = {
    "forecast_kazakhstan": ("fell back to ARIMA(0,1,0) with drift",
                            "GrowthPathDistribution of GVA J+M+R"),
    "regionalising_uk_to_scotland": ("MAPE, %", "mean MAPE over"),
    "reaching_the_unesco_benchmark": ("above 3.1% of GVA already", "extra creative final demand"),
}
#: Markdown pages whose ```python blocks are complete programs, run by a test.
RUNNABLE_PAGES = ("index.md", "quickstart.md", "guide/scenarios.md")


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    returncode: int
    seconds: float
    log: str


_BUILT: dict[str, BuiltSite] = {}


def built_site(base: Path) -> BuiltSite:
    """Build the site into ``base/site`` once per process (later calls return the same build).

    Skips when mkdocs is not installed; a failed build is returned, not raised, so that each
    test reports it.
    """
    if "site" in _BUILT:
        return _BUILT["site"]
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent))
    if mkdocs is None:
        pytest.skip("mkdocs is not installed (pip install -e '.[docs]')")
    site = base / "site"
    start = time.perf_counter()
    out = subprocess.run([mkdocs, "build", "--strict", "-d", str(site)], cwd=ROOT,
                         env=os.environ | SMALL_ENV, capture_output=True, text=True, timeout=900)
    _BUILT["site"] = BuiltSite(path=site, returncode=out.returncode,
                               seconds=time.perf_counter() - start, log=out.stderr)
    return _BUILT["site"]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    built = built_site(tmp_path_factory.getbasetemp())
    assert built.returncode == 0, built.log[-6000:]
    return built


def _page(site: BuiltSite, src: str) -> str:
    return (site.path / _dest(src)).read_text(encoding="utf-8")


def _dest(src: str) -> str:
    stem = src.rsplit(".", 1)[0]
    return "index.html" if stem == "index" else (
        f"{stem[:-len('/index')]}/index.html" if stem.endswith("/index") else f"{stem}/index.html")


def _nav_pages() -> list[str]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    pages: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            pages.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(config["nav"])
    return pages


def _hooks():
    path = ROOT / "docs" / "_hooks" / "creative_econ_docs.py"
    spec = importlib.util.spec_from_file_location("creative_econ_docs_hooks", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _examples() -> list[str]:
    return [p for p in _nav_pages() if p.startswith("examples/") and (ROOT / p).exists()]


# ============================================================================ the build
@pytest.mark.slow
def test_site_builds_strictly_with_executed_examples(site: BuiltSite) -> None:
    assert (site.path / "index.html").exists()
    page = _page(site, "examples/reproducing_published_multipliers.py")
    assert "Largest difference from the printed values" in page
    assert "1.7048" in page
    api = _page(site, "api.md")
    assert "from_frames" in api
    # generous: the build takes about half a minute with small examples on two cores
    assert site.seconds < 300, f"the docs build took {site.seconds:.0f} s"


@pytest.mark.slow
def test_every_page_in_the_navigation_is_built(site: BuiltSite) -> None:
    missing = [p for p in _nav_pages() if not (site.path / _dest(p)).exists()]
    assert not missing


@pytest.mark.slow
@pytest.mark.parametrize("example", _examples())
def test_worked_example_ran_with_figures_and_maths(site: BuiltSite, example: str) -> None:
    page = _page(site, example)
    source = (ROOT / example).read_text(encoding="utf-8")
    assert "jp-OutputArea-output" in page, "the notebook was not executed"
    assert "Traceback (most recent call last)" not in page
    name = Path(example).stem
    if name not in EXAMPLES_WITHOUT_FIGURES:
        assert re.search(r'<img[^>]+src="data:image/png;base64,', page), "no figure"
    if "CREATIVE_ECON_EXAMPLES" in source and "run size:" in source:
        assert "run size: small" in page  # the environment reached the kernel
    if "$" in source:
        assert 'class="arithmatex' in page
    for text in EXAMPLE_OUTPUTS.get(name, ()):
        assert html.escape(text, quote=False) in page, text


@pytest.mark.slow
def test_notebook_pages_have_rendered_maths_markup_and_resolved_links(site: BuiltSite) -> None:
    notebooks = [p for p in _nav_pages() if p.endswith(".py") and (ROOT / "docs" / p).exists()]
    assert "methodology.py" in notebooks
    for src in notebooks:
        page = _page(site, src)
        body = page[page.find('class="jupyter-wrapper"'):]
        markdown_cells = re.findall(r'jp-RenderedMarkdown[^>]*>(.*?)</div>', body, re.DOTALL)
        raw_tex = [c for c in markdown_cells if re.search(r"(?<!\\)\$[^$<]+\$", c)]
        assert not raw_tex, f"{src}: maths left as raw TeX: {raw_tex[0][:200]}"
        links = re.findall(r'<a\b[^>]*href="([^"]+)"', body)
        to_sources = [u for u in links if re.search(r"\.(md|py|ipynb)(#|$)", u)
                      and not u.startswith("http")]
        assert not to_sources, f"{src}: links to source files, not pages: {to_sources}"
        here = (site.path / _dest(src)).parent
        for url in links:
            path, _, anchor = url.partition("#")
            if not anchor or url.startswith(("http", "#")) or not path:
                continue
            target = (here / path / "index.html").resolve()
            assert target.exists(), (src, url)
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (src, url)
        assert '<script src="">' not in page


@pytest.mark.slow
def test_site_loads_nothing_from_the_internet(site: BuiltSite) -> None:
    hooks = _hooks()
    remote = {}
    for path in site.path.rglob("*.html"):
        found = hooks._remote_resources(path.read_text(encoding="utf-8"))
        if found:
            remote[str(path.relative_to(site.path))] = sorted(found)
    assert not remote
    assert (site.path / "javascripts" / "mathjax" / "tex-svg.js").exists()


# ============================================================================ pages from code
@pytest.mark.slow
def test_methodology_numbers_come_from_executed_code(site: BuiltSite) -> None:
    page = _page(site, "methodology.py")
    outputs = "".join(re.findall(r'jp-OutputArea-output[^>]*>(.*?)</div>', page, re.DOTALL))
    for number in ("1.7048", "1.8413", "1.3782", "1.8924", "1.7733", "1.2885"):
        assert number in outputs, number
    assert "largest difference from the printed four decimals" in outputs
    assert not (ROOT / "docs" / "methodology.md").exists()


@pytest.mark.slow
def test_every_bundled_dataset_has_a_page_with_its_provenance(site: BuiltSite) -> None:
    import creative_econ as ce

    pages = {p: html.unescape(p.read_text(encoding="utf-8"))
             for p in (site.path / "datasets").rglob("index.html")}
    overview = html.unescape((site.path / "datasets" / "index.html").read_text(encoding="utf-8"))
    frame = ce.list_datasets()
    for name in frame.index[frame["kind"] != "user"]:  # not datasets other tests registered
        info = ce.dataset_info(name)
        cell = f"<td><code>{name}</code></td>"
        holding = [p for p, text in pages.items() if "Provenance card" in text and cell in text]
        assert len(holding) == 1, (name, holding)
        text = pages[holding[0]]
        assert info.licence in text, name
        assert info.kind in text, name
        assert f"<code>{name}</code>" in overview, name


@pytest.mark.slow
def test_scenario_schema_page_matches_the_models(site: BuiltSite) -> None:
    import creative_econ as ce

    page = html.unescape(_page(site, "scenario_schema.md"))
    schema = ce.Scenario.model_json_schema()
    models = {"Scenario": schema, **schema.get("$defs", {})}
    for name, model in models.items():
        assert f'id="schema-{name.lower()}"' in page, name
        for field in model.get("properties", {}):
            assert f"<code>{field}</code>" in page, (name, field)
    assert f'"title": "{schema["title"]}"' in re.sub(r"<[^>]+>", "", page)


@pytest.mark.slow
def test_cli_page_lists_every_command(site: BuiltSite) -> None:
    import typer.main

    from creative_econ.cli import app

    page = html.unescape(_page(site, "guide/cli.md"))
    for name, command in typer.main.get_command(app).commands.items():
        assert f"<code>creative-econ {name}</code>" in page, name
        for param in command.params:
            label = (param.name.upper() if param.param_type_name == "argument"
                     else ", ".join(param.opts))
            assert f"<code>{label}</code>" in page, (name, label)


@pytest.mark.slow
def test_home_page_figure_and_numbers_are_computed(site: BuiltSite) -> None:
    import creative_econ as ce

    page = html.unescape(_page(site, "index.md"))
    assert 'src="assets/figures/home-impact.svg"' in page
    svg = (site.path / "assets" / "figures" / "home-impact.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml")
    assert "<svg" in svg
    m = ce.load_dataset("uk_ioat_2010").multipliers(type="I").loc["90", "output"]
    assert f"£{100 * m:.1f}m of output under Type I" in page


# ============================================================================ without the site
@pytest.mark.parametrize("page", RUNNABLE_PAGES)
def test_python_on_the_page_runs(page: str, tmp_path: Path, monkeypatch) -> None:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    assert blocks
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, f"docs/{page}", "exec"), {"__name__": "__docs__"})


@pytest.mark.parametrize("page", ["scenario_schema.md", "guide/scenarios.md"])
def test_scenario_yaml_on_the_page_is_valid(page: str) -> None:
    import creative_econ as ce

    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    specs = re.findall(r"^```yaml\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    specs += re.findall(r'from_yaml\("""\n(.*?)"""\)', text, re.DOTALL)
    specs = [s for s in specs if "\nshocks:" in "\n" + s and "sectr:" not in s]
    assert specs
    for spec in specs:
        ce.Scenario.from_yaml(spec)


def test_offline_check_finds_remote_scripts_styles_and_images() -> None:
    hooks = _hooks()
    page = ('<script src="https://cdn.example/x.js"></script>'
            '<link rel="stylesheet" href="//fonts.example/f.css">'
            '<img src="http://example.org/a.png"><a href="https://example.org">a link</a>'
            '<link rel="canonical" href="https://example.org/page">'
            '<script src="../javascripts/mathjax/tex-svg.js"></script>')
    assert hooks._remote_resources(page) == {
        "https://cdn.example/x.js", "//fonts.example/f.css", "http://example.org/a.png"}


def test_schema_types_render_readably() -> None:
    hooks = _hooks()
    assert hooks._type({"anyOf": [{"type": "number", "minimum": 0}, {"type": "null"}]}) == (
        "number or null")
    assert hooks._type({"type": "array", "prefixItems": [{"type": "integer"}] * 2}) == (
        "[integer, integer]")
    assert hooks._type({"$ref": "#/$defs/Phase"}) == "[Phase](#schema-phase)"
    assert hooks._constraints({"anyOf": [{"type": "number", "exclusiveMinimum": -1.0},
                                         {"type": "null"}]}) == ["> -1.0"]
    assert json.loads(json.dumps(hooks.PENDING))  # plain data
