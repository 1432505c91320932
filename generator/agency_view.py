"""What an agency page shows, and where: the layout decisions, made here and not in templates.

An agency page answers first: what the agency is measured on (its IKU and their goals, the
counts of positions and indicators, targets by year where the decree has them), then its
positions; the decree's metadata card and provenance come last, folded. A long agency is
split (Renderer.agency_pages): the agency page keeps the summary and the overview of
every indicator, its further pages (<id>~2, <id>~3, ...) take the positions. Rows that
moved keep their anchor on the agency page (the overview row) and link on.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from . import i18n
from .charts import Bar, Point, stacked_bars, year_line
from .model import Agency, Document, Indicator, Position

# Positions listed openly above the first position; a longer list is folded (<details>),
# so that the first screen of a large agency still shows indicators. Without an IKU table
# above it the list comes right after the summary: only a very short one stays open there.
OPEN_TOC = 12
OPEN_TOC_FIRST = 3
# A formula is drawn (MathML) only when its widest line is at most MATH_MAX_CHARS characters:
# MathML does not wrap, and a wider fraction would push the table wider than the page; above
# MATH_NARROW_CHARS a phone's card shows its plain-text form only (see generator/formula.py).
MATH_MAX_CHARS = 80
MATH_NARROW_CHARS = 40
# The files linked in the summary, by the end of their URL (generator/export.py names them).
PRIMARY_DOWNLOADS = (".xlsx", "-excel.csv", ".zip")
# Bars in the chart of indicators by goal: the largest goals, the rest as one bar.
CHART_BARS = 10


@dataclass
class GoalRun:
    """Consecutive rows of an indicator table under one goal: the goal is written once,
    as a heading row above them (a decree's merged cell), never beside each row."""
    goal_text: str
    indicators: list[Indicator]


@dataclass
class Summary:
    positions: int
    indicators: int
    iku: int
    iki: int
    period: str


@dataclass
class AgencyView:
    agency: Agency
    doc: Document
    part: int
    split: list[list[Position]]
    sibling: str  # the agency page's URL from a sibling page, without its final slash
    away: dict[str, str]  # indicator id -> URL of the further page that holds its row
    page_of: dict[str, str]  # position id -> URL of the further page that holds it
    summary: Summary
    positions_here: list[Position]  # the positions whose sections this page holds
    toc_open: bool  # the list of positions is short enough to show unfolded
    goal_bars: list[Bar] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # the agency page's blocks, in order
    iku_years: YearTable | None = None  # the IKU's targets by year, when the decree dates them

    @property
    def further(self) -> bool:
        return self.part > 1

    @staticmethod
    def primary_downloads(files: list[dict]) -> list[dict]:
        """The downloads offered at the top: the spreadsheet, the table for Excel and the
        data package; every file is listed with its size and hash under #unduh."""
        return [f for f in files if f["url"].endswith(PRIMARY_DOWNLOADS)]


def goal_runs(indicators: list[Indicator]) -> list[GoalRun]:
    """Indicators in order, grouped into runs that share a goal."""
    runs: list[GoalRun] = []
    last = object()
    for ind in indicators:
        key = ind.goal.id if ind.goal else ""
        if not runs or key != last:
            runs.append(GoalRun(ind.goal.text if ind.goal else "", []))
            last = key
        runs[-1].indicators.append(ind)
    return runs


@dataclass
class TargetsCell:
    """An indicator table's target cell: its targets and baselines by year ("2024 90%",
    "2025 95%"; a year the decree does not write, taken from its period, is not shown), as
    a list when there are several or any shows its year, else the one target as written;
    then the unit (Satuan) unless the targets write it already."""
    listed: bool
    items: list[tuple[bool, int | None, str]]  # (a baseline, the year shown or None, text)
    unit: str


def targets_cell(ind: Indicator) -> TargetsCell:
    ts = ind.targets
    items = [(x.kind == "baseline", x.year if x.year and "year_from_period" not in x.flags else None, x.text)
             for x in ts]
    unit = ind.unit if ind.unit and ind.unit not in " ".join(x.text for x in ts) else ""
    return TargetsCell(len(ts) > 1 or any(year is not None for _, year, _ in items), items, unit)


def summary(doc: Document) -> Summary:
    period = ""
    if doc.period_start:
        period = str(doc.period_start)
        if doc.period_end and doc.period_end != doc.period_start:
            period += f"–{doc.period_end}"
    iku = sum(1 for i in doc.indicators if i.kind == "IKU")
    return Summary(positions=len(doc.positions), indicators=len(doc.indicators), iku=iku,
                   iki=len(doc.indicators) - iku, period=period)


def agency_view(agency: Agency, part: int = 1, split: list[list[Position]] | None = None) -> AgencyView:
    doc = agency.current
    split = split or []
    sibling = "../" + agency.id
    away: dict[str, str] = {}
    page_of: dict[str, str] = {}
    for k, group in enumerate(split, start=2):
        url = f"{sibling}~{k}/"
        for p in group:
            page_of[p.id] = url
            for ind in p.indicators:
                away[ind.id] = url
    here = split[part - 2] if part > 1 else [p for p in doc.positions if p.id not in page_of]
    return AgencyView(agency=agency, doc=doc, part=part, split=split, sibling=sibling, away=away,
                      page_of=page_of, summary=summary(doc), positions_here=here,
                      toc_open=len(doc.positions) <= (OPEN_TOC if doc.iku else OPEN_TOC_FIRST),
                      goal_bars=goal_bars(doc) if part == 1 else [],
                      sections=sections(doc, here), iku_years=year_table(doc.iku) if part == 1 else None)


@dataclass
class YearTable:
    """Targets by year of some indicators: a column per year the decree names, a row per
    indicator with its baseline and its target of each year (as written, '' for none)."""
    years: list[int]
    rows: list[tuple[Indicator, str, list[str]]]  # (indicator, baseline, target per year)


def dated(ind: Indicator) -> list:
    """An indicator's targets and baselines with a year the decree writes (a year taken
    from the decree's period is not one: flag year_from_period)."""
    return [x for x in getattr(ind, "targets", None) or []
            if x.year is not None and "year_from_period" not in (x.flags or ())]


def year_table(indicators: list[Indicator]) -> YearTable | None:
    """The table of targets by year, when at least one indicator has targets for two years
    or more (one year is in the indicator's own row already)."""
    years = sorted({x.year for ind in indicators for x in dated(ind) if x.kind == "target"})
    if len(years) < 2:
        return None
    rows = []
    for ind in indicators:
        items = dated(ind)
        base = "; ".join(f"{x.text} ({x.year})" for x in items if x.kind == "baseline")
        per_year = ["; ".join(x.text for x in items if x.kind == "target" and x.year == y) for y in years]
        rows.append((ind, base, per_year))
    return YearTable(years, rows)


def sections(doc: Document, positions_here: list[Position]) -> list[str]:
    """The blocks of an agency page (templates/agency/<name>.html.j2), in order. Indicators
    come first after the summary: the IKU when there are any, else the positions held on
    this page, else (a long agency whose positions are all on further pages) the overview
    of all indicators; the chart follows the first indicators, the decree's card is last.
    "parts" lists a long agency's further pages (nothing when it has none)."""
    if doc.iku:
        order = ["iku", "parts", "chart", "positions", "overview"]
    elif positions_here:
        order = ["parts", "positions", "chart", "overview"]
    else:
        order = ["parts", "overview", "positions", "chart"]
    return ["summary", *order, "cascade", "duties", "history", "about"]


def goal_bars(doc: Document, most: int = CHART_BARS) -> list[Bar]:
    """Indicators (IKU, IKI) per goal, the goal as the decree words it (positions often share
    one), largest first; beyond `most` bars the smaller goals are one last bar. Indicators
    without a goal are a bar of their own. Labels are filled in per language by goal_chart."""
    counts: dict[str, list] = {}
    for ind in doc.indicators:
        text = " ".join(ind.goal.text.split()) if ind.goal else ""
        entry = counts.setdefault(text.casefold(), [text, 0, 0])
        entry[1 if ind.kind == "IKU" else 2] += 1
    ranked = sorted(counts.values(), key=lambda e: -(e[1] + e[2]))  # stable: document order in ties
    if len(ranked) > most:
        rest = ranked[most - 1:]
        ranked = ranked[:most - 1] + [["", sum(e[1] for e in rest), sum(e[2] for e in rest), len(rest)]]
    return [Bar(str(k), e[0], (e[1], e[2]), other=e[3] if len(e) > 3 else 0) for k, e in enumerate(ranked, start=1)]


def goal_chart(view: AgencyView, lang: str) -> Markup:
    """The chart of indicators by goal and kind, in the page's language ('' without goals)."""
    t = i18n.STRINGS[lang]
    bars = view.goal_bars
    if len(bars) < 2 or max(sum(b.values) for b in bars if not b.other) < 2:
        return Markup("")  # one goal, or one indicator per goal: the chart would say nothing
    labelled = []
    for b in bars:
        if b.other:
            label = t["chart_other_goals"] % i18n.number(b.other, lang)
        else:
            label = b.label or t["chart_no_goal"]
        labelled.append(Bar(b.key, label, b.values, other=b.other))
    s = view.summary
    desc = t["chart_goals_desc"] % (i18n.count(s.indicators, "indicator", lang), i18n.number(s.iku, lang),
                                    i18n.number(s.iki, lang), i18n.number(len(bars), lang))
    top = labelled[0]
    desc += " " + t["chart_goals_top"] % (top.label, i18n.count(sum(top.values), "indicator", lang))
    return stacked_bars("kt-goals-chart", t["chart_goals_title"], desc, labelled,
                        [("IKU", "kt-bar--iku"), ("IKI", "kt-bar--iki")], lang, t["goal"], t["chart_total"])


def target_points(ind: Indicator) -> tuple[list[Point], list[Point]]:
    """(targets, baselines) of an indicator with a year and a number each (the targets
    resource, Indicator.targets; an indicator without it has none)."""
    items = [x for x in dated(ind) if x.value is not None]
    pts = lambda kind: [Point(x.year, x.value, x.text) for x in items if x.kind == kind]
    return pts("target"), pts("baseline")


def target_chart(ind: Indicator, lang: str) -> Markup:
    """A small chart of an indicator's targets over the years, when it has several."""
    targets, baselines = target_points(ind)
    if len({p.year for p in targets}) < 2:
        return Markup("")
    t = i18n.STRINGS[lang]
    values = "; ".join(f"{p.year}: {p.text}" for p in targets)
    desc = t["chart_years_desc"] % values
    if baselines:
        desc += " " + t["chart_baseline_desc"] % "; ".join(f"{p.year}: {p.text}" for p in baselines)
    return year_line(f"kt-y-{ind.anchor}", t["chart_years_title"] % ind.name, desc, targets, baselines, lang,
                     t["chart_year"], t["target"], t["chart_baseline"])


# The columns of an indicator table (generator/templates/_macros.html.j2, indicator_table),
# after "No": below 720 px each row is a card and CSS writes each cell's column name before
# it. The names are the i18n strings; kt.css holds the rules between the markers below,
# checked against this function by tests/test_agency_view.py (print it with
# `python -m generator.agency_view` after changing a column or its name).
CARD_COLUMNS = ("indicator", "formula", "target", "data_source", "responsible", "lines")
CSS_START, CSS_END = "/* card labels: generated by python -m generator.agency_view */", "/* end of card labels */"


def card_label_css() -> str:
    from .i18n import LANGS, STRINGS
    rules = []
    for lang in LANGS:
        for k, key in enumerate(CARD_COLUMNS, start=2):
            label = STRINGS[lang][key].replace("\\", "\\\\").replace('"', '\\"')
            rules.append(f'  :lang({lang}) .kt-cards td:nth-child({k})::before {{ content: "{label}"; }}')
    return "\n".join([CSS_START, "@media (max-width: 44.99em) {", *rules, "}", CSS_END])


if __name__ == "__main__":
    print(card_label_css())
