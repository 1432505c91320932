from generator.validate import check
from generator.model import build_model
from generator.quality import quality
from generator.related import key, related

from kt_testing import BASIC, FIXTURE_DECREES


def test_key_ignores_case_punctuation_order_and_function_words():
    assert key("Persentase kehadiran pegawai.") == key("persentase Pegawai yang KEHADIRAN")
    assert key("Jumlah dokumen") != key("Jumlah laporan")


def test_related_links_only_across_agencies(basic_copy):
    import shutil
    packages, doc = basic_copy
    twin = packages / "kec-lain-kab-tuban-iku-iki-2024"
    shutil.copytree(doc, twin)
    for f in twin.iterdir():
        f.write_text(f.read_text().replace("kec-contoh-kab-tuban", "kec-lain-kab-tuban")
                     .replace("Kecamatan Contoh", "Kecamatan Lain"))
    report, sources = check(packages, None)
    assert not report.errors, report.format()
    portal = build_model(sources)
    rel = related(portal)
    assert len(rel) == 6  # three indicators in each of two agencies
    for ind_id, others in rel.items():
        assert all(o.agency_id not in ind_id for o in others)


def test_quality_shares():
    _, sources = check(BASIC, FIXTURE_DECREES)
    q = quality(build_model(sources).agencies[0])
    assert (q.indicators, q.formula, q.target, q.data_source) == (3, 100.0, 66.7, 100.0)
    assert q.flags == ("truncated_source",) and q.flagged_indicators == 1
