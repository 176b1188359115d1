"""Chart style: the bundled CJK font, the style context, fixed colours, saving and display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.font_manager as font_manager  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from chart_checks import figure_texts, missing_glyphs  # noqa: E402
from helpers.errors import HelpersError  # noqa: E402
from helpers.report.style import (  # noqa: E402
    FONT_ENV,
    Chart,
    alt_text,
    chart_style,
    city_color,
    cjk_font_path,
    png_bytes,
    show,
    text_width,
    wrap_title,
)
from helpers.report.svg import svg_markup  # noqa: E402

DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
KNOWN_CITIES = ["武汉", "白城", "北京", "孝感"]


# ---------------------------------------------------------------- font

def test_font_comes_from_the_installed_package_without_configuration(monkeypatch):
    monkeypatch.delenv(FONT_ENV, raising=False)
    path = cjk_font_path()
    assert path.is_file()
    assert "cvttf_NotoSansCJK_Regular" in str(path)
    assert missing_glyphs("武汉白城北京孝感社区防控核酸检测，。“”", path) == set()


def test_environment_variable_overrides_the_font(monkeypatch):
    monkeypatch.setenv(FONT_ENV, str(DEJAVU))
    assert cjk_font_path() == DEJAVU.resolve()


def test_missing_override_file_is_a_one_line_error_naming_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv(FONT_ENV, str(tmp_path / "nope.otf"))
    with pytest.raises(HelpersError) as info:
        cjk_font_path()
    message = str(info.value)
    assert FONT_ENV in message and "nope.otf" in message and "\n" not in message


def test_missing_glyphs_finds_characters_the_font_lacks():
    assert missing_glyphs("社区 abc", DEJAVU) == {"社", "区"}
    assert missing_glyphs("社区 abc") == set()
    assert missing_glyphs("疫情\U0001F9A0") == {"\U0001F9A0"}  # no emoji in Noto Sans CJK
    assert missing_glyphs(" \n\t") == set()


# ---------------------------------------------------------------- style context

def test_chart_style_draws_chinese_with_the_cjk_font_and_restores_rcparams():
    before = dict(matplotlib.rcParams)
    with chart_style():
        fig = Figure()
        ax = fig.add_subplot()
        title = ax.set_title("社区防控")
    assert dict(matplotlib.rcParams) == before
    used = font_manager.findfont(title.get_fontproperties(), fallback_to_default=False)
    assert Path(used).resolve() == cjk_font_path().resolve()


def test_importing_the_chart_modules_changes_no_matplotlib_setting():
    code = (
        "import matplotlib; before = dict(matplotlib.rcParams); "
        "import helpers.report.style, helpers.report.charts, helpers.report.wordclouds, helpers.report.names; "
        "assert dict(matplotlib.rcParams) == before, 'rcParams changed on import'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "MPLBACKEND": "Agg"})
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------- colours

def test_known_cities_have_distinct_fixed_colours_in_either_language():
    colours = [city_color(c) for c in KNOWN_CITIES]
    assert len(set(colours)) == len(colours)
    assert city_color("Wuhan") == city_color("武汉")
    assert city_color("白城市") == city_color("白城")
    assert city_color("武汉") == "#0072B2"  # published reports keep Wuhan blue


def test_new_city_gets_a_valid_colour_that_no_known_city_uses():
    colour = city_color("上海")
    assert colour.startswith("#") and len(colour) == 7
    assert colour == city_color("上海")
    assert colour not in {city_color(c) for c in KNOWN_CITIES}


def _colours_in_fresh_process(seed: str) -> str:
    code = ("from helpers.report.style import city_color; "
            "print(city_color('上海'), city_color('深圳'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
    return result.stdout.strip()


def test_colours_for_new_names_do_not_depend_on_the_process():
    assert _colours_in_fresh_process("1") == _colours_in_fresh_process("2")


# ---------------------------------------------------------------- saving and showing

def _small_chart() -> Chart:
    with chart_style():
        fig = Figure(figsize=(4, 3))
        ax = fig.add_subplot()
        ax.bar(["武汉", "白城"], [3, 5])
        ax.set_title("文章数")
    return Chart(fig, "白城最多。")


def test_the_same_chart_gives_the_same_png_bytes():
    first = png_bytes(_small_chart())
    second = png_bytes(_small_chart())
    assert first == second
    assert first.startswith(b"\x89PNG")
    assert b"matplotlib version" not in first


def test_figure_texts_collects_title_and_tick_labels():
    texts = figure_texts(_small_chart().figure)
    assert "文章数" in texts and "武汉" in texts and "白城" in texts


def test_show_displays_the_chart_as_svg_and_the_caption_as_markdown(monkeypatch):
    import IPython.display
    from IPython.core.formatters import DisplayFormatter

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    chart = _small_chart()
    expected = svg_markup(chart.figure, "文章数: 白城最多。")
    show(chart)
    data, metadata = DisplayFormatter().format(shown[0])
    assert data["image/svg+xml"] == expected  # what the report template puts in the page
    assert metadata["image/svg+xml"]["alt"] == "文章数: 白城最多。"
    assert data["text/plain"] == "文章数: 白城最多。"  # no object address in the notebook
    assert isinstance(shown[1], IPython.display.Markdown)
    assert "白城最多" in shown[1].data
    assert not chart.figure.axes  # released after display


def test_a_chart_with_nothing_to_draw_is_its_caption_alone(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    show(Chart(None, "武汉的文章没有写明日期。"))
    assert len(shown) == 1 and isinstance(shown[0], IPython.display.Markdown)
    assert shown[0].data == "武汉的文章没有写明日期。"
    assert alt_text(Chart(None, "没有。")) == "没有。"


@pytest.mark.parametrize("title, width, lang", [
    ("Words characteristic of Wuhan's coverage against general Chinese (top 15 by G²)", 3.0, "en"),
    ("武汉报道的特征词（与通用汉语相比，前 15 个，按 G² 排序）", 2.0, "zh"),
])
def test_wrapped_titles_fit_their_width_and_keep_every_character(title, width, lang):
    wrapped = wrap_title(title, width, 12)
    lines = wrapped.split("\n")
    assert len(lines) > 1
    assert all(text_width(line, 12) <= width * 72 for line in lines)
    assert (" " if lang == "en" else "").join(lines).replace(" ", "") == title.replace(" ", "")
    assert not any(line[0] in "，。）" for line in lines)  # no line starts with closing punctuation
