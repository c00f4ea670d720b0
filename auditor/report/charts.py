"""Figures of the opinion: one chart per question that makes the case at a glance.

Each chart is drawn from the findings' own figures (counts only: never a value of the data, never a
pseudonym), rendered by matplotlib to SVG with its text kept as text, and returned with the same figures
as table rows, which the templates print beside the picture for screen readers and for anyone who
prefers to read numbers. A chart whose data is absent is ``None``: the templates then show nothing,
not an empty frame.

The SVG is deterministic (fixed hash salt, no date) so that two runs on the same data give the same
report, and self-contained (no script, no external font or image).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html import escape
from typing import Any

from auditor.findings import Finding
from auditor.report.model import nombre, percent

INK = "#000000"
DARK = "#404040"
LIGHT = "#c8c8c8"
FONT = ["DejaVu Sans"]  # shipped with matplotlib: the same metrics everywhere


@dataclass
class Chart:
    """One figure: its SVG, a title, a caption, and the figures as a table (header + rows)."""

    key: str
    title: str
    caption: str
    svg: str
    header: list[str]
    rows: list[list[str]]
    numbers: list[str] = field(default_factory=list)  # the finding numbers the chart is drawn from


# ---------------------------------------------------------------------------- drawing
def _rc() -> dict[str, Any]:
    return {
        "svg.hashsalt": "auditor",
        "svg.fonttype": "none",
        "font.family": FONT,
        "font.size": 8.5,
        "axes.edgecolor": INK,
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _fr_ticks(ax: Any, axis: str = "y") -> None:
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(lambda v, _pos: nombre(int(v)) if float(v).is_integer() else nombre(round(float(v), 1)))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def _svg(fig: Any, title: str, key: str) -> str:
    """The figure as an inline <svg> element with an accessible title (no XML prolog, no doctype)."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Title": title})
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    title_id = f"figure-{key}-titre"
    text = text.replace("<svg ", f'<svg role="img" aria-labelledby="{title_id}" class="chart" ', 1)
    head_end = text.index(">") + 1
    return text[:head_end] + f'\n <title id="{title_id}">{escape(title)}</title>' + text[head_end:]


def _figure(width: float = 6.4, height: float = 2.9) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=72)
    fig.set_layout_engine("constrained")
    return fig


def _barh(labels: list[str], values: list[float], marks: list[bool], xlabel: str, key: str, title: str,
          value_text: list[str] | None = None) -> str:
    """Horizontal bars, top to bottom in the given order; ``marks`` darkens the bars that carry the case."""
    import matplotlib

    with matplotlib.rc_context(_rc()):
        fig = _figure(height=max(1.3, 0.26 * len(labels) + 0.8))
        ax = fig.add_subplot()
        ypos = list(range(len(labels)))[::-1]
        bars = ax.barh(ypos, values, color=[DARK if m else LIGHT for m in marks], edgecolor=INK, linewidth=0.6)
        for bar, label, value in zip(bars, labels, values):
            bar.set_gid(f"barre-{key}-{_slug(label)}")
        ax.set_yticks(ypos, labels)
        ax.set_xlabel(xlabel)
        _fr_ticks(ax, "x")
        texts = value_text or [nombre(v) for v in values]
        ax.bar_label(bars, labels=texts, padding=3, fontsize=8)
        ax.set_xlim(0, max(values or [1]) * 1.18 or 1)
        return _svg(fig, title, key)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().encode("ascii", "ignore").decode()).strip("-") or "x"


# ---------------------------------------------------------------------------- the four charts
def exposure_chart(f: Finding, number: str) -> Chart | None:
    """Readable persons per worker against the persons the worker follows (access.exposure_ratio)."""
    points = f.details.get("distribution")
    if not points:
        return None
    import matplotlib

    pts = [(int(c), int(r)) for c, r in points]
    total = int(f.details.get("persons_total") or max(r for _c, r in pts) or 0)
    threshold = float(f.details.get("threshold") or 2.0)
    title = "Dossiers lisibles par chaque travailleur social, rapportés aux personnes qu'il suit"
    with matplotlib.rc_context(_rc()):
        fig = _figure(height=2.5)
        ax = fig.add_subplot()
        top_x = max([c for c, _r in pts] + [1]) * 1.1
        ax.plot([0, top_x], [0, top_x], color=INK, linewidth=0.8, linestyle="--",
                label="lecture limitée aux personnes suivies", gid="ligne-portefeuille")
        ax.plot([0, top_x], [0, threshold * top_x], color=DARK, linewidth=0.8, linestyle=":",
                label=f"seuil : {nombre(threshold)} fois les personnes suivies", gid="ligne-seuil")
        over = [(c, r) for c, r in pts if r > threshold * max(c, 0) and not (c == 0 and r == 0)]
        under = [(c, r) for c, r in pts if (c, r) not in over]
        if over:
            ax.scatter([c for c, _ in over], [r for _, r in over], s=22, color=DARK, edgecolor=INK, linewidth=0.5,
                       label="au-delà du seuil", gid="points-au-dela", zorder=3)
        if under:
            ax.scatter([c for c, _ in under], [r for _, r in under], s=22, color="white", edgecolor=INK,
                       linewidth=0.7, label="en deçà du seuil", gid="points-en-deca", zorder=3)
        if total:
            ax.axhline(total, color=INK, linewidth=0.6, gid="ligne-total")
            ax.annotate(f"toute la base : {nombre(total)} personnes", (0, total), xytext=(2, 3),
                        textcoords="offset points", fontsize=7.5)
        ax.set_xlim(0, top_x)
        ax.set_ylim(0, max([r for _c, r in pts] + [total, 1]) * 1.12)
        ax.set_xlabel("Personnes suivies (affectations)")
        ax.set_ylabel("Personnes dont le dossier est lisible")
        _fr_ticks(ax, "x")
        _fr_ticks(ax, "y")
        ax.legend(loc="center right", fontsize=7, frameon=False)
        svg = _svg(fig, title, "exposition")
    buckets = [("au plus 1 fois (son portefeuille)", 0, 1), ("de 1 à 2 fois", 1, 2), ("de 2 à 10 fois", 2, 10),
               ("de 10 à 100 fois", 10, 100), ("plus de 100 fois", 100, float("inf"))]
    def ratio(c: int, r: int) -> float:
        return r / c if c else (float("inf") if r else 0.0)

    rows = []
    for label, lo, hi in buckets:
        n = sum(1 for c, r in pts if (lo < ratio(c, r) <= hi) or (lo == 0 and ratio(c, r) == 0))
        if n:
            rows.append([label, nombre(n)])
    everything = sum(1 for _c, r in pts if total and r >= total)
    if everything:
        rows.append(["dont : lisent toute la base", nombre(everything)])
    caption = (f"Chaque point est un travailleur social actif ({nombre(len(pts))} en tout) : en abscisse les personnes "
               f"qu'il suit, en ordonnée celles dont il peut lire le dossier. Les points au-dessus de la ligne en tirets "
               f"lisent plus que leur portefeuille (constat {number}).")
    return Chart("exposition", title, caption, svg, ["Lecture possible, rapportée aux personnes suivies", "Professionnels"],
                 rows, [number])


def kanon_chart(f: Finding, number: str) -> Chart | None:
    """Rows of a statistics table by the size of their quasi-identifier group (nominative.k_anonymity)."""
    bands = f.details.get("rows_by_group_size")
    k = f.details.get("k")
    if not bands or not k:
        return None
    labels, values, marks = [], [], []
    for label, rows in bands.items():
        lo = int(str(label).split("-")[0].rstrip("+"))
        labels.append(f"groupes de {label.replace('-', ' à ').replace('+', ' et plus')}")
        values.append(int(rows))
        marks.append(lo < int(k))
    title = f"« {f.table} » : lignes selon la taille de leur groupe (k-anonymat, seuil {k})"
    svg = _barh(labels, values, marks, "Lignes de la table", "k-anonymat", title)
    rows = [[lab, nombre(v), "oui" if m else "non"] for lab, v, m in zip(labels, values, marks)]
    caption = (f"Une ligne seule dans son groupe (ou dans un groupe de moins de {k}) peut désigner une personne. "
               f"Barres foncées : lignes exposées ({nombre(f.affected)} sur {nombre(f.total)}, constat {number}).")
    return Chart("k-anonymat", title, caption, svg, ["Taille du groupe", "Lignes", f"Moins de {k}"], rows, [number])


RETENTION_RULES = ("retention.person_past_period", "retention.file_past_period", "retention.log_past_period",
                   "retention.rows_past_period")
BUCKETS = (("overrun_lt_1y", "moins d'un an"), ("overrun_1_3y", "de 1 à 3 ans"), ("overrun_gt_3y", "plus de 3 ans"))


def retention_chart(items: list[tuple[Finding, str]]) -> Chart | None:
    """Overruns by category and by how long past the period (retention rules with buckets).

    Each bar is the share of the category's elements kept past their period, split by how long past;
    shares rather than counts, so that a log of millions of lines does not flatten the files beside it.
    """
    series = []
    for f, number in items:
        if f.rule not in RETENTION_RULES or not f.total or not any(f.details.get(k) for k, _ in BUCKETS):
            continue
        what = str(f.details.get("unit") or "lignes")
        label = _wrap(f"{what} de « {f.table} »" if f.table else what, 30)
        series.append((label, [int(f.details.get(k) or 0) for k, _ in BUCKETS], int(f.total), number))
    if not series:
        return None
    import matplotlib

    title = "Éléments conservés au-delà de la durée applicable, par ancienneté du dépassement"
    with matplotlib.rc_context(_rc()):
        fig = _figure(height=max(1.6, 0.34 * len(series) + 1.0))
        ax = fig.add_subplot()
        ypos = list(range(len(series)))[::-1]
        left = [0.0] * len(series)
        shades = ["#e0e0e0", "#909090", "#303030"]
        for b, ((_key, blabel), shade) in enumerate(zip(BUCKETS, shades)):
            vals = [100.0 * s[1][b] / s[2] for s in series]
            bars = ax.barh(ypos, vals, left=left, color=shade, edgecolor=INK, linewidth=0.6, label=f"dépassé de {blabel}")
            for bar, s in zip(bars, series):
                bar.set_gid(f"barre-conservation-{_slug(s[0])}-{b}")
            left = [a + v for a, v in zip(left, vals)]
        for y, share, s in zip(ypos, left, series):
            ax.annotate(f"{nombre(sum(s[1]))} sur {nombre(s[2])}", (share, y), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=7.5)
        ax.set_yticks(ypos, [s[0] for s in series])
        ax.set_xlim(0, 130)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_xlabel("Part des éléments de la catégorie (%)")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncols=3, fontsize=7, frameon=False)
        svg = _svg(fig, title, "conservation")
    rows = [[s[0].replace("\n", " ")] + [nombre(v) for v in s[1]] + [nombre(sum(s[1])), nombre(s[2])] for s in series]
    caption = ("Chaque barre donne la part des éléments d'une catégorie gardés au-delà de la durée de conservation, "
               f"par ancienneté du dépassement (constats {', '.join(s[3] for s in series)}).")
    return Chart("conservation", title, caption, svg,
                 ["Éléments", "Dépassé de moins d'un an", "De 1 à 3 ans", "De plus de 3 ans", "Au-delà", "En tout"], rows,
                 [s[3] for s in series])


SUBJECTIVE_LABELS = {
    "subjective.judgement_in_free_text": "jugements sur la personne",
    "subjective.hypothesis_as_fact": "suppositions écrites comme des faits",
    "subjective.third_party_named": "tiers nommés",
    "subjective.identifier_in_free_text": "identifiants recopiés",
    "subjective.irregular_stay_recorded": "situation de séjour",
}


def writing_chart(items: list[tuple[Finding, str]]) -> Chart | None:
    """Share of the notes read that hold each kind of writing (subjective findings on free text)."""
    acc: dict[str, list[int]] = {}
    numbers: dict[str, list[str]] = {}
    for f, number in items:
        if f.check != "subjective" or f.affected is None or not f.total or not f.column:
            continue
        if f.rule == "subjective.sensitive_data_in_free_text":
            label = f"donnée sensible : {f.details.get('categories') or 'autre'}"
        elif f.rule in SUBJECTIVE_LABELS:
            label = SUBJECTIVE_LABELS[f.rule]
        else:
            continue
        a = acc.setdefault(label, [0, 0])
        a[0] += int(f.affected)
        a[1] += int(f.total)
        numbers.setdefault(label, []).append(number)
    if not acc:
        return None
    order = sorted(acc, key=lambda k: (-acc[k][0] / acc[k][1], k))
    shares = [100.0 * acc[k][0] / acc[k][1] for k in order]
    title = "Part des écrits lus qui contiennent chaque sorte d'écrit à revoir"
    labels = [_wrap(k) for k in order]
    svg = _barh(labels, shares, [True] * len(order), "Part des écrits lus (%)", "ecrits", title,
                value_text=[percent(acc[k][0], acc[k][1]) for k in order])
    rows = [[k, nombre(acc[k][0]), nombre(acc[k][1]), percent(acc[k][0], acc[k][1])] for k in order]
    all_numbers = [n for k in order for n in numbers[k]]
    caption = ("Part des textes renseignés où l'analyse relève au moins une fois chaque sorte d'écrit ; un même texte "
               "peut en contenir plusieurs. Chiffres tirés des constats " + ", ".join(all_numbers) + ".")
    return Chart("ecrits", title, caption, svg, ["Sorte d'écrit", "Écrits concernés", "Écrits lus", "Part"], rows,
                 all_numbers)


def _wrap(text: str, width: int = 38) -> str:
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[:cut] + "\n" + text[cut + 1:] if cut > 0 else text


def for_question(check: str, items: list[tuple[Finding, str]]) -> Chart | None:
    """The chart of one question (a check and its numbered findings), ``None`` when its data is absent."""
    if check == "access":
        for f, number in items:
            if f.rule == "access.exposure_ratio":
                return exposure_chart(f, number)
        return None
    if check == "nominative":
        kan = [(f, n) for f, n in items if f.rule == "nominative.k_anonymity"]
        if not kan:
            return None
        f, number = max(kan, key=lambda fn: (-fn[0].severity.rank, fn[0].affected or 0))
        return kanon_chart(f, number)
    if check == "retention":
        return retention_chart(items)
    if check == "subjective":
        return writing_chart(items)
    return None
