"""The province tile map (generator/tilemap.py, _tilemap.html.j2)."""
import re
from types import SimpleNamespace

from generator import tilemap
from generator.load import load_reference_regions

from kt_testing import ROOT


def test_every_kemendagri_province_has_one_tile_of_its_own():
    reference = load_reference_regions(ROOT / "datapackages")
    provinces = {c for c, r in reference.items() if r["level"] == "provinsi"}
    assert set(tilemap.TILES) == provinces == set(tilemap.NAMES) and len(provinces) == 38
    cells = [(c, r) for c, r, _ in tilemap.TILES.values()]
    assert len(set(cells)) == len(cells)
    assert len({label for _, _, label in tilemap.TILES.values()}) == 38
    for code, name in tilemap.NAMES.items():
        assert reference[code]["name"] == name


def test_roughly_geographic():
    col = {code: c for code, (c, _, _) in tilemap.TILES.items()}
    row = {code: r for code, (_, r, _) in tilemap.TILES.items()}
    assert col["11"] < col["32"] < col["51"] < col["91"]  # Aceh, Jawa Barat, Bali, Papua: west to east
    assert row["11"] < row["18"] and row["71"] < row["73"]  # Aceh north of Lampung, Sulut of Sulsel


def portal(counts: dict[str, int]):
    agencies = []
    for code, n in counts.items():
        prov = SimpleNamespace(code=code, name=tilemap.NAMES[code])
        agencies += [SimpleNamespace(province=prov, current=SimpleNamespace(n_indicators=2))] * n
    return SimpleNamespace(agencies=agencies)


def test_tiles_colour_by_agencies_and_link_only_provinces_with_agencies():
    tiles = {t.code: t for t in tilemap.tiles(portal({"32": 3, "35": 30, "51": 600}),
                                             lambda key, code: f"wilayah/{code}/", current="35")}
    assert tiles["32"].agencies == 3 and tiles["32"].indicators == 6 and tiles["32"].href == "wilayah/32/"
    assert tiles["11"].agencies == 0 and tiles["11"].href == ""
    fills = [tiles[c].fill for c in ("11", "32", "35", "51")]
    assert len(set(fills)) == 4  # 0, 1-4, 25-99, 500+
    assert tiles["35"].current and not tiles["32"].current
    assert tiles["31"].name == "DKI Jakarta"
    assert [text for text, _ in tilemap.legend()] == ["0", "1–4", "5–24", "25–99", "100–499", "500+"]


def contrast(a: str, b: str) -> float:
    def lum(h):
        c = [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_tile_text_is_readable_on_every_fill():
    for _, fill, ink in tilemap.BINS:
        assert contrast(fill, ink) >= 4.5, fill


def test_home_page_carries_the_map_with_accessible_names_and_a_table(tmp_path):
    from generator.load import load_all
    from generator.model import build_model
    from generator.render import Renderer

    sources, _ = load_all(ROOT / "datapackages")
    r = Renderer(build_model(sources), tmp_path, "en")
    page = r.render("home", "home.md.j2")
    svg = page[page.index("<svg class=\"kt-map__svg\""):page.index("</svg>", page.index("kt-map__svg"))]
    assert svg.count("<rect ") == 38 and "style=" not in svg and "<script" not in svg
    links = re.findall(r'<a href="([^"]+)" aria-label="([^"]+)"', svg)
    assert sorted(h for h, _ in links) == sorted(f"regions/{c}/" for c in ("32", "35", "51", "64"))
    assert ("regions/35/", "Jawa Timur: 1 agency, 21 indicators") in links
    assert 'aria-label="Aceh: no agency yet"' in svg
    table = page[page.index('<details class="kt-map__data">'):]
    assert table.count("<tr>") == 39
