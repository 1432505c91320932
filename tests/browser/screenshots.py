"""Screenshots of an agency page and the explorer, desktop and mobile, for reviewers.

    .venv/bin/python tests/browser/screenshots.py build/screenshots     (make screenshots)
"""
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from kt_browser import ARGS, CHROMIUM, ROOT, build_site, serve  # noqa: E402

# name: (path, whole page?); the first screen is what a reader sees before scrolling
PAGES = {"agency": ("lembaga/kec-merakurak-kab-tuban/", False),
         "agency-full": ("lembaga/kec-merakurak-kab-tuban/", True),
         "agency-en": ("en/agencies/bkpsdm-kab-paser/", False),
         "agency-long": ("lembaga/disdukcapil-kab-badung/", False),
         "agency-long-2": ("lembaga/disdukcapil-kab-badung~2/", False),
         "explorer": ("indikator/?q=kehadiran", True), "home": ("", True)}
SIZES = {"desktop": (1280, 900), "mobile": (390, 844)}


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
                for name, (path, whole) in PAGES.items():
                    page.goto(base + path)
                    page.wait_for_timeout(800)
                    target = out / f"{name}-{size}.png"
                    page.screenshot(path=str(target), full_page=whole)
                    print(target)
                page.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots"))
