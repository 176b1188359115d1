"""Every built report as a reader sees it: headless Chromium at a phone and a desktop width.

The reports are those of the session fixture ``built_reports`` (built once from the
real seeds), or an existing reports folder named by ``HELPERS_REPORTS_DIR`` (for
example ``reports/`` after ``python3 tasks.py reports``).  They are served from
127.0.0.1 the way GitHub Pages serves them; any request that would leave the
machine is blocked and reported, since the pages must work offline.

Each page is opened once per width; what a reader would notice is recorded
(console errors, failed requests, charts and images, the size of every chart
label, the table of contents, the text, the layout, what scrolls sideways and
whether it says so, how table cells are aligned and wrapped) and a full-page
screenshot is saved to ``HELPERS_SCREENSHOTS`` or, by default,
``build/screenshots/`` next to the reports folder.

The browser is Debian's ``chromium`` (``.ci/run`` installs it), launched through
Playwright's ``executable_path``, never ``playwright install``.  Without one the
tests are skipped with a message saying how to install it.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import struct
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = (
    "no Chromium found for the browser tests: install Debian's package "
    "(`sudo apt-get update && sudo apt-get install -y chromium`; .ci/run does this) "
    "or set HELPERS_CHROMIUM to a Chrome/Chromium executable"
)
# A phone in portrait and a laptop; heights only matter for the first screen.
VIEWPORTS = {"phone": (375, 812), "desktop": (1280, 900)}
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
#: The smallest chart label a reader gets, in CSS pixels, at either width.
MIN_LABEL_PX = 9.0
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


# --------------------------------------------------------------------------- browser


def find_chromium() -> str | None:
    """The Chromium to drive: ``HELPERS_CHROMIUM``, else the first on PATH, else None."""
    override = os.environ.get("HELPERS_CHROMIUM")
    if override:
        return override if Path(override).is_file() else None
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed: python3 tasks.py test installs it")
    executable = find_chromium()
    if executable is None:
        pytest.skip(INSTALL_HINT)
    return executable


def _fontconfig_file(folder: Path) -> Path:
    """A fontconfig file: the system's fonts plus the project's Noto Sans CJK.

    The reports ask for Noto Sans CJK (or PingFang / YaHei) and leave the font
    to the reader's machine; a Chinese reader has one.  A bare CI machine may
    have none and would draw every Han character as a box, so the browser gets
    the font the charts already use -- the same as a reader with Noto installed.
    """
    from helpers.report.style import cjk_font_path

    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{cjk_font_path().parent}</dir>\n"
        f"  <cachedir>{folder / 'fontcache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def _chinese_font_families(fontconfig: Path) -> set[str] | None:
    """Font families that have Chinese glyphs, as the browser's fontconfig sees them."""
    if shutil.which("fc-list") is None:
        return None
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig)}
    out = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, env=env, timeout=120
    ).stdout
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


@dataclass
class Browser:
    context: object
    chinese_families: set[str] | None


@pytest.fixture(scope="session")
def browser(chromium_executable, tmp_path_factory):
    """One headless Chromium with a fresh profile for the whole session."""
    from playwright.sync_api import sync_playwright

    home = tmp_path_factory.mktemp("chromium")
    fontconfig = _fontconfig_file(home)
    families = _chinese_font_families(fontconfig)
    manager = sync_playwright().start()
    try:
        context = manager.chromium.launch_persistent_context(
            str(home / "profile"),
            executable_path=chromium_executable,
            headless=True,
            args=CHROMIUM_ARGS,
            env={**os.environ, "FONTCONFIG_FILE": str(fontconfig)},
            viewport={"width": VIEWPORTS["desktop"][0], "height": VIEWPORTS["desktop"][1]},
            timeout=60_000,
        )
    except Exception as exc:
        manager.stop()
        pytest.fail(f"{chromium_executable} did not start ({type(exc).__name__}: {exc}); "
                    f"reinstall it (apt-get install --reinstall chromium) or set HELPERS_CHROMIUM")
    yield Browser(context, families)
    context.close()
    manager.stop()


# --------------------------------------------------------------------------- reports


@pytest.fixture(scope="session")
def reports_root(request, chromium_executable) -> Path:
    """The reports folder to check: ``HELPERS_REPORTS_DIR`` or the session's own build."""
    given = os.environ.get("HELPERS_REPORTS_DIR")
    if given:
        root = Path(given).expanduser().resolve()
        if not (root / "index.html").is_file():
            pytest.fail(f"HELPERS_REPORTS_DIR={given}: no index.html there; "
                        f"build first (python3 tasks.py reports) or unset it")
        return root
    return request.getfixturevalue("built_reports").reports


@pytest.fixture(scope="session")
def screenshots_dir(reports_root) -> Path:
    folder = Path(os.environ.get("HELPERS_SCREENSHOTS") or reports_root.parent / "build" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@pytest.fixture(scope="session")
def server(reports_root):
    """The reports folder over HTTP on 127.0.0.1, as a static host would serve it."""
    handler = functools.partial(_QuietHandler, directory=str(reports_root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


# --------------------------------------------------------------------------- one visit


@dataclass
class Visit:
    """What a reader meets on one page at one width."""

    page: str
    viewport: str
    width: int
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    charts: list[dict] = field(default_factory=list)
    scrollers: list[dict] = field(default_factory=list)
    cells: dict = field(default_factory=dict)
    chart_fonts: list[dict] = field(default_factory=list)
    scroll_to_end: dict | None = None
    toc: list[dict] = field(default_factory=list)
    has_toc: bool = False
    failure: str = ""
    text: str = ""
    han_fonts: list[dict] | None = None
    scroll_width: int = 0
    client_width: int = 0
    links: list[str] = field(default_factory=list)
    screenshot: Path | None = None


_FACTS_JS = r"""() => {
  const box = (el) => { const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, width: r.width, height: r.height}; };
  const images = [...document.images].map((img) => ({
    alt: img.alt, src: img.currentSrc.slice(0, 40), complete: img.complete,
    naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, ...box(img)}));
  const links = [...document.querySelectorAll('a[href]')]
    .filter((a) => !a.getAttribute('href').startsWith('#')).map((a) => a.href);
  // Every chart, with its smallest label as drawn: font size times the scale the page gives it.
  const charts = [...document.querySelectorAll('svg.report-chart')].map((svg) => {
    let minLabel = Infinity, smallest = '', labels = 0;
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) { continue; }
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      labels += 1;
      if (px < minLabel) { minLabel = px; smallest = t.textContent.trim().slice(0, 30); }
    }
    return {label: (svg.getAttribute('aria-label') || '').slice(0, 50), ...box(svg),
            naturalWidth: parseFloat(svg.getAttribute('width')), minLabel, smallest, labels,
            inFrame: svg.closest('.report-scroll-body') !== null};
  });
  // Everything that scrolls sideways, and whether the reader is told.
  const visible = (el) => el !== null && el.getBoundingClientRect().height > 0
    && getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden';
  const scrollers = [...document.body.querySelectorAll('*')].filter((el) => {
    const x = getComputedStyle(el).overflowX;
    return (x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth + 1;
  }).map((el) => {
    const frame = el.closest('.report-scroll');
    const edge = frame && frame.querySelector('.report-scroll-frame');
    return {what: `${el.tagName.toLowerCase()}.${String(el.className.baseVal ?? el.className).split(' ')[0]}`
              + ` in ${(frame && frame.getAttribute('data-mime-type')) || '?'}`,
            scrollWidth: el.scrollWidth, clientWidth: el.clientWidth,
            framed: frame !== null && el.classList.contains('report-scroll-body'),
            marked: frame !== null && frame.classList.contains('is-scrollable'),
            hint: frame !== null && visible(frame.querySelector('.report-scroll-hint')),
            shadow: edge ? parseFloat(getComputedStyle(edge, '::after').opacity) : 0};
  });
  // Table cells: numbers right, text left (by column), and no text broken one character a line.
  const NUMBER = /^[<>≤≥]?\s*[-+−]?\d[\d,]*(\.\d+)?\s*(%|\/\d+)?$/;
  const misaligned = [], perCharacter = [];
  let checkedCells = 0;
  for (const table of document.querySelectorAll('.report-scroll-body table')) {
    const columns = new Map();
    for (const row of table.querySelectorAll('tbody tr')) {
      [...row.children].forEach((cell, i) => {
        const text = cell.innerText.trim();
        if (!text || text === '—' || cell.tagName !== 'TD') { return; }
        if (!columns.has(i)) { columns.set(i, []); }
        columns.get(i).push([cell, text]);
      });
    }
    for (const cells of columns.values()) {
      const numeric = cells.every(([, text]) => NUMBER.test(text));
      for (const [cell, text] of cells) {
        checkedCells += 1;
        const align = getComputedStyle(cell).textAlign;
        const ok = numeric ? (align === 'right' || align === 'end') : (align === 'left' || align === 'start');
        if (!ok) { misaligned.push(`${numeric ? 'number' : 'text'} ${JSON.stringify(text.slice(0, 20))} ${align}`); }
      }
    }
    for (const cell of table.querySelectorAll('td, th')) {
      const text = cell.innerText.replace(/\s+/g, '');
      if (text.length < 3) { continue; }
      const range = document.createRange();
      range.selectNodeContents(cell);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
      if (lines >= text.length) { perCharacter.push(`${JSON.stringify(text.slice(0, 20))} on ${lines} lines`); }
    }
  }
  return {
    images, links, charts, scrollers,
    cells: {checked: checkedCells, misaligned, perCharacter},
    hasToc: document.querySelector('nav.report-toc') !== null,
    failure: [...document.querySelectorAll('.report-failure')].map((el) => el.innerText).join(' | '),
    text: document.body.innerText,
    scrollWidth: document.scrollingElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    innerWidth: window.innerWidth,
  };
}"""

_TOC_LINKS_JS = """() => [...document.querySelectorAll('nav.report-toc a[href^="#"]')]
  .map((a) => a.getAttribute('href'))"""

_AFTER_CLICK_JS = """(href) => {
  // As the browser resolves a fragment: the id as written first, then percent-decoded
  // (nbconvert writes Chinese heading ids percent-encoded).
  const raw = href.slice(1);
  let target = document.getElementById(raw);
  if (target === null) { try { target = document.getElementById(decodeURIComponent(raw)); } catch (e) {} }
  const se = document.scrollingElement;
  return {
    exists: target !== null,
    hash: location.hash,
    top: target ? target.getBoundingClientRect().top : null,
    visible: target ? target.getBoundingClientRect().height > 0 : false,
    atBottom: se.scrollTop + window.innerHeight >= se.scrollHeight - 2,
    scrollTop: se.scrollTop,
  };
}"""

# Marks the element holding the first Han text of the page body, for the font probe.
_HAN_PROBE_JS = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (/[\\u4e00-\\u9fff]/.test(node.data) && el && el.getBoundingClientRect().height > 0
        && getComputedStyle(el).visibility !== 'hidden') {
      el.setAttribute('data-han-probe', '1');
      return node.data.trim().slice(0, 40);
    }
  }
  return null;
}"""


# Marks the first chart label holding Han characters and the first holding only Latin letters.
_CHART_LABEL_PROBE_JS = """() => {
  const found = [];
  for (const [name, test] of [['han', /[\\u4e00-\\u9fff]/], ['latin', /^[A-Za-z0-9 ,.()%:'-]+$/]]) {
    const label = [...document.querySelectorAll('svg.report-chart text')]
      .find((t) => test.test(t.textContent.trim()) && /[A-Za-z\\u4e00-\\u9fff]/.test(t.textContent));
    if (label) { label.setAttribute('data-label-probe', name); found.push(name); }
  }
  return found;
}"""


def _chart_fonts(page) -> list[dict]:
    """The platform fonts Chromium used for a Chinese and a Latin chart label (DevTools protocol)."""
    probes = page.evaluate(_CHART_LABEL_PROBE_JS)
    if not probes:
        return []
    cdp = page.context.new_cdp_session(page)
    found = []
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        for name in probes:
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f'[data-label-probe="{name}"]'})
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
            found.append({"label": name, "fonts": fonts})
    finally:
        cdp.detach()
    return found


_SCROLL_TO_END_JS = """async () => {
  const frame = document.querySelector('.report-scroll.is-scrollable');
  if (frame === null) { return null; }
  const body = frame.querySelector('.report-scroll-body');
  const edge = frame.querySelector('.report-scroll-frame');
  body.scrollLeft = body.scrollWidth;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const shadows = {left: parseFloat(getComputedStyle(edge, '::before').opacity),
                   right: parseFloat(getComputedStyle(edge, '::after').opacity)};
  body.scrollLeft = 0;
  return shadows;
}"""


def _check_toc(page, visit: Visit) -> None:
    """Click every table-of-contents link and see where the page lands."""
    for href in page.evaluate(_TOC_LINKS_JS):
        page.locator(f'nav.report-toc a[href="{href}"]').first.click()
        page.wait_for_function(
            "(href) => location.hash === href || location.hash === encodeURI(href)", arg=href, timeout=5000
        )
        outcome = page.evaluate(_AFTER_CLICK_JS, href)
        outcome["href"] = href
        visit.toc.append(outcome)


def _han_fonts(page) -> list[dict] | None:
    """The platform fonts Chromium used to draw the first Han text (DevTools protocol)."""
    if page.evaluate(_HAN_PROBE_JS) is None:
        return None
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "[data-han-probe]"})["nodeId"]
        return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()


def visit_page(context, base_url: str, relpath: str, viewport: str, shots: Path) -> Visit:
    """Open one report at one width and record what a reader would notice."""
    width, height = VIEWPORTS[viewport]
    visit = Visit(relpath, viewport, width)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    origin = base_url.rstrip("/")

    def route(route_):
        url = route_.request.url
        if url.startswith(origin) or url.startswith("data:"):
            route_.continue_()
        else:
            visit.outside_requests.append(url)
            route_.abort()

    page.route("**/*", route)
    page.on("console", lambda msg: msg.type == "error" and visit.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: visit.console_errors.append(f"uncaught: {exc}"))
    page.on(
        "requestfailed",
        lambda req: req.url.startswith(origin) and visit.failed_requests.append(f"{req.url}: {req.failure}"),
    )
    page.on(
        "response",
        lambda res: res.status >= 400 and visit.failed_requests.append(f"{res.url}: HTTP {res.status}"),
    )
    try:
        page.goto(base_url + relpath, wait_until="load", timeout=60_000)
        # A data: image may still be decoding after "load"; wait for every one to settle.
        page.evaluate(
            "() => Promise.all([...document.images].map((i) => i.decode().catch(() => null)))"
        )
        page.evaluate("() => document.fonts.ready.then(() => null)")
        facts = page.evaluate(_FACTS_JS)
        visit.images = facts["images"]
        visit.charts = facts["charts"]
        visit.scrollers = facts["scrollers"]
        visit.cells = facts["cells"]
        visit.links = facts["links"]
        visit.has_toc = facts["hasToc"]
        visit.failure = facts["failure"]
        visit.text = facts["text"]
        visit.scroll_width = facts["scrollWidth"]
        visit.client_width = facts["innerWidth"]
        visit.han_fonts = _han_fonts(page)
        visit.chart_fonts = _chart_fonts(page)
        visit.scroll_to_end = page.evaluate(_SCROLL_TO_END_JS)
        visit.screenshot = shots / f"{relpath.replace('/', '__').removesuffix('.html')}-{viewport}.png"
        page.screenshot(path=str(visit.screenshot), full_page=True)
        if viewport == "desktop":
            _check_toc(page, visit)
    finally:
        page.close()
    return visit


@pytest.fixture(scope="session")
def pages(reports_root) -> list[str]:
    """Every HTML page of the report set, relative to its folder (``index.html``, ``zh/...``)."""
    found = sorted(p.relative_to(reports_root).as_posix() for p in reports_root.rglob("*.html"))
    assert "index.html" in found, f"no index.html in {reports_root}"
    return found


@pytest.fixture(scope="session")
def visits(browser, server, pages, screenshots_dir) -> list[Visit]:
    """Every page at every width, visited once for all the tests below."""
    return [
        visit_page(browser.context, server, relpath, viewport, screenshots_dir)
        for relpath in pages
        for viewport in VIEWPORTS
    ]


def _problems(found: list[str]) -> str:
    return "\n".join(found[:40]) + (f"\n... and {len(found) - 40} more" if len(found) > 40 else "")


# --------------------------------------------------------------------------- tests


def test_the_report_set_has_an_index_and_reports_in_both_languages(pages):
    for lang in ("zh", "en"):
        reports = [p for p in pages if p.startswith(f"{lang}/")]
        assert len(reports) >= 4, f"only {reports} in {lang}/"
    # Every report exists in the other language too (the language switch links to it).
    assert {p[3:] for p in pages if p.startswith("zh/")} == {p[3:] for p in pages if p.startswith("en/")}


def test_every_page_loads_without_console_errors_or_failed_requests(visits):
    found = []
    for v in visits:
        found += [f"{v.page} ({v.viewport}) console: {e}" for e in v.console_errors]
        found += [f"{v.page} ({v.viewport}) failed: {e}" for e in v.failed_requests]
        found += [f"{v.page} ({v.viewport}) left the machine: {e}" for e in v.outside_requests]
    assert not found, _problems(found)


def test_no_page_shows_a_build_failure_to_the_reader(visits):
    found = [f"{v.page}: {' '.join(v.failure.split())[:300]}" for v in visits if v.viewport == "desktop" and v.failure]
    assert not found, _problems(found)


def test_every_chart_and_image_has_a_visible_size(visits):
    found = []
    for v in visits:
        for number, img in enumerate(v.images):
            name = f"{v.page} ({v.viewport}) image {number} [{img['alt'][:50] or img['src']}]"
            if not img["complete"] or img["naturalWidth"] == 0 or img["naturalHeight"] == 0:
                found.append(f"{name}: does not decode")
            elif img["width"] < 1 or img["height"] < 1:
                found.append(f"{name}: drawn {img['width']}x{img['height']} px")
        for number, chart in enumerate(v.charts):
            if chart["width"] < 50 or chart["height"] < 50 or chart["labels"] == 0:
                found.append(f"{v.page} ({v.viewport}) chart {number} [{chart['label']}]: drawn "
                             f"{chart['width']:.0f}x{chart['height']:.0f} px with {chart['labels']} labels")
    assert not found, _problems(found)
    report_charts = sum(len(v.charts) for v in visits if v.viewport == "desktop" and "/" in v.page)
    assert report_charts >= 10, "the reports show hardly any charts"
    images = sum(len(v.images) for v in visits if "/" in v.page)
    assert images == 0, "a report shows a chart as a picture: every chart is inline SVG"


def test_every_chart_label_is_at_least_9_px_at_both_widths(visits):
    found, smallest = [], []
    for v in visits:
        for number, chart in enumerate(v.charts):
            smallest.append(chart["minLabel"])
            if chart["minLabel"] < MIN_LABEL_PX - 0.05:
                found.append(f"{v.page} ({v.viewport}) chart {number} [{chart['label']}]: "
                             f"{chart['smallest']!r} drawn {chart['minLabel']:.2f} px")
    assert not found, _problems(found)
    assert smallest, "no chart label measured"


def test_chart_labels_are_drawn_by_the_fonts_the_page_embeds(visits):
    found, probed = [], 0
    for v in (v for v in visits if v.viewport == "phone"):
        for probe in v.chart_fonts:
            probed += 1
            used = [f for f in probe["fonts"] if f.get("glyphCount", 0) > 0]
            if not used or not all(f.get("isCustomFont") for f in used):
                names = sorted(f["familyName"] for f in used)
                found.append(f"{v.page}: a {probe['label']} chart label drawn with {names}, not the page's fonts")
    assert not found, _problems(found)
    assert probed >= 10


def test_nothing_scrolls_sideways_without_a_visible_cue(visits):
    found, scrolling = [], 0
    for v in visits:
        for s in v.scrollers:
            scrolling += 1
            where = f"{v.page} ({v.viewport}) {s['what']} ({s['scrollWidth']} px in {s['clientWidth']} px)"
            if not (s["framed"] and s["marked"]):
                found.append(f"{where}: scrolls sideways outside a report frame")
            elif not s["hint"]:
                found.append(f"{where}: no visible hint")
            elif s["shadow"] < 0.99:
                found.append(f"{where}: no shadow at its right edge")
        end = v.scroll_to_end
        if end is not None and not (end["left"] > 0.99 and end["right"] < 0.01):
            found.append(f"{v.page} ({v.viewport}): scrolled to its end, a frame shows shadows {end}")
    assert not found, _problems(found)
    phone = [s for v in visits if v.viewport == "phone" for s in v.scrollers]
    assert phone, "nothing scrolls on a phone: the check would pass on any page"
    desktop = [f"{v.page}: {s['what']}" for v in visits if v.viewport == "desktop" for s in v.scrollers]
    assert len(desktop) <= 2, "on a laptop, scrolling sideways should be rare:\n" + "\n".join(desktop)


def test_table_cells_are_aligned_by_what_they_hold_and_never_broken_a_character_a_line(visits):
    found, checked = [], 0
    for v in visits:
        checked += v.cells.get("checked", 0)
        found += [f"{v.page} ({v.viewport}) {cell}: misaligned" for cell in v.cells.get("misaligned", [])]
        found += [f"{v.page} ({v.viewport}) {cell}" for cell in v.cells.get("perCharacter", [])]
    assert not found, _problems(found)
    assert checked > 500


def test_table_of_contents_links_scroll_to_their_headings(visits):
    found = []
    for v in (v for v in visits if v.viewport == "desktop" and "/" in v.page):
        if not v.has_toc or not v.toc:
            found.append(f"{v.page}: no table of contents")
        for link in v.toc:
            where = f"{v.page} TOC {unquote(link['href'])}"
            if not link["exists"]:
                found.append(f"{where}: no element with that id")
            elif not link["visible"]:
                found.append(f"{where}: the heading is not displayed")
            elif not (abs(link["top"]) <= 2 or (link["atBottom"] and link["top"] > 0)):
                # The heading comes to the top of the window, unless the page ends first.
                found.append(f"{where}: heading at {link['top']:.0f} px after the click")
    assert not found, _problems(found)


def test_chinese_text_is_rendered_on_every_page(visits):
    found = []
    for v in visits:
        han = len(HAN.findall(v.text))
        if han == 0:
            found.append(f"{v.page} ({v.viewport}): no Chinese characters in the rendered text")
        elif v.page.startswith("zh/") and han < len(LATIN_WORD.findall(v.text)):
            found.append(f"{v.page} ({v.viewport}): more English words than Chinese characters ({han} Han)")
    assert not found, _problems(found)


def test_chinese_text_is_drawn_with_a_font_that_has_chinese_glyphs(browser, visits):
    if not browser.chinese_families:
        pytest.skip("fc-list not found or no font with Chinese glyphs: install fontconfig (apt-get install fontconfig)")
    found = []
    for v in (v for v in visits if v.viewport == "desktop"):
        if v.han_fonts is None:
            found.append(f"{v.page}: no visible Chinese text to probe")
            continue
        used = {font["familyName"] for font in v.han_fonts if font.get("glyphCount", 0) > 0}
        if not used & browser.chinese_families:
            found.append(f"{v.page}: Chinese drawn with {sorted(used)}, none of which has Chinese glyphs")
    assert not found, _problems(found)


def test_the_page_body_never_scrolls_sideways(visits):
    found = [
        f"{v.page} ({v.viewport}): body is {v.scroll_width} px wide in a {v.client_width} px window"
        for v in visits
        if v.scroll_width > v.client_width + 1
    ]
    assert not found, _problems(found)


def test_charts_scale_down_to_the_window_or_scroll_in_their_frame(visits):
    found = []
    scaled = 0
    for v in visits:
        for number, chart in enumerate(v.charts):
            if not chart["inFrame"] and (chart["left"] < -1 or chart["right"] > v.client_width + 1):
                found.append(
                    f"{v.page} ({v.viewport}) chart {number} [{chart['label']}]: spans "
                    f"{chart['left']:.0f}..{chart['right']:.0f} px in a {v.client_width} px window"
                )
            if v.viewport == "phone" and chart["naturalWidth"] > v.width and chart["width"] < chart["naturalWidth"]:
                scaled += 1
    assert not found, _problems(found)
    assert scaled > 0, "no chart wider than a phone was scaled down on the phone"


def test_links_between_pages_resolve(browser, visits, server):
    targets = sorted({link.split("#")[0] for v in visits for link in v.links if link.startswith(server)})
    assert targets, "no page links to another page"
    broken = []
    for url in targets:
        response = browser.context.request.get(url)
        if response.status != 200:
            broken.append(f"{urlsplit(url).path}: HTTP {response.status}")
    assert not broken, _problems(broken)


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", head[16:24])


def test_a_screenshot_of_every_page_is_saved_at_each_width(visits, pages):
    assert len(visits) == len(pages) * len(VIEWPORTS)
    for v in visits:
        assert v.screenshot is not None and v.screenshot.is_file(), f"no screenshot of {v.page} ({v.viewport})"
        width, height = _png_size(v.screenshot)
        # Full-page shot: as wide as the window (nothing sticks out), at least one screen tall.
        assert width == v.width, f"{v.screenshot.name} is {width} px wide"
        assert height >= VIEWPORTS[v.viewport][1], f"{v.screenshot.name} is {height} px tall"
