"""The coding, the city, the dates and the events on articles written apart from the software.

The held-out sets, each written with its gold coding from the coding definitions alone (see
each folder's README): ``heldout`` (30 articles, the development set: rules were corrected after
reading its errors), ``heldout2`` (30; its city and date errors were read once the rules were
written), ``heldout3`` (30; measured blind once, then its city errors were read and the city rule
extended) and ``heldout4`` (24; measured blind once, after all that; then its coding, date and city errors
were read and the rules extended in general terms, with tests on sentences of our own) and
``heldout5`` (30; measured blind once at 69195af -- F1 0.881, specificity 0.942, city 28/30, dates
29/30, events 42/43 -- then read and used like heldout4) and ``heldout6`` (30; measured blind
once at 275a824 -- F1 0.928, specificity 0.948, city 26/30, dates 30/30, events 43/49 as the
harness then counted ranges -- then read and used like heldout4); ``heldout7`` (30; measured blind
once at 7da8927, after all that; then read and used like heldout4), ``heldout8`` (30; measured
blind once at 708d16c -- F1 0.890, specificity 0.912 -- then read and used like heldout4),
``heldout9`` (30, written around the definitions' traps) and ``heldout10`` (30, written like ordinary
coverage by a second writer who read real pages first), both measured blind once at f7a7d16 -- F1
0.902 and 0.964, specificity 0.919 and 0.983, city 29/30 and 28/30 -- then read and used like
heldout4; ``heldout11`` (traps) and ``heldout12`` (ordinary coverage), measured blind once at
4ad85a8 -- F1 0.929 and 0.941, specificity 0.923 and 0.943, city 24/30 and 29/30 -- then read and
used like heldout4; ``heldout13`` (traps) and ``heldout14`` (ordinary coverage), measured blind once
at 08284ef -- F1 0.937 and 0.944, specificity 0.961 and 0.944, city 30/30 and 28/30 -- then read and
used like heldout4; ``heldout15`` (traps) and ``heldout16`` (ordinary coverage), measured blind once
at 4afea82 -- F1 0.949 and 0.910, specificity 0.985 and 0.935, city 26/30 and 27/30 -- then read and
used like heldout4; ``heldout17``, ``heldout19`` (traps) and ``heldout18``, ``heldout20`` (ordinary
coverage), measured blind once at 34679dc -- F1 0.899, 0.915, 0.942 and 0.947, specificity 0.928,
0.944, 0.963 and 0.971, city 25/30, 28/30, 30/30 and 29/30 -- then read and used like heldout4;
``heldout21`` (traps) and ``heldout22`` (ordinary coverage), measured blind once at 939380e -- F1 0.930
and 0.929, specificity 0.940 and 0.960, city 27/30 and 29/30 -- then read and used like heldout4;
``heldout23`` (traps) and ``heldout24`` (ordinary coverage), measured blind once at a15db2f -- F1 0.941
and 0.932, specificity 0.964 and 0.954, city 28/30 and 27/30 -- then read and used like heldout4;
``heldout25`` (traps) and ``heldout26`` (ordinary coverage), measured blind once at 2056cad -- F1 0.891
and 0.945, specificity 0.915 and 0.953, city 24/30 and 29/30 -- then read and used like heldout4;
``heldout27`` (traps) and ``heldout28`` (ordinary coverage), measured blind once at 264f02d -- F1 0.921
and 0.933, specificity 0.933 and 0.959, city 27/30 and 30/30 -- then read and used like heldout4;
``heldout29`` (traps) and ``heldout30`` (ordinary coverage), measured blind once at 75346e6 -- F1 0.876
and 0.929, specificity 0.911 and 0.942, city 29/30 and 27/30 -- then read and used like heldout4;
``heldout31``, ``heldout33`` (traps) and ``heldout32``, ``heldout34`` (ordinary coverage), measured blind once
at bffb45b -- F1 0.958, 0.931, 0.953 and 0.927, specificity 0.972, 0.961, 0.974 and 0.958, city 28/30,
27/30, 30/30 and 28/30 -- then read and used like heldout4; ``heldout35``, ``heldout37`` (traps) and
``heldout36``, ``heldout38`` (ordinary coverage), measured blind once at 2bb5d1f -- F1 0.914, 0.930, 0.930
and 0.947, specificity 0.929, 0.948, 0.970 and 0.970, city 30/30, 28/30, 30/30 and 29/30 -- then read
and used like heldout4; ``heldout39``, ``heldout41`` (traps) and ``heldout40``, ``heldout42``
(ordinary coverage), measured blind once at 94a127e -- F1 0.943, 0.950, 0.954 and 0.938, specificity 0.966,
0.966, 0.979 and 0.963, city 29/30, 30/30, 28/30 and 30/30 -- then read and used like heldout4;
``heldout43``, ``heldout45`` (traps) and ``heldout44``, ``heldout46`` (ordinary coverage), measured blind once
at c6f5c5b -- F1 0.954, 0.911, 0.954 and 0.942, specificity 0.970, 0.930, 0.961 and 0.965, city 29/30,
29/30, 30/30 and 29/30 -- then read and used like heldout4; ``heldout47``, ``heldout49`` (traps) and
``heldout48``, ``heldout50`` (ordinary coverage), measured blind once at 9c31410 -- F1 0.921, 0.895, 0.962 and
0.937, specificity 0.960, 0.930, 0.972 and 0.939, city 29/30, 29/30, 30/30 and 30/30 -- then read and used
like heldout4; ``heldout51``, ``heldout53`` (traps) and ``heldout52``, ``heldout54`` (ordinary coverage),
measured blind once at ff2d239 -- F1 0.941, 0.944, 0.944 and 0.944, specificity 0.956, 0.965, 0.960 and 0.984,
city 29/30, 25/30, 29/30 and 30/30 -- then read and used like heldout4; ``heldout55``, ``heldout57`` (traps) and ``heldout56``, ``heldout58``
(ordinary coverage), measured blind once at eb19a49 -- F1 0.961, 0.924, 0.962 and 0.962, specificity 0.965,
0.933, 0.958 and 0.952, city 26/30, 27/30, 30/30 and 30/30 (published set to null afterwards where the writer
had given a yearless dispatch line a year; see their READMEs), then read and used like heldout4; ``heldout59``,
``heldout61`` (traps) and ``heldout60``, ``heldout62`` (ordinary coverage), measured blind once at 84ebf11 -- F1
0.933, 0.938, 0.971 and 0.950, specificity 0.942, 0.953, 0.973 and 0.947, city 29/30, 27/30, 29/30 and 30/30, every
printed date and event -- then read and used like heldout4 (``heldout61`` and ``heldout62`` only after round 12 was
measured); ``heldout63``, ``heldout65`` (traps) and ``heldout64``, ``heldout66`` (ordinary coverage), measured blind
once at a5e4841 -- F1 0.954, 0.933, 0.972 and 0.950, specificity 0.951, 0.940, 0.975 and 0.964, city 30/30, 30/30,
30/30 and 29/30 -- then read and used like heldout4; ``heldout67``, ``heldout69`` (traps) and ``heldout68``,
``heldout70`` (ordinary coverage), measured blind once at 54add2e -- F1 0.923, 0.955, 0.964 and 0.976, specificity
0.924, 0.939, 0.983 and 0.991, city 26/30, 27/30, 30/30 and 30/30 -- then read and used like heldout4;
``heldout71``, ``heldout73`` (traps) and ``heldout72``, ``heldout74`` (ordinary coverage), measured blind once at
1c8b07d -- F1 0.925, 0.941, 0.962 and 0.959, specificity 0.922, 0.948, 0.971 and 0.975, city 29/30, 28/30, 30/30
and 30/30 -- then read and used like heldout4; ``heldout75``, ``heldout77`` (traps) and ``heldout76``, ``heldout78``
(ordinary coverage), measured blind once at 1769eb7 -- F1 0.946, 0.936, 0.947 and 0.965, specificity 0.933, 0.938,
0.960 and 0.980, city 30/30, 25/30, 28/30 and 30/30 -- then read and used like heldout4 (heldout77 and heldout78,
the methods report's blind sets until then, only had their errors counted, and not read); then, each measured blind
once as it arrived, at the commit given, before anyone read a result on it, and then read and used like heldout4
(heldout97 and heldout98, the methods report's blind sets until the next round, only had their errors counted, and
not read): ``heldout79`` (traps, 9b04c9b: F1 0.930, specificity 0.943, city 28/30); ``heldout80`` (ordinary,
9b04c9b: F1 0.970, specificity 0.980, city 30/30); ``heldout81`` (traps, 9b04c9b: F1 0.932, specificity 0.943, city
27/30); ``heldout82`` (ordinary, 9b04c9b: F1 0.941, specificity 0.969, city 29/30); ``heldout83`` (traps, 7a95c28:
F1 0.941, specificity 0.942, city 28/30); ``heldout84`` (ordinary, f5a0ba5: F1 0.940, specificity 0.960, city
29/30); ``heldout85`` (traps, 2d3f51c: F1 0.932, specificity 0.934, city 29/30); ``heldout86`` (ordinary, f5a0ba5:
F1 0.966, specificity 0.962, city 29/30); ``heldout87`` (traps, d375db3: F1 0.953, specificity 0.942, city 30/30);
``heldout88`` (ordinary, ffa98b6: F1 0.960, specificity 0.986, city 30/30); ``heldout89`` (traps, ffa98b6: F1 0.951,
specificity 0.959, city 28/30); ``heldout90`` (ordinary, 6fa243e: F1 0.961, specificity 0.969, city 30/30);
``heldout91`` (traps, f2047fb: F1 0.931, specificity 0.927, city 30/30); ``heldout92`` (ordinary, 51c6339: F1 0.963,
specificity 0.966, city 30/30); ``heldout93`` (traps, c2aa7d5: F1 0.958, specificity 0.966, city 29/30);
``heldout94`` (ordinary, 946e0f2: F1 0.966, specificity 0.978, city 30/30); ``heldout95`` (traps, 31d96af: F1 0.944,
specificity 0.952, city 30/30); ``heldout96`` (ordinary, 31d96af: F1 0.959, specificity 0.959, city 30/30);
``heldout97`` (traps, 31d96af: F1 0.926, specificity 0.941, city 27/30); ``heldout98`` (ordinary, 31d96af: F1 0.947,
specificity 0.947, city 30/30); ``heldout99`` (traps, 2f1c7e4: F1 0.939, specificity 0.947, city 30/30);
``heldout100`` (ordinary, 2f1c7e4: F1 0.956, specificity 0.991, city 30/30); ``heldout101`` (traps, 2f1c7e4: F1
0.972, specificity 0.979, city 29/30); ``heldout102`` (ordinary, 2f1c7e4: F1 0.967, specificity 0.971, city 30/30);
``heldout103`` (traps, 715ed3f: F1 0.956, specificity 0.954, city 30/30); ``heldout104`` (ordinary, 715ed3f: F1
0.955, specificity 0.980, city 30/30); ``heldout105`` (traps, 715ed3f: F1 0.926, specificity 0.930, city 29/30);
``heldout106`` (ordinary, 715ed3f: F1 0.958, specificity 0.949, city 30/30); ``heldout107`` (traps, b0308fc: F1
0.923, specificity 0.930, city 29/30); ``heldout108`` (ordinary, b0308fc: F1 0.956, specificity 0.968, city 30/30);
``heldout109`` (traps, b0308fc: F1 0.957, specificity 0.978, city 30/30); ``heldout110`` (ordinary, b0308fc: F1
0.966, specificity 0.983, city 30/30); ``heldout111`` (traps, 43bac52: F1 0.942, specificity 0.957, city 30/30);
``heldout112`` (ordinary, 43bac52: F1 0.962, specificity 0.9497, city 30/30); ``heldout113`` (traps, 43bac52: F1
0.934, specificity 0.948, city 29/30); ``heldout114`` (ordinary, 43bac52: F1 0.960, specificity 0.990, city 30/30);
``heldout115`` (traps, 43bac52: F1 0.943, specificity 0.961, city 29/30); ``heldout116`` (ordinary, 43bac52: F1
0.963, specificity 0.971, city 30/30); ``heldout117`` (traps, 43bac52: F1 0.968, specificity 0.977, city 30/30);
``heldout118`` (ordinary, 43bac52: F1 0.935, specificity 0.964, city 30/30); ``heldout119`` (traps, 6e4dfce: F1
0.956, specificity 0.955, city 27/30); ``heldout120`` (ordinary, 6e4dfce: F1 0.955, specificity 0.989, city 30/30);
and last ``heldout121`` (traps) and ``heldout122`` (ordinary coverage), measured blind once at 6e4dfce, with the
rules of heldout119 and 120 -- F1 0.934 and 0.975, specificity 0.939 and 0.991, city 30/30 and 30/30 -- after all
that and not used since: ``heldout121`` and ``heldout122`` are the blind sets of the methods report (``heldout101``,
``heldout102``, ``heldout113``, ``heldout114``, ``heldout117`` and ``heldout118`` were until later sets came; none of
them was read but ``heldout113``, read after it was no longer one).  Then, measured blind once on arrival and
then read for their city errors (and usable like heldout4): ``heldout123`` (traps, 03a7152: F1 0.961, specificity
0.940, city 30/30); ``heldout124`` (ordinary, 03a7152: F1 0.962, specificity 0.989, city 30/30); ``heldout125``
(traps, 03a7152: F1 0.942, specificity 0.926, city 28/30); ``heldout126`` (ordinary, 03a7152: F1 0.964,
specificity 0.957, city 28/30); ``heldout127`` (traps, 03a7152: F1 0.937, specificity 0.937, city 29/30);
``heldout128`` (ordinary, 03a7152: F1 0.950, specificity 0.949, city 29/30); ``heldout129`` (traps, c6e8142: F1
0.940, specificity 0.914, city 27/30); ``heldout130`` (ordinary, c6e8142: F1 0.976, specificity 0.989, city 30/30);
``heldout131`` (traps, c6e8142: F1 0.953, specificity 0.939, city 29/30); ``heldout132`` (ordinary, c6e8142: F1
0.943, specificity 0.951, city 29/30); every printed date of all ten.  Then the same way: ``heldout133`` (traps,
ee7e08c: F1 0.939, specificity 0.916, city 29/30); ``heldout134`` (ordinary, 721969f: F1 0.932, specificity 0.946,
city 29/30); ``heldout135`` (traps, ee7e08c: F1 0.925, specificity 0.930, city 29/30); ``heldout136`` (ordinary,
1948bec: F1 0.961, specificity 0.973, city 29/30); every printed date but one each of heldout134 and 135, a dispatch
line that prints its year on a page with no other date, which the brief had told the writers not to read as the
page's date (set to it in their gold afterwards; see their READMEs); and, all four at 8f9584d, ``heldout137`` (traps:
F1 0.944, specificity 0.962, city 29/30), ``heldout138`` (ordinary: F1 0.934, specificity 0.965, city 30/30),
``heldout139`` (traps: F1 0.961, specificity 0.960, city 29/30) and ``heldout140`` (ordinary: F1 0.951, specificity
0.968, city 29/30), every printed date of the four; and, all four at be7bc01, ``heldout141`` (traps: F1 0.932,
specificity 0.938, city 30/30), ``heldout142`` (ordinary: F1 0.952, specificity 0.934, city 29/30), ``heldout143``
(traps: F1 0.912, specificity 0.914, city 29/30) and ``heldout144`` (ordinary: F1 0.938, specificity 0.941, city
28/30), every printed date of the four; and, all four at d70137d, ``heldout145`` (traps: F1 0.923, specificity
0.934, city 30/30), ``heldout146`` (ordinary: F1 0.963, specificity 0.934, city 29/30), ``heldout147`` (traps: F1
0.940, specificity 0.953, city 28/30) and ``heldout148`` (ordinary: F1 0.967, specificity 0.968, city 29/30), every
printed date of the four; and, all four at 8cbc051, ``heldout149`` (traps: F1 0.921, specificity 0.947, city 27/30),
``heldout150`` (ordinary: F1 0.940, specificity 0.965, city 27/30), ``heldout151`` (traps: F1 0.945, specificity
0.968, city 29/30, dates 29/30) and ``heldout152`` (ordinary: F1 0.921, specificity 0.925, city 28/30); and, all
four at 09e2bb9, ``heldout153`` (traps: F1 0.908, specificity 0.904, city 26/30), ``heldout154`` (ordinary: F1 0.927,
specificity 0.945, city 29/30), ``heldout155`` (traps: F1 0.918, specificity 0.941, city 30/30) and ``heldout156``
(ordinary: F1 0.933, specificity 0.968, city 28/30), every printed date of the four; and, all four at 73310ea,
``heldout157`` (traps: F1 0.940, specificity 0.944, city 28/30), ``heldout158`` (ordinary: F1 0.919,
specificity 0.933, city 28/30), ``heldout159`` (traps: F1 0.922, specificity 0.953, city 26/30) and ``heldout160``
(ordinary: F1 0.924, specificity 0.955, city 29/30), every printed date of the four; and, all four at 85f0610,
``heldout161`` (traps: F1 0.940, specificity 0.921, city 26/30), ``heldout162`` (ordinary: F1 0.963, specificity
0.982, city 25/30), ``heldout163`` (traps: F1 0.919, specificity 0.931, city 28/30) and ``heldout164`` (ordinary: F1
0.941, specificity 0.926, city 27/30), every printed date of the four; and, all four at 09b7669, ``heldout165``
(traps: F1 0.913, specificity 0.912, city 26/30), ``heldout166`` (ordinary: F1 0.956, specificity 0.981, city
28/30), ``heldout167`` (traps: F1 0.909, specificity 0.929, city 28/30) and ``heldout168`` (ordinary: F1 0.953,
specificity 0.958, city 26/30), every printed date of the four.
Sets measured after main had moved on were measured in a worktree of the round's commit.  The
targets are the codebook issue's: presence per article F1 >= 0.93 with specificity >= 0.95, every
printed date found and none invented, in-text event recall >= 0.9, and the city of every article.
Where a set misses a target the test is a strict xfail that says what is missed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from heldout_eval import HeldoutResult, evaluate, gold

HERE = Path(__file__).resolve().parent
SETS = ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9",
        "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16", "heldout17",
        "heldout18", "heldout19", "heldout20", "heldout21", "heldout22", "heldout23", "heldout24",
        "heldout25", "heldout26", "heldout27", "heldout28", "heldout29", "heldout30", "heldout31", "heldout32",
        "heldout33", "heldout34", "heldout35", "heldout36", "heldout37", "heldout38", "heldout39", "heldout40",
        "heldout41", "heldout42", "heldout43", "heldout44", "heldout45", "heldout46", "heldout47", "heldout48",
        "heldout49", "heldout50", "heldout51", "heldout52", "heldout53", "heldout54", "heldout55", "heldout56",
        "heldout57", "heldout58", "heldout59", "heldout60", "heldout61", "heldout62", "heldout63", "heldout64",
        "heldout65", "heldout66", "heldout67", "heldout68", "heldout69", "heldout70", "heldout71", "heldout72",
        "heldout73", "heldout74", "heldout75", "heldout76", "heldout77", "heldout78", "heldout79", "heldout80",
        "heldout81", "heldout82", "heldout83", "heldout84", "heldout85", "heldout86", "heldout87", "heldout88",
        "heldout89", "heldout90", "heldout91", "heldout92", "heldout93", "heldout94", "heldout95", "heldout96",
        "heldout97", "heldout98", "heldout99", "heldout100", "heldout101", "heldout102", "heldout103", "heldout104",
        "heldout105", "heldout106", "heldout107", "heldout108", "heldout109", "heldout110", "heldout111", "heldout112",
        "heldout113", "heldout114", "heldout115", "heldout116", "heldout117", "heldout118", "heldout119", "heldout120",
        "heldout121", "heldout122", "heldout123", "heldout124", "heldout125", "heldout126", "heldout127", "heldout128",
        "heldout129", "heldout130", "heldout131", "heldout132", "heldout133", "heldout134", "heldout135", "heldout136",
        "heldout137", "heldout138", "heldout139", "heldout140", "heldout141", "heldout142", "heldout143", "heldout144",
        "heldout145", "heldout146", "heldout147", "heldout148", "heldout149", "heldout150", "heldout151", "heldout152",
        "heldout153", "heldout154", "heldout155", "heldout156", "heldout157", "heldout158", "heldout159", "heldout160",
        "heldout161", "heldout162", "heldout163", "heldout164", "heldout165", "heldout166", "heldout167", "heldout168")
#: Targets still missed, by set and check, and why (strict xfails: each fails once the target is met).
MISSES = {
    ("heldout7", "city"): "h7_15: 黄石日报 on a Huangshi man stranded in 鄂州 (黄石 named more often than 鄂州)",
    ("heldout17", "presence"): "F1 0.925, specificity 0.952 (blind: 0.899, 0.928)",
    ("heldout17", "dates"): "h17_01, h17_10, h17_23: dispatch lines print month and day only (中新网合肥5月16日电); the "
                            "gold gives them a year, the software prints no year the page lacks",
    ("heldout24", "city"): "h24_08 上海 (its only place is the town account 罗店镇)",
    ("heldout25", "presence"): "F1 0.920, specificity 0.944 (blind: 0.891, 0.915)",
    ("heldout25", "city"): "h25_07 儋州 (blind: 24/30)",
    ("heldout27", "city"): "h27_28 西宁 (named by streets only)",
    ("heldout29", "dates"): "h29_04: a dispatch line printing month and day only (四川新闻网成都9月5日讯); the gold gives it "
                            "a year, the software prints no year the page lacks",
    ("heldout30", "presence"): "F1 0.944, specificity 0.942 (blind: 0.929, 0.942)",
    ("heldout37", "city"): "h37_08 湘西 (花垣县 named once, in a commentary) (blind: 28/30)",
    ("heldout43", "city"): "h43_08 西双版纳 (blind: 29/30)",
    ("heldout49", "presence"): "F1 0.913, specificity 0.950 (blind: 0.895, 0.930)",
    ("heldout50", "presence"): "F1 0.941, specificity 0.947 (blind: 0.937, 0.939)",
    ("heldout51", "city"): "blind 29/30: h51_16 平顶山",
    ("heldout55", "city"): "h55_25 宜春, h55_26 苏州 (blind: 26/30)",
    ("heldout67", "presence"): "F1 0.936, specificity 0.942 (blind: 0.923, 0.924)",
    ("heldout67", "city"): "h67_20 玉林 (博白 by its short name only) (blind: 26/30)",
    ("heldout71", "presence"): "F1 0.933, specificity 0.932 (blind: 0.925, 0.922)",
    ("heldout75", "presence"): "F1 0.948, specificity 0.937 (blind: 0.946, 0.933)",
    ("heldout76", "city"): "blind 28/30: h76_10 成都 (a letter of 玉林社区, now national)",
    ("heldout77", "presence"): "F1 0.939, specificity 0.945 (blind: 0.936, 0.938)",
    ("heldout77", "city"): "h77_07 厦门 (blind: 25/30)",
    ("heldout87", "presence"): "F1 0.958, specificity 0.949 (blind: 0.953, 0.942)",
    ("heldout91", "presence"): "F1 0.938, specificity 0.938 (blind: 0.931, 0.927)",
    ("heldout93", "city"): "blind 29/30: h93_21 杭州 (a commentary naming 杭州 once, from an outlet called 钱江评论)",
    ("heldout97", "presence"): "F1 0.925, specificity 0.949 (blind: 0.926, 0.941)",
    ("heldout97", "city"): "blind 27/30; now 29/30: h97_16 苏州 (花桥, a town name many counties share, beside 上海)",
    ("heldout101", "city"): "blind 29/30: h101_20 廊坊 (not read: a blind set of the methods report until heldout113)",
    ("heldout107", "presence"): "F1 0.933, specificity 0.946 (blind: 0.923, 0.930)",
    ("heldout112", "presence"): "blind F1 0.962, specificity 0.9497",
    ("heldout113", "city"): "blind 29/30: h113_30 (a national piece placed in 上海; read after heldout117 came)",
    ("heldout121", "presence"): "F1 0.934, specificity 0.943 (blind: 0.934, 0.939)",
    ("heldout123", "presence"): "F1 0.966, specificity 0.948 (blind: 0.961, 0.940)",
    ("heldout128", "presence"): "blind F1 0.950, specificity 0.949",
    ("heldout129", "presence"): "F1 0.946, specificity 0.932 (blind: 0.940, 0.914)",
    ("heldout133", "presence"): "F1 0.949, specificity 0.938 (blind: 0.939, 0.916)",
    ("heldout134", "presence"): "blind F1 0.932, specificity 0.946",
    ("heldout135", "presence"): "F1 0.931, specificity 0.944 (blind: 0.925, 0.930)",
    ("heldout141", "presence"): "F1 0.934, specificity 0.941 (blind: 0.932, 0.938)",
    ("heldout142", "presence"): "F1 0.954, specificity 0.938 (blind: 0.952, 0.934)",
    ("heldout143", "presence"): "F1 0.932, specificity 0.944 (blind: 0.912, 0.914)",
    ("heldout144", "presence"): "F1 0.940, specificity 0.946 (blind: 0.938, 0.941)",
    ("heldout145", "presence"): "F1 0.925, specificity 0.938 (blind: 0.923, 0.934)",
    ("heldout146", "presence"): "F1 0.965, specificity 0.940 (blind: 0.963, 0.934)",
    ("heldout150", "city"): "h150_15 商洛 (a commentary column, 山阳时评, named for 山阳: 商洛's 山阳县 or 焦作's 山阳区; only "
                            "县里 tells which) (blind: 27/30)",
    ("heldout152", "presence"): "F1 0.923, specificity 0.929 (blind: 0.921, 0.925)",
    ("heldout152", "city"): "h152_08 聊城 (莘县, a two-character county name, named once in a commentary) (blind: 28/30)",
    ("heldout153", "presence"): "F1 0.920, specificity 0.923 (blind: 0.908, 0.904)",
    ("heldout153", "city"): "h153_20 河池 (a 倡议书 naming only 宜州 and 庆远镇, with no header) (blind: 26/30)",
    ("heldout155", "presence"): "F1 0.9299, specificity 0.961 (blind: 0.918, 0.941)",
    ("heldout157", "presence"): "F1 0.940, specificity 0.944 (blind: the same)",
    ("heldout157", "city"): "h157_12 普洱 (勐马, a town named without 镇 in a post from 云南) (blind: 28/30)",
    ("heldout158", "presence"): "F1 0.925, specificity 0.947 (blind: 0.919, 0.933)",
    ("heldout159", "presence"): "F1 0.924, specificity 0.957 (blind: 0.922, 0.953)",
    ("heldout159", "city"): "27/30: h159_07 六安, h159_13 丽水, h159_15 汕尾 (blind: 26/30)",
    ("heldout160", "presence"): "F1 0.924, specificity 0.955 (blind: the same)",
    ("heldout161", "presence"): "F1 0.953, specificity 0.946 (blind: 0.940, 0.921)",
    ("heldout161", "city"): "28/30: h161_06 泉州, h161_08 南通 (blind: 26/30)",
    ("heldout162", "city"): "h162_15 扬州, h162_23 成都, h162_30 (a national piece placed in 上海) (blind: 25/30)",
    ("heldout163", "presence"): "F1 0.921, specificity 0.935 (blind: 0.919, 0.931)",
    ("heldout163", "city"): "h163_03 长春, h163_08 青岛 (blind: the same)",
    ("heldout164", "presence"): "F1 0.941, specificity 0.926 (blind: the same)",
    ("heldout164", "city"): "h164_05 固原 (blind: 27/30)",
    ("heldout165", "presence"): "F1 0.918, specificity 0.921 (blind: 0.913, 0.912)",
    ("heldout165", "city"): "h165_04 信阳, h165_14 扬州, h165_18 黔南, h165_22 成都 (blind: the same)",
    ("heldout166", "city"): "h166_05 泉州, h166_06 临沂 (blind: the same)",
    ("heldout167", "presence"): "F1 0.920, specificity 0.950 (blind: 0.909, 0.929)",
    ("heldout167", "city"): "h167_07 海东 (blind: 28/30)",
    ("heldout168", "city"): "h168_01 邢台, h168_03 四平, h168_29 保定 (blind: 26/30)",
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=SETS)
def result(request, tmp_path_factory) -> tuple[str, HeldoutResult]:
    name = request.param
    return name, evaluate(tmp_path_factory.mktemp(name), folder=HERE / name)


def _all(result: HeldoutResult):
    return result.measures.set_index("measure").loc["all"]


def _expect(request, name: str, check: str) -> None:
    if (name, check) in MISSES:
        request.applymarker(pytest.mark.xfail(reason=MISSES[name, check], strict=True))


def test_presence_per_article_reaches_the_targets(result, request):
    name, found = result
    _expect(request, name, "presence")
    overall = _all(found)
    assert overall["articles"] == len(gold(HERE / name)) * 15, name
    assert overall["f1"] >= 0.93 and overall["specificity"] >= 0.95, (name, overall.to_dict())


def test_every_printed_date_is_found_and_none_is_invented(result, request):
    name, found = result
    _expect(request, name, "dates")
    assert found.date_errors == [], name


def test_in_text_events_are_recalled(result):
    name, found = result
    assert found.event_recall >= 0.9, (name, found.missed_events)


def test_every_article_gets_its_city(result, request):
    name, found = result
    _expect(request, name, "city")
    assert found.city_errors == [], name
