"""The summary per agency (generator/summary.py): what the portal-wide pages read instead of
the model, with every agency's quality computed once for both languages' pages."""
from __future__ import annotations

from pathlib import Path

from generator import quality as quality_module
from generator.model import build_model
from generator.quality import quality
from generator.render import Renderer
from generator.summary import summarise
from generator.validate import check

from kt_testing import FIXTURE_DECREES

ROOT = Path(__file__).resolve().parent.parent


def _portal():
    report, sources = check(ROOT / "datapackages", FIXTURE_DECREES)
    return build_model(sources)


def test_the_summary_reads_like_the_model_where_the_section_pages_read_it():
    portal = _portal()
    s = summarise(portal)
    assert [a.id for a in s.agencies] == [a.id for a in portal.agencies]
    assert [d.id for d in s.documents] == [d.id for d in portal.documents]
    assert s.n_positions == len(portal.positions) and s.n_indicators == len(portal.indicators)
    for a, full in zip(s.agencies, portal.agencies):
        assert a.current.id == full.current.id
        assert (a.current.n_indicators, a.current.n_positions) == (len(full.current.indicators),
                                                                  len(full.current.positions))
        assert a.current.n_iku == len(full.current.iku)
        assert a.current.instrument == full.current.instrument  # the decree's row fields
        assert (a.province, a.kabupaten) == (full.province, full.kabupaten)
        q = quality(full)
        assert a.quality is not None and a.quality.agency is a
        assert (a.quality.indicators, a.quality.formula, a.quality.target, a.quality.flags) == \
            (q.indicators, q.formula, q.target, q.flags)
    grouped = [(p and p.code, [(k and k.code, [a.id for a in g]) for k, g in kabs]) for p, kabs in s.provinces()]
    assert grouped == [(p and p.code, [(k and k.code, [a.id for a in g]) for k, g in kabs])
                       for p, kabs in portal.provinces()]


def test_quality_is_computed_once_per_agency_for_every_page_of_both_languages(tmp_path, monkeypatch):
    portal = _portal()
    calls: list[int] = []
    real = quality_module.share  # what every quality() calls four times, whoever calls it
    monkeypatch.setattr(quality_module, "share", lambda items, test: calls.append(1) or real(items, test))
    s = summarise(portal)
    for lang in ("id", "en"):
        Renderer(portal, tmp_path / lang, lang, summary=s).render_all({}, shell=True)
    assert len(calls) == 4 * len(portal.agencies)
