"""Build-time hooks of the creative_econ site (``hooks:`` in mkdocs.yml).

What a page shows that the library itself knows is rendered from the library when the site is
built, so the site cannot drift from the code. Markdown pages ask for it with a comment:

* ``<!-- ce:dataset NAME -->`` — the provenance card of a bundled dataset (``NAME`` may end in
  ``*`` for a family such as ``scotland_ixi_*``), from ``ce.dataset_info`` and the loaded
  object. Every dataset in ``ce.list_datasets()`` must have exactly one card, or the build
  fails;
* ``<!-- ce:datasets-table -->`` — every bundled dataset, linked to its page;
* ``<!-- ce:scenario-schema -->`` — the scenario file format, from
  ``Scenario.model_json_schema()``;
* ``<!-- ce:cli-reference -->`` — the commands of ``creative-econ``, from the Typer app;
* ``<!-- ce:home-figure -->`` — the home page's figure and the numbers quoted with it.

The hooks also

* let notebook pages' maths render with the site's vendored MathJax: nbconvert writes
  ``$…$``, while the site's MathJax typesets arithmatex markup only;
* run notebooks with the inline matplotlib backend even when the environment sets
  ``MPLBACKEND=Agg`` (as headless CI does), which would otherwise drop every figure silently;
* keep pages that are being written (:data:`PENDING`) in the navigation as placeholders until
  their files exist;
* fail the build if a page would load a script, stylesheet, image or frame from the internet:
  the site must render offline.
"""

from __future__ import annotations

import fnmatch
import html
import io
import json
import logging
import os
import posixpath
import re
import textwrap
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.creative_econ_docs")

MARKER = re.compile(r"<!--\s*ce:(?P<kind>[a-z-]+)(?:\s+(?P<arg>[^\s>]+))?\s*-->")

#: Pages other engineers are writing: kept in the navigation until their files exist.
PENDING = {
    "guide/uncertainty.md": (
        "Uncertainty",
        "Monte Carlo uncertainty for scenarios (draws of coefficients, growth paths and "
        "regionalisation settings, with intervals on every result) is being added to "
        "`creative_econ.scenarios`. This page will describe it once it lands; until then, see "
        "[Scenarios](scenarios.md) for the deterministic engine it builds on.",
    ),
    "examples/semey_creative_hub.py": (
        "The Semey creative hub: uncertainty and spillovers to all 20 regions",
        "This worked example, a creative hub in Semey (Abai region) run through the "
        "multiregional model of Kazakhstan's 20 regions with Monte Carlo uncertainty, is being "
        "written together with the uncertainty module. Until then, the scenario file "
        "`examples/scenarios/semey_creative_hub.yaml` runs deterministically with "
        "`creative-econ run` (see [the command line](../guide/cli.md)).",
    ),
}

KIND_MEANING = {
    "official": "**official**: published by a statistical office or government; values as "
    "published",
    "textbook": "**textbook**: a published worked example (manual or teaching material), "
    "used to check the code against printed results",
    "hybrid": "**hybrid, not official**: official figures combined with estimates, borrowed "
    "structure or derived values (see the transformations)",
    "published": "**published figures**: numbers quoted from publications, each with its "
    "source and definition",
    "illustrative": "**illustrative**: built for examples, not data",
}

_STATE: dict[str, Any] = {"cards": {}, "home": None}


# ============================================================================ events
def on_config(config: Any) -> Any:
    # Kernels inherit this process's environment. ipykernel only picks the inline backend
    # (which is what turns figures into notebook outputs) when MPLBACKEND is unset.
    if os.environ.get("MPLBACKEND", "").lower() in {"agg", "svg", "pdf", "ps", "cairo"}:
        os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    _notebook_maths_as_arithmatex()
    return config


def on_files(files: Files, config: Any) -> Files:
    for src_uri, (title, text) in PENDING.items():
        if files.get_file_from_path(src_uri) is None:
            body = f"# {title}\n\n!!! note \"Being written\"\n    {text}\n"
            files.append(_PendingPage.generated(config, src_uri, content=body))
    _STATE["cards"] = _find_cards(files)
    svg, numbers = _home_figure()
    _STATE["home"] = numbers
    files.append(File.generated(config, "assets/figures/home-impact.svg", content=svg))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    def expand(match: re.Match[str]) -> str:
        kind, arg = match["kind"], match["arg"]
        where = page.file.src_uri
        if kind == "dataset":
            return _dataset_card(arg, where)
        if kind == "datasets-table":
            return _datasets_table(where)
        if kind == "scenario-schema":
            return _scenario_schema()
        if kind == "cli-reference":
            return _cli_reference()
        if kind == "home-figure":
            return _home_markdown()
        raise PluginError(f"{where}: unknown marker <!-- ce:{kind} -->.")

    return MARKER.sub(expand, markdown)


def on_page_content(content: str, page: Any, config: Any, files: Files) -> str:
    if page.file.src_uri.endswith((".py", ".ipynb")):
        content = _resolve_notebook_links(content, page, files)
    return content


def on_post_page(output: str, page: Any, config: Any) -> str:
    # nbconvert's template loads MathJax 2 from custom_mathjax_url, which is empty here: the
    # site's own MathJax 3 (extra_javascript) typesets every page.
    output = output.replace('<script src=""> </script>', "")
    remote = _remote_resources(output)
    if remote:
        raise PluginError(
            f"{page.file.src_uri}: the page would load {len(remote)} resource(s) from the "
            f"internet, but the site must render offline: {', '.join(sorted(remote)[:5])}"
        )
    return output


# ============================================================================ notebooks
def _notebook_maths_as_arithmatex() -> None:
    """Make nbconvert write notebook maths as arithmatex markup (``\\(…\\)``, ``\\[…\\]``)."""
    from nbconvert.filters.markdown_mistune import IPythonRenderer

    if getattr(IPythonRenderer, "_creative_econ_maths", False):
        return

    def inline_math(self: Any, body: str) -> str:
        return f'<span class="arithmatex">\\({self.escape_html(body)}\\)</span>'

    def block_math(self: Any, body: str) -> str:
        return f'<span class="arithmatex arithmatex-display">\\[{self.escape_html(body)}\\]</span>'

    def latex_environment(self: Any, name: str, body: str) -> str:
        name, body = self.escape_html(name), self.escape_html(body)
        return (f'<span class="arithmatex arithmatex-display">\\begin{{{name}}}{body}'
                f"\\end{{{name}}}</span>")

    IPythonRenderer.inline_math = inline_math
    IPythonRenderer.block_math = block_math
    IPythonRenderer.latex_environment = latex_environment
    IPythonRenderer._creative_econ_maths = True


_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")', re.IGNORECASE)


def _resolve_notebook_links(content: str, page: Any, files: Files) -> str:
    """Turn a notebook's links to pages (``../guide/x.md``, ``y.py#z``) into site URLs.

    MkDocs resolves and checks links in Markdown pages only; notebook pages arrive as HTML.
    A link to a page that does not exist fails the build, as it would on a Markdown page.
    """
    base = posixpath.dirname(page.file.src_uri)
    broken = []

    def fix(match: re.Match[str]) -> str:
        href = html.unescape(match[2])
        if not href or re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", href, re.IGNORECASE):
            return match[0]
        path, _, anchor = href.partition("#")
        if not path.endswith((".md", ".py", ".ipynb")):
            return match[0]
        target = files.get_file_from_path(posixpath.normpath(posixpath.join(base, path)))
        if target is None:
            broken.append(href)
            return match[0]
        url = target.url_relative_to(page.file) + (f"#{anchor}" if anchor else "")
        return f"{match[1]}{html.escape(url)}{match[3]}"

    content = _HREF.sub(fix, content)
    if broken:
        raise PluginError(f"{page.file.src_uri}: link(s) to pages that do not exist: "
                          + ", ".join(broken))
    return content


class _PendingPage(File):
    """A generated placeholder page, also for a notebook path such as ``examples/x.py``."""

    def is_documentation_page(self) -> bool:
        return True


_REMOTE_TAG = re.compile(r"<(script|link|img|iframe|source|video|audio|embed)\b[^>]*>",
                         re.IGNORECASE)
_REMOTE_ATTR = re.compile(r"\b(?:src|href|data)\s*=\s*[\"']((?:https?:)?//[^\"']+)",
                          re.IGNORECASE)


def _remote_resources(page_html: str) -> set[str]:
    found = set()
    for tag in _REMOTE_TAG.finditer(page_html):
        text = tag.group(0)
        if tag.group(1).lower() == "link" and not re.search(
                r"rel\s*=\s*[\"'][^\"']*(stylesheet|preload|icon|modulepreload)", text, re.I):
            continue
        found.update(m.group(1) for m in _REMOTE_ATTR.finditer(text))
    return found


# ============================================================================ datasets
def _registry() -> dict[str, Any]:
    import creative_econ as ce

    return {name: ce.dataset_info(name) for name in ce.list_datasets().index}


def _find_cards(files: Files) -> dict[str, str]:
    """Dataset name -> the page that holds its card; every dataset exactly once."""
    registry = _registry()
    cards: dict[str, str] = {}
    problems = []
    for f in files.documentation_pages():
        if not f.src_uri.endswith(".md") or f.abs_src_path is None:
            continue
        for m in MARKER.finditer(f.content_string):
            if m["kind"] != "dataset":
                continue
            names = _expand(m["arg"], registry)
            if not names:
                problems.append(f"{f.src_uri}: <!-- ce:dataset {m['arg']} --> matches no "
                                "bundled dataset")
            for name in names:
                if name in cards:
                    problems.append(f"dataset {name!r} has cards on {cards[name]} and "
                                    f"{f.src_uri}")
                cards[name] = f.src_uri
    missing = [name for name in registry if name not in cards]
    if missing:
        problems.append(
            "bundled dataset(s) without a page: " + ", ".join(missing) + ". Add a page "
            "docs/datasets/<name>.md that says what the data are, what is official and what is "
            "not, and holds the card <!-- ce:dataset <name> --> (and add it to the nav)."
        )
    if problems:
        raise PluginError("Dataset pages out of step with ce.list_datasets():\n  "
                          + "\n  ".join(problems))
    return cards


def _expand(pattern: str | None, registry: dict[str, Any]) -> list[str]:
    if not pattern:
        return []
    return [name for name in registry if fnmatch.fnmatchcase(name, pattern)]


def _md_cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _kind(kind: str, where: str) -> str:
    if kind not in KIND_MEANING:
        raise PluginError(f"{where}: dataset kind {kind!r} has no description in the docs "
                          f"hooks (KIND_MEANING); known: {', '.join(KIND_MEANING)}.")
    return KIND_MEANING[kind]


def _contents(obj: Any) -> str:
    """What the loaded object holds, in one line."""
    import pandas as pd

    import creative_econ as ce

    if isinstance(obj, ce.IOTable):
        parts = [f"`IOTable`, {obj.n} sectors, total output {float(obj.x.sum()):,.0f} {obj.unit}"]
        parts.append("final demand: " + ", ".join(f"`{c}`" for c in obj.final_demand.columns))
        va = getattr(obj, "value_added", None)
        if va is not None:
            parts.append("value added: " + ", ".join(f"`{r}`" for r in va.index))
        parts.append(f"employment in {obj.employment_unit}" if obj.employment is not None
                     else "no employment")
        parts.append("household closure for Type II" if obj.households is not None
                     else "no household closure (Type I only)")
        return "; ".join(parts)
    if isinstance(obj, ce.RegionalData):
        sectors = obj.basis(obj.bases[0]).shape[1]
        return (f"`RegionalData`, {len(obj.regions)} regions x {sectors} sectors; bases: "
                + ", ".join(obj.bases) + f"; year {obj.year}; border vintage "
                f"{obj.border_vintage}; unit {obj.unit}")
    if isinstance(obj, pd.DataFrame):
        text = f"`DataFrame`, {len(obj):,} rows; columns " + ", ".join(
            f"`{c}`" for c in obj.columns)
        if "year" in obj.columns and len(obj):
            text += f"; years {int(obj['year'].min())}–{int(obj['year'].max())}"
        return text
    return f"`{type(obj).__name__}`"


def _family_contents(obj: Any) -> str:
    import creative_econ as ce

    if isinstance(obj, ce.IOTable):
        return (f"`IOTable`, {obj.n} sectors, {obj.unit}; "
                + ("employment" if obj.employment is not None else "no employment") + "; "
                + ("household closure" if obj.households is not None else "no household closure"))
    if isinstance(obj, ce.RegionalData):
        return f"`RegionalData`; bases: {', '.join(obj.bases)}; unit {obj.unit}"
    return f"`{type(obj).__name__}`"


def _short(obj: Any) -> str:
    import creative_econ as ce

    if isinstance(obj, ce.IOTable):
        return f"{obj.n} sectors, output {float(obj.x.sum()):,.0f}"
    if isinstance(obj, ce.RegionalData):
        return f"{len(obj.regions)} regions, bases {', '.join(obj.bases)}"
    return _contents(obj)


def _dataset_card(pattern: str | None, where: str) -> str:
    import creative_econ as ce

    registry = _registry()
    names = _expand(pattern, registry)
    infos = [registry[n] for n in names]
    fields = [("status", "kind"), ("title", "title"), ("year", "year"), ("unit", "unit"),
              ("source", "source"), ("licence", "licence"), ("files", "files"),
              ("transformations", "transformations")]

    def show(field: str, value: Any) -> str:
        if field == "kind":
            return _kind(value, where)
        if field == "files":
            return ", ".join(f"`{v}`" for v in value) or "—"
        return _md_cell("—" if value in (None, "") else value)

    shared = [(label, attr) for label, attr in fields
              if len({json.dumps(getattr(i, attr), default=str) for i in infos}) == 1]
    varying = [(label, attr) for label, attr in fields if (label, attr) not in shared]
    title = (f"`{names[0]}`" if len(names) == 1
             else f"{len(names)} datasets `{pattern}`")
    lines = [f'!!! abstract "Provenance card: {title}"', "",
             "    From `ce.dataset_info(name)` and the loaded data, when this site was built.", "",
             "    | field | value |", "    |---|---|"]
    if len(names) == 1:
        lines.append(f"    | name | `{names[0]}` |")
    for label, attr in shared:
        lines.append(f"    | {label} | {show(attr, getattr(infos[0], attr))} |")
    if len(names) == 1:
        lines.append(f"    | contents | {_md_cell(_contents(ce.load_dataset(names[0])))} |")
    else:
        first = ce.load_dataset(names[0])
        lines.append(f"    | contents | each: {_md_cell(_family_contents(first))} |")
        header = ["name", *[label for label, _ in varying], "contents"]
        lines += ["", "    | " + " | ".join(header) + " |",
                  "    |" + "---|" * len(header)]
        for name, info in zip(names, infos, strict=True):
            cells = [f"`{name}`", *[show(attr, getattr(info, attr)) for _, attr in varying],
                     _md_cell(_short(ce.load_dataset(name)))]
            lines.append("    | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("    ```python")
    lines.append("    import creative_econ as ce")
    lines.append(f'    data = ce.load_dataset("{names[0]}")')
    lines.append("    ```")
    return "\n".join(lines) + "\n"


def _datasets_table(where: str) -> str:
    import creative_econ as ce

    frame = ce.list_datasets()
    cards: dict[str, str] = _STATE["cards"]
    here = posixpath.dirname(where)
    rows = ["| dataset | status | year | title | licence |", "|---|---|---|---|---|"]
    for name, row in frame.iterrows():
        page = cards.get(name)
        link = (f"[`{name}`]({posixpath.relpath(page, here or '.')})" if page
                else f"`{name}`")
        year = "" if row["year"] is None or row["year"] != row["year"] else int(row["year"])
        rows.append(f"| {link} | {row['kind']} | {year} | {_md_cell(row['title'])} | "
                    f"{_md_cell(row['licence'])} |")
    return "\n".join(rows) + "\n"


# ============================================================================ scenario schema
def _rst_to_md(text: str) -> str:
    text = text.replace("``", "`")
    text = re.sub(r":(?:meth|func|class|mod|attr):`~?([^`]+)`", r"`\1`", text)
    return re.sub(r"(?<!\n)\n(?!\n)", " ", text).strip()


def _anchor(name: str) -> str:
    return f"schema-{name.lower()}"


def _type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{_anchor(name)})"
    if "const" in schema:
        return f"`{json.dumps(schema['const'])}`"
    if "enum" in schema:
        return "one of " + ", ".join(f"`{json.dumps(v)}`" for v in schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            text = " or ".join(_type(s) for s in options)
            if len(options) < len(schema[key]):
                text += " or null"
            disc = schema.get("discriminator", {}).get("propertyName")
            return text + (f" (chosen by `{disc}`)" if disc else "")
    kind = schema.get("type")
    if kind == "array":
        if "prefixItems" in schema:
            return "[" + ", ".join(_type(s) for s in schema["prefixItems"]) + "]"
        return f"list of {_type(schema.get('items', {}))}"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"mapping of string to {_type(schema['additionalProperties'])}"
    return str(kind or "any")


def _constraints(schema: dict[str, Any]) -> list[str]:
    out = []
    for s in [schema, *schema.get("anyOf", [])]:
        for key, text in (("minimum", "≥ {}"), ("exclusiveMinimum", "> {}"),
                          ("maximum", "≤ {}"), ("exclusiveMaximum", "< {}"),
                          ("pattern", "matches `{}`"), ("minLength", "at least {} characters")):
            if key in s:
                out.append(text.format(s[key]))
        if s.get("type") == "array" and "prefixItems" not in s and "minItems" in s:
            out.append(f"at least {s['minItems']} item(s)")
    return out


def _scenario_schema() -> str:
    from creative_econ import Scenario

    schema = Scenario.model_json_schema()
    defs = schema.get("$defs", {})
    order, queue = [], ["Scenario"]
    while queue:  # breadth first from Scenario: the order a reader meets the models
        name = queue.pop(0)
        if name in order:
            continue
        order.append(name)
        model = ({k: v for k, v in schema.items() if k != "$defs"} if name == "Scenario"
                 else defs[name])
        refs = re.findall(r'"\$ref": "#/\$defs/([A-Za-z0-9_]+)"', json.dumps(model))
        queue += [r for r in refs if r not in order]
    unused = [name for name in defs if name not in order]
    order += unused
    parts = []
    for name in order:
        model = schema if name == "Scenario" else defs[name]
        required = set(model.get("required", []))
        parts.append(f"### `{name}` {{#{_anchor(name)}}}\n")
        if model.get("description"):
            parts.append(_rst_to_md(model["description"]) + "\n")
        if model.get("additionalProperties") is False:
            parts.append("Unknown fields are errors.\n")
        rows = ["| field | type | required / default | notes |", "|---|---|---|---|"]
        for field, prop in model.get("properties", {}).items():
            need = "**required**" if field in required else (
                f"default `{json.dumps(prop['default'])}`" if "default" in prop else "optional")
            notes = [*_constraints(prop)]
            if prop.get("description"):
                notes.insert(0, _rst_to_md(prop["description"]))
            text = " ".join(n if n.endswith(".") else n + "." for n in notes)
            rows.append(f"| `{field}` | {_md_cell(_type(prop))} | {need} | {_md_cell(text)} |")
        parts.append("\n".join(rows) + "\n")
    full = textwrap.indent("```json\n" + json.dumps(schema, indent=2) + "\n```", "    ")
    parts.append('??? note "The JSON Schema itself (as `creative-econ schema` prints it)"\n\n'
                 + full + "\n")
    return "\n".join(parts)


# ============================================================================ CLI reference
def _cli_reference() -> str:
    import typer.main

    from creative_econ.cli import app

    root = typer.main.get_command(app)
    parts = [f"{_rst_to_md(root.help or '')}\n"]
    for name, cmd in getattr(root, "commands", {}).items():
        # Typer vendors its own copy of click, so parameters are told apart by their kind.
        arguments = [p for p in cmd.params if p.param_type_name == "argument"]
        options = [p for p in cmd.params if p.param_type_name == "option"]
        usage = " ".join([f"creative-econ {name}", *(p.name.upper() for p in arguments),
                          *(["[OPTIONS]"] if options else [])])
        parts.append(f"### `creative-econ {name}`\n")
        parts.append(f"```text\n{usage}\n```\n")
        parts.append(_rst_to_md(cmd.help or "") + "\n")
        if cmd.params:
            rows = ["| argument or option | meaning | default |", "|---|---|---|"]
            for p in [*arguments, *options]:
                label = p.name.upper() if p in arguments else ", ".join(p.opts)
                default = ("required" if p.required else
                           "" if p.default is None else f"`{p.default}`")
                rows.append(f"| `{label}` | {_md_cell(getattr(p, 'help', '') or '')} | "
                            f"{default} |")
            parts.append("\n".join(rows) + "\n")
    return "\n".join(parts)


# ============================================================================ home figure
HOME_PRODUCTS = ("58", "59-60", "62", "73", "90", "91")


def _home_figure() -> tuple[bytes, dict[str, float]]:
    """Output per unit of final demand for the UK's creative products, by component."""
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    import creative_econ as ce

    uk = ce.load_dataset("uk_ioat_2010")
    m1 = uk.multipliers(type="I")["output"]
    m2 = uk.multipliers(type="II")["output"]
    products = list(HOME_PRODUCTS)
    labels = [f"{p}  {textwrap.shorten(str(uk.labels[p]), 38, placeholder='…')}"
              for p in products]
    direct = [1.0] * len(products)
    indirect = [float(m1[p]) - 1.0 for p in products]
    induced = [float(m2[p] - m1[p]) for p in products]
    fig = Figure(figsize=(8.0, 3.9), layout="constrained")
    FigureCanvasSVG(fig)
    ax = fig.add_subplot()
    y = list(range(len(products)))[::-1]
    ax.barh(y, direct, color="#5e35b1", label="direct")
    ax.barh(y, indirect, left=direct, color="#9575cd", label="indirect (supply chain)")
    ax.barh(y, induced, left=[a + b for a, b in zip(direct, indirect, strict=True)],
            color="#d1c4e9", label="induced (households, Type II)")
    ax.set_yticks(y, labels)
    ax.set_xlabel("output per £1 of final demand (£)")
    ax.set_title("UK creative products, ONS input–output tables 2010", loc="left",
                 fontsize="medium")
    fig.legend(loc="outside lower center", ncols=3, frameon=False, fontsize="small")
    ax.spines[["top", "right"]].set_visible(False)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    impact = uk.impact({"90": 100.0}, type="II").summary()
    numbers = {
        "m1_90": float(m1["90"]), "m2_90": float(m2["90"]),
        "out_I_90": 100.0 * float(m1["90"]), "out_II_90": float(impact.loc["output", "total"]),
        "gva_II_90": float(impact.loc["gva", "total"]),
        "low": min(float(m1[p]) for p in products), "high": max(float(m1[p]) for p in products),
    }
    return buffer.getvalue(), numbers


def _home_markdown() -> str:
    n = _STATE["home"]
    caption = (
        f"Per £1 of final demand, the UK's creative products need £{n['low']:.2f}–"
        f"£{n['high']:.2f} of output from the whole economy (Type I: direct plus supply "
        f"chain); household spending of the wages earned adds the induced part (Type II). "
        f"For creative, arts and entertainment services (product 90), £100m more final "
        f"demand supports £{n['out_I_90']:.1f}m of output under Type I and "
        f"£{n['out_II_90']:.1f}m under Type II, with £{n['gva_II_90']:.1f}m of gross value "
        f"added. Computed from the bundled ONS table when this site was built."
    )
    return (f'<figure markdown="span">\n'
            f'  ![{html.escape("Output multipliers of UK creative products")}]'
            f"(assets/figures/home-impact.svg)\n"
            f"  <figcaption>{caption}</figcaption>\n</figure>\n")
