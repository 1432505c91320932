"""The parser on the synthetic new-layout decrees (tests/importer/new_layouts/, hand counts
written from the text): the issue-11 thresholds hold per field (a regression guard for the
format rules; `make measure-new-layouts` prints the figures)."""
from generator.dev.compare import compare
from generator.dev.measure import NEW_LAYOUTS_DIR, load_expected, parsed_decree, totals

THRESHOLDS = {"name": 98.0, "goal": 95.0, "unit": 95.0, "data_source": 95.0, "targets": 95.0,
              "baselines": 95.0, "formula": 90.0, "positions": 95.0, "agency": 95.0}
METADATA = ("instrument", "number", "title", "signed_on", "signed_at", "signer_title", "signer_name",
            "period_start", "period_end", "agencies", "amends")


def test_the_parser_reads_the_new_layouts():
    fixtures = sorted(NEW_LAYOUTS_DIR.glob("*.yaml"))
    assert len(fixtures) >= 5
    per = {p.stem: compare(load_expected(p), parsed_decree(p.with_suffix(".txt"))) for p in fixtures}
    total = totals(per)
    for field, floor in THRESHOLDS.items():
        assert total[field].pct >= floor, (field, total[field])
    right = sum(total[f"metadata.{k}"].right for k in METADATA)
    expected = sum(total[f"metadata.{k}"].expected for k in METADATA)
    assert right >= 0.9 * expected
