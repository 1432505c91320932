"""Screenshots of agency pages, a chart, a decree's text, the explorer and the home page,
desktop and mobile, for reviewers.

    .venv/bin/python tests/browser/screenshots.py build/screenshots     (make screenshots)
"""
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from kt_browser import ARGS, CHROMIUM, ROOT, build_site, serve

# name: (path, what): what = False for the first screen (what a reader sees before
# scrolling), True for the whole page, or a CSS selector for one element (a chart)
PAGES = {"agency": ("lembaga/kec-merakurak-kab-tuban/", False),
         "agency-full": ("lembaga/kec-merakurak-kab-tuban/", True),
         "agency-en": ("en/agencies/bkpsdm-kab-paser/", False),
         "agency-long": ("lembaga/disdukcapil-kab-badung/", False),
         "agency-long-2": ("lembaga/disdukcapil-kab-badung~2/", False),
         "chart": ("lembaga/setda-kab-purwakarta/", "figure.kt-chart"),
         "decree-text": ("lembaga/kec-merakurak-kab-tuban~teks/#L118-121", False),
         "explorer": ("indikator/?q=kehadiran", True), "home": ("", True)}
SIZES = {"desktop": (1280, 900), "mobile": (390, 844)}
# the explorer, the province map, an A-Z list and the theme (compare) pages (issue 12)
PAGES.update({"explorer-typo": ("indikator/?q=kehadran", True),
              "explorer-browse": ("indikator/?provinsi=Jawa%20Barat&jenis=IKI&hal=2", True),
              "map": ("", ".kt-map"), "region": ("wilayah/35/", True), "kabupaten-az": ("wilayah/35.23/", True),
              "themes": ("tema/", True), "theme": ("tema/", "THEME")})
# a keyword search in windows, as at national size: kt-facets.json served with a budget that
# fits only the largest bundle alone (issue 14, item 5)
PAGES["explorer-part"] = ("indikator/?q=laporan&bagian=2", True)
BUDGETED = {"explorer-part"}


def serve_json(body: str):
    return lambda route: route.fulfill(status=200, content_type="application/json", body=body)


def small_budget(site: Path) -> str:
    import json
    facets = json.loads((site / "pagefind" / "kt-facets.json").read_text(encoding="utf-8"))
    facets["budget"] = max(b["bytes"] for b in facets["bundles"]) + 1
    return json.dumps(facets)


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(ROOT / "datapackages", ROOT / "decrees", Path(tmp) / "site")
        server = serve(site)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for size, (w, h) in SIZES.items():
                page = browser.new_page(viewport={"width": w, "height": h})
                for name, (path, what) in PAGES.items():
                    if what == "THEME":  # the first theme page (its id comes from the data)
                        page.goto(base + path)
                        path, what = path + page.locator(".kt-themes__table a").first.get_attribute("href"), True
                    if name in BUDGETED:
                        page.route("**/pagefind/kt-facets.json", serve_json(small_budget(site)))
                    page.goto(base + path)
                    page.wait_for_timeout(800)
                    if name in BUDGETED:
                        page.unroute("**/pagefind/kt-facets.json")
                    target = out / f"{name}-{size}.png"
                    if isinstance(what, str):
                        page.locator(what).first.screenshot(path=str(target))
                    else:
                        page.screenshot(path=str(target), full_page=what)
                    print(target)
                page.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots"))
