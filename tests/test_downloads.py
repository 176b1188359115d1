"""Tables a reader can take away: CSV with a byte-order mark (command line and report pages), the Excel workbook."""

from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT
from helpers.cli import main
from helpers.csvfile import BOM, csv_bytes, write_csv

# --------------------------------------------------------------------------- CSV as helpers writes it


def test_csv_bytes_start_with_the_byte_order_mark_and_read_back_in_pandas():
    frame = pd.DataFrame({"城市": ["武汉", "白城"], "n": [1, 2]})
    data = csv_bytes(frame)
    assert data.startswith(BOM) and not data.startswith(BOM + BOM)
    assert data.decode("utf-8-sig") == "城市,n\n武汉,1\n白城,2\n"
    pd.testing.assert_frame_equal(pd.read_csv(io.BytesIO(data)), frame)


def test_standard_output_gets_the_mark_unless_it_is_a_terminal(monkeypatch, capsysbinary):
    frame = pd.DataFrame({"城市": ["武汉"]})
    write_csv(frame)
    assert capsysbinary.readouterr().out == BOM + "城市\n武汉\n".encode()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    write_csv(frame)
    assert capsysbinary.readouterr().out == "城市\n武汉\n".encode()


@pytest.mark.parametrize("argv", [
    ["measures", "--format", "csv"],
    ["measures", "--unit", "sentence"],
    ["evidence", "--city", "白城"],
    ["evidence", "--decisions", "--measure", "publicity"],
    ["keyness", "--city", "孝感", "--top", "3"],
    ["kwic", "消杀"],
    ["timeline", "--format", "csv"],
    ["validate", "--gold", str(ROOT / "tests" / "gold" / "seeds.yaml"), "--format", "csv"],
])
def test_every_csv_of_the_command_line_starts_with_the_mark_and_round_trips(argv, capsysbinary):
    assert main(argv) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(BOM) and not out.startswith(BOM + BOM)
    table = pd.read_csv(io.BytesIO(out), dtype=str, keep_default_na=False)
    assert len(table) and not table.columns[0].startswith("\ufeff")
    assert table.columns.tolist() == out.decode("utf-8-sig").splitlines()[0].split(",")
    if argv[0] != "validate":  # measure ids and numbers only
        assert any("\u4e00" <= ch <= "\u9fff" for ch in table.to_csv())


def test_csv_redirected_to_a_file_by_the_shell_has_the_mark(tmp_path):
    target = tmp_path / "measures.csv"
    with open(target, "wb") as handle:
        subprocess.run([sys.executable, "-m", "helpers", "measures", "--format", "csv"], stdout=handle,
                       check=True, cwd=ROOT)
    data = target.read_bytes()
    assert data.startswith(BOM)
    assert "白城" in set(pd.read_csv(target)["city"])


def test_help_says_what_the_csv_encoding_is(capsys):
    with pytest.raises(SystemExit):
        main(["measures", "--help"])
    assert "byte-order mark" in " ".join(capsys.readouterr().out.split())
