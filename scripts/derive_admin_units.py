"""Derive the administrative-unit master data of Lạng Sơn province (code 20).

Writes ``apps/tiep_cong_dan/fixtures/admin_units_lang_son.json`` with three eras:

* before 2024-12-01: the commune-level units that the merger of 2024-12-01 ended
  (valid to 2024-11-30), from ``vietnam-provinces`` 0.5.0 (data of 2023-05-07, the
  last release before the merger) compared with 0.6.x;
* old era (valid to 2025-06-30): 11 district-level units and their commune-level
  units, from ``vietnam-provinces`` 0.6.x; the communes the merger created are valid
  from 2024-12-01, the others span both periods (one row each);
* new era (valid from 2025-07-01): commune-level units directly under the province,
  from ``vietnam-provinces`` 2025.x;
* succession on 2024-12-01 from the Standing Committee's resolution (``MERGERS_2024``
  below: the packages list the units, not who took them over), each name checked
  against the two releases;
* succession on 2025-07-01 old commune -> new commune(s), from the old->new
  conversion tables of ``vietnamadminunits``, matched to the ``vietnam-provinces``
  codes (its default part of a split commune is the main successor).

The sources cannot share one environment (the ``vietnam-provinces`` releases use the
same import name), so each one is read by this same script running inside its own
virtualenv, and the results are combined with the standard library only.

Usage (one-off, kept for provenance; the app loads the JSON, it does not run this)::

    python3 -m venv /tmp/vp05 && /tmp/vp05/bin/pip install "vietnam-provinces==0.5.0"
    python3 -m venv /tmp/vp06 && /tmp/vp06/bin/pip install "vietnam-provinces==0.6.*"
    python3 -m venv /tmp/vp25 && /tmp/vp25/bin/pip install "vietnam-provinces==2025.10.1"
    python3 -m venv /tmp/vau && /tmp/vau/bin/pip install "vietnamadminunits==1.0.4"
    python3 scripts/derive_admin_units.py build \\
        --before-merger-python /tmp/vp05/bin/python \\
        --old-python /tmp/vp06/bin/python --new-python /tmp/vp25/bin/python \\
        --succession-python /tmp/vau/bin/python

``build`` runs the ``extract-old`` (twice), ``extract-new`` and ``extract-succession``
sub-commands with the given interpreters (each prints intermediate JSON on stdout),
checks and combines their output, writes the fixture and prints a summary that lists
any old commune that could not be mapped and any suspicious succession row.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

PROVINCE_CODE = 20
# vietnamadminunits identifies provinces by a normalized-name key, not by code.
VAU_PROVINCE_KEY = "tinhlangson"
BEFORE_MERGER_VALID_TO = "2024-11-30"
MERGER_DATE = "2024-12-01"
OLD_VALID_TO = "2025-06-30"
NEW_VALID_FROM = "2025-07-01"

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "apps" / "tiep_cong_dan" / "fixtures" / "admin_units_lang_son.json"

# Name prefix -> unit type. vietnam-provinces 0.6.0 labels every commune-level unit
# "xã" and every district-level unit "huyện" in its data, so the type is taken from
# the official name's prefix instead. Longer prefixes first.
UNIT_TYPE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("Thành phố ", "thành phố"),
    ("Thị trấn ", "thị trấn"),
    ("Thị xã ", "thị xã"),
    ("Phường ", "phường"),
    ("Huyện ", "huyện"),
    ("Tỉnh ", "tỉnh"),
    ("Xã ", "xã"),
)

# Abbreviations that differ between the sources' spellings of the same unit.
NAME_ALIASES: dict[str, str] = {"nt": "nongtruong"}

JsonDict = dict[str, Any]

# The acts that changed the units, cited on each succession row by key.
RESOLUTIONS: dict[str, JsonDict] = {
    "2024": {
        "citation": "Nghị quyết 1247/NQ-UBTVQH15 ngày 24/10/2024",
        "title": "Resolution of the National Assembly Standing Committee on the "
        "arrangement of commune-level units of Lạng Sơn province 2023-2025",
        "in_force": MERGER_DATE,
        "note": "Its Article 1 as published (Tràng Định, Văn Quan, Lộc Bình, Hữu Lũng; "
        "no district-level change) is MERGERS_2024. The number is as issue 15 cites "
        "it and is still to be checked against the Official Gazette (Công báo).",
    },
    "2025": {
        "citation": "Nghị quyết 1672/NQ-UBTVQH15 ngày 16/6/2025",
        "title": "Resolution of the National Assembly Standing Committee on the "
        "arrangement of commune-level units of Lạng Sơn province in 2025",
        "in_force": NEW_VALID_FROM,
        "note": "Successions as tabulated by vietnamadminunits, with the corrections "
        "in SUCCESSION_CORRECTIONS.",
    },
}

# Article 1 of the 2024 resolution: (district, unit that ceased, its successors as
# (name, whole, main)). Names are those of the releases before and after the merger;
# the codes come from the data. Thị trấn Thất Khê took part of Xã Đại Đồng and the
# official list gave the enlarged town Đại Đồng's code (06040): the town's old code
# (05995) ends and the town continues under 06040.
MERGERS_2024: tuple[tuple[str, str, tuple[tuple[str, bool, bool], ...]], ...] = (
    ("Tràng Định", "Xã Vĩnh Tiến", (("Xã Khánh Long", True, True),)),
    (
        "Tràng Định",
        "Xã Đại Đồng",
        (("Thị trấn Thất Khê", False, True), ("Xã Đội Cấn", False, False)),
    ),
    ("Tràng Định", "Thị trấn Thất Khê", (("Thị trấn Thất Khê", True, True),)),
    ("Văn Quan", "Xã Đồng Giáp", (("Xã Khánh Khê", True, True),)),
    ("Văn Quan", "Xã Tràng Các", (("Xã Khánh Khê", True, True),)),
    ("Lộc Bình", "Xã Tĩnh Bắc", (("Xã Tam Gia", True, True),)),
    ("Hữu Lũng", "Xã Sơn Hà", (("Thị trấn Hữu Lũng", True, True),)),
)
# Commune-level units per district after the merger, as the resolution states them.
COUNTS_AFTER_2024: dict[str, int] = {"Tràng Định": 20, "Văn Quan": 15, "Lộc Bình": 20}


# --------------------------------------------------------------------------- helpers


def split_name(name: str) -> tuple[str, str]:
    """Return ``(unit_type, short_name)`` for an official name such as "Xã Mai Pha"."""
    for prefix, unit_type in UNIT_TYPE_PREFIXES:
        if name.startswith(prefix):
            return unit_type, name[len(prefix) :]
    raise ValueError(f"Unknown unit type prefix in {name!r}")


def name_key(name: str) -> str:
    """Normalize a name the way vietnamadminunits builds its keys ("Xã Đồng ý" -> "xadongy")."""
    decomposed = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    words = []
    for word in decomposed.lower().split():
        ascii_word = "".join(ch for ch in word if ch.isascii() and ch.isalnum())
        words.append(NAME_ALIASES.get(ascii_word, ascii_word))
    return "".join(words)


def unit(code: str, name: str) -> JsonDict:
    unit_type, short_name = split_name(name)
    return {"code": code, "name": name, "short_name": short_name, "unit_type": unit_type}


def dump(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False)


# ---------------------------------------------------------- extractors (one per venv)


def extract_old() -> None:
    """Run inside a vietnam-provinces 0.x venv: province, districts and communes."""
    from importlib.metadata import version

    import vietnam_provinces as vp

    with open(vp.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as fh:
        provinces = json.load(fh)
    province = next(p for p in provinces if p["code"] == PROVINCE_CODE)
    dump(
        {
            # 0.5.0 reports "0.0.0" as its __version__: ask the installed metadata.
            "version": version("vietnam-provinces"),
            "data_version": vp.__data_version__,
            "province": {"code": province["code"], "name": province["name"]},
            "districts": [
                {
                    "code": d["code"],
                    "name": d["name"],
                    "wards": [{"code": w["code"], "name": w["name"]} for w in d["wards"]],
                }
                for d in province["districts"]
            ],
        }
    )


def extract_new() -> None:
    """Run inside the vietnam-provinces 2025.x venv: communes directly under the province."""
    import vietnam_provinces as vp

    with open(vp.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as fh:
        provinces = json.load(fh)
    province = next(p for p in provinces if p["code"] == PROVINCE_CODE)
    dump(
        {
            "version": vp.__version__,
            "data_version": vp.__data_version__,
            "wards": [
                {"code": w["code"], "name": w["name"], "division_type": w["division_type"]}
                for w in province["wards"]
            ],
        }
    )


def extract_succession() -> None:
    """Run inside the vietnamadminunits venv: both eras' units and the 2025 conversion.

    Data layout of the package (``vietnamadminunits/data``):

    * ``dataset.db`` (SQLite): table ``admin_units_legacy`` (63-province era, with
      ``districtCode``/``wardCode`` and the ``districtKey``/``wardKey`` name keys) and
      table ``admin_units`` (34-province era, ``wardCode``/``wardKey``).
    * ``converter_2025.json``: ``DICT_PROVINCE_WARD_NO_DIVIDED[new_province][new_ward]``
      lists the old ``"province_district_ward"`` keys that went wholly into that new
      ward; ``DICT_PROVINCE_WARD_DIVIDED[new_province][old_key]`` lists the new wards an
      old ward was split between (``isDefaultNewWard`` marks the main one).
    """
    from importlib.metadata import version

    from vietnamadminunits.converter import converter_2025 as conv
    from vietnamadminunits.database import query

    code = f"{PROVINCE_CODE:02d}"
    legacy = query(
        "SELECT districtCode, district, districtKey, wardCode, ward, wardKey "
        f"FROM admin_units_legacy WHERE provinceCode = '{code}'"
    )
    current = query(
        f"SELECT wardCode, ward, wardKey FROM admin_units WHERE provinceCode = '{code}'"
    )
    dump(
        {
            "version": version("vietnamadminunits"),
            "legacy_units": legacy,
            "new_units": current,
            "province_sources": conv.DICT_PROVINCE.get(VAU_PROVINCE_KEY, []),
            "whole": conv.DICT_PROVINCE_WARD_NO_DIVIDED.get(VAU_PROVINCE_KEY, {}),
            "divided": conv.DICT_PROVINCE_WARD_DIVIDED.get(VAU_PROVINCE_KEY, {}),
        }
    )


# ------------------------------------------------------------------------------ build


def run_extractor(python: str, command: str) -> JsonDict:
    out = subprocess.run(
        [python, str(Path(__file__).resolve()), command],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return json.loads(out.stdout)


def _communes_by_code(release: JsonDict) -> dict[str, tuple[JsonDict, JsonDict]]:
    """code -> (district unit, commune unit) of a vietnam-provinces 0.x release."""
    found = {}
    for d in release["districts"]:
        district = unit(f"{d['code']:03d}", d["name"])
        for w in d["wards"]:
            found[f"{w['code']:05d}"] = (district, unit(f"{w['code']:05d}", w["name"]))
    return found


def build_old_era(old: JsonDict, before: JsonDict) -> tuple[JsonDict, list[JsonDict]]:
    """Districts and communes valid to 2025-06-30; the communes the 2024 merger
    created (a code new in the release after it, or a code that now names another
    unit) are valid from 2024-12-01, the others have no start date."""
    earlier = _communes_by_code(before)
    districts = []
    for d in sorted(old["districts"], key=lambda d: d["code"]):
        district = unit(f"{d['code']:03d}", d["name"])
        communes = []
        for w in d["wards"]:
            commune = unit(f"{w['code']:05d}", w["name"])
            was = earlier.get(commune["code"])
            if was is None or was[1]["name"] != commune["name"]:
                commune["valid_from"] = MERGER_DATE
            communes.append(commune)
        district["communes"] = sorted(communes, key=lambda c: c["code"])
        districts.append(district)
    return {"valid_to": OLD_VALID_TO, "districts": districts}, districts


def build_before_merger(before: JsonDict, districts: list[JsonDict], report: list[str]) -> JsonDict:
    """The communes of the release before the merger that the merger ended: absent
    from the later release, or their code now naming another unit."""
    later = {c["code"]: c for d in districts for c in d["communes"]}
    district_codes = {d["code"]: d for d in districts}
    ceased = []
    for code, (district, commune) in sorted(_communes_by_code(before).items()):
        if district["code"] not in district_codes:
            raise ValueError(f"District {district['name']} is not in the later release")
        if district_codes[district["code"]]["name"] != district["name"]:
            report.append(f"DISTRICT: {district['code']} renamed {district['name']}")
        now = later.get(code)
        if now is not None and now["name"] == commune["name"]:
            continue
        commune["district"] = district["code"]
        ceased.append(commune)
    before_districts = {d["code"] for d in before["districts"]}
    if {f"{c:03d}" for c in before_districts} != set(district_codes):
        report.append("DISTRICT: the district-level units differ between the releases")
    return {"valid_to": BEFORE_MERGER_VALID_TO, "communes": ceased}


def build_mergers_2024(
    before_era: JsonDict, districts: list[JsonDict], report: list[str]
) -> list[JsonDict]:
    """MERGERS_2024 resolved to codes: each name must be a unit the merger ended (in
    the release before it) or a unit in force after it, in the named district."""
    by_district = {d["short_name"]: d for d in districts}
    rows = []
    named_ceased = set()
    for district_name, ceased_name, successors in MERGERS_2024:
        district = by_district[district_name]
        ceased = [
            c
            for c in before_era["communes"]
            if c["district"] == district["code"] and c["name"] == ceased_name
        ]
        if len(ceased) != 1:
            raise ValueError(f"{ceased_name} ({district_name}) is not a unit the merger ended")
        named_ceased.add(ceased[0]["code"])
        for name, whole, main in successors:
            found = [c for c in district["communes"] if c["name"] == name]
            if len(found) != 1:
                raise ValueError(f"{name} ({district_name}) is not in force after the merger")
            rows.append(
                {
                    "old_code": ceased[0]["code"],
                    "old_era": "before_2024",
                    "new_code": found[0]["code"],
                    "new_era": "before_2025",
                    "effective_on": MERGER_DATE,
                    "whole": whole,
                    "main": main,
                    "resolution": "2024",
                }
            )
    unnamed = sorted({c["code"] for c in before_era["communes"]} - named_ceased)
    if unnamed:
        raise ValueError(f"Units the merger ended without a successor: {unnamed}")
    created = {c["code"] for d in districts for c in d["communes"] if "valid_from" in c}
    orphans = sorted(created - {r["new_code"] for r in rows})
    if orphans:
        raise ValueError(f"Units the merger created without a predecessor: {orphans}")
    for district_name, expected in COUNTS_AFTER_2024.items():
        actual = len(by_district[district_name]["communes"])
        if actual != expected:
            report.append(
                f"CHECK: {district_name} has {actual} communes, the resolution {expected}"
            )
    return rows


def build_new_era(new: JsonDict) -> JsonDict:
    communes = []
    for w in new["wards"]:
        item = unit(f"{w['code']:05d}", w["name"])
        if item["unit_type"] != w["division_type"]:
            raise ValueError(f"Type mismatch for {w['name']!r}: {w['division_type']!r}")
        communes.append(item)
    return {"valid_from": NEW_VALID_FROM, "communes": sorted(communes, key=lambda c: c["code"])}


def build_succession(
    vau: JsonDict, districts: list[JsonDict], new_communes: list[JsonDict], report: list[str]
) -> list[JsonDict]:
    """Translate vietnamadminunits' conversion tables into rows keyed by official codes."""
    if vau["province_sources"] != [VAU_PROVINCE_KEY]:
        report.append(f"NOTE: new province also absorbs {vau['province_sources']}")

    # Old era: vietnamadminunits carries the official codes; check they name the same unit.
    old_by_code = {c["code"]: (d, c) for d in districts for c in d["communes"]}
    old_code_by_key: dict[str, str] = {}
    for row in vau["legacy_units"]:
        key = f"{VAU_PROVINCE_KEY}_{row['districtKey']}_{row['wardKey']}"
        found = old_by_code.get(row["wardCode"])
        if found is None:
            report.append(f"WARN: vau old unit {row['ward']} ({row['wardCode']}) not in source")
            continue
        district, commune = found
        if district["code"] != row["districtCode"] or name_key(commune["name"]) != name_key(
            row["ward"]
        ):
            report.append(
                f"WARN: code {row['wardCode']} names {commune['name']!r} here but "
                f"{row['ward']!r} in {row['district']} in vietnamadminunits"
            )
            continue
        if commune["name"] != row["ward"]:
            report.append(
                f"NOTE: {commune['code']} spelled {commune['name']!r} (vietnam-provinces)"
                f" / {row['ward']!r} (vietnamadminunits)"
            )
        old_code_by_key[key] = commune["code"]

    # New era: the two packages' new codes do not always agree, so match by name (unique
    # within the province) and report code differences.
    new_by_name = {name_key(c["name"]): c for c in new_communes}
    new_code_by_key: dict[str, str] = {}
    for row in vau["new_units"]:
        commune = new_by_name.get(name_key(row["ward"]))
        if commune is None:
            report.append(f"WARN: vau new unit {row['ward']} ({row['wardCode']}) not in source")
            continue
        if commune["code"] != row["wardCode"]:
            report.append(
                f"NOTE: new {commune['name']}: code {commune['code']} "
                f"(vietnam-provinces) vs {row['wardCode']} (vietnamadminunits)"
            )
        new_code_by_key[row["wardKey"]] = commune["code"]

    targets: dict[str, set[str]] = defaultdict(set)
    defaults: dict[str, str] = {}  # split old code -> its default (main) new code
    for new_key, old_keys in vau["whole"].items():
        for old_key in old_keys:
            old_code = old_code_by_key.get(old_key)
            if old_code is None or new_key not in new_code_by_key:
                report.append(f"WARN: cannot resolve whole {old_key} -> {new_key}")
                continue
            targets[old_code].add(new_code_by_key[new_key])
    split_codes: set[str] = set()
    for old_key, parts in vau["divided"].items():
        old_code = old_code_by_key.get(old_key)
        if old_code is None:
            report.append(f"WARN: cannot resolve split old unit {old_key}")
            continue
        for part in parts:
            if part["newWardKey"] not in new_code_by_key:
                report.append(f"WARN: cannot resolve split {old_key} -> {part['newWardKey']}")
                continue
            targets[old_code].add(new_code_by_key[part["newWardKey"]])
            if part.get("isDefaultNewWard"):
                defaults[old_code] = new_code_by_key[part["newWardKey"]]
        split_codes.add(old_code)

    rows = []
    for old_code in sorted(targets):
        new_codes = sorted(targets[old_code])
        if old_code in split_codes and len(new_codes) == 1:
            report.append(f"NOTE: {old_code} listed as split but has one target")
        for new_code in new_codes:
            whole = len(new_codes) == 1
            rows.append(
                {
                    "old_code": old_code,
                    "new_code": new_code,
                    "whole": whole,
                    "main": whole or defaults.get(old_code) == new_code,
                }
            )
    check_split_targets(rows, districts, report)
    return rows


def check_split_targets(rows: list[JsonDict], districts: list[JsonDict], report: list[str]) -> None:
    """Flag a split target that takes no whole unit from the split unit's old district.

    A commune split between new units normally borders them, and a new unit normally
    takes most of its area from one old district; a target with no whole member from
    the same district hints at a name clash in the conversion data.
    """
    district_of = {c["code"]: d for d in districts for c in d["communes"]}
    whole_districts: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row["whole"]:
            whole_districts[row["new_code"]].add(district_of[row["old_code"]]["code"])
    for row in rows:
        district = district_of[row["old_code"]]
        if not row["whole"] and district["code"] not in whole_districts[row["new_code"]]:
            commune = next(c for c in district["communes"] if c["code"] == row["old_code"])
            report.append(
                f"CHECK: split {row['old_code']} {commune['name']} ({district['name']})"
                f" -> {row['new_code']}: target has no whole unit from that district"
            )


# Corrections to vietnamadminunits, each with its reason. Bình Gia's Xã Hồng Phong
# (06079) is listed as partly merged into Phường Đồng Đăng (06184), whose other
# predecessors all lie in Cao Lộc, Cao Lộc's own Xã Hồng Phong (06205) among them: a
# mix-up of the two communes of that name. Bình Gia's Hồng Phong goes whole into
# the new Xã Hồng Phong (06079).
SUCCESSION_CORRECTIONS: dict[str, list[tuple[str, bool]]] = {"06079": [("06079", True)]}


def apply_corrections(rows: list[JsonDict], report: list[str]) -> list[JsonDict]:
    kept = [r for r in rows if r["old_code"] not in SUCCESSION_CORRECTIONS]
    for old_code, targets in SUCCESSION_CORRECTIONS.items():
        report.append(f"CORRECTED: {old_code} -> {targets}")
        kept += [{"old_code": old_code, "new_code": n, "whole": w, "main": w} for n, w in targets]
    dated = [
        {
            "old_code": r["old_code"],
            "old_era": "before_2025",
            "new_code": r["new_code"],
            "new_era": "from_2025",
            "effective_on": NEW_VALID_FROM,
            "whole": r["whole"],
            "main": r["main"],
            "resolution": "2025",
        }
        for r in kept
    ]
    return sorted(dated, key=lambda r: (r["old_code"], r["new_code"]))


def build(args: argparse.Namespace) -> None:
    before = run_extractor(args.before_merger_python, "extract-old")
    old = run_extractor(args.old_python, "extract-old")
    new = run_extractor(args.new_python, "extract-new")
    vau = run_extractor(args.succession_python, "extract-succession")
    report: list[str] = []

    province_name = old["province"]["name"]
    old_era, districts = build_old_era(old, before)
    before_era = build_before_merger(before, districts, report)
    new_era = build_new_era(new)
    merged_2024 = build_mergers_2024(before_era, districts, report)
    succession = merged_2024 + apply_corrections(
        build_succession(vau, districts, new_era["communes"], report), report
    )
    _, province_short = split_name(province_name)

    fixture = {
        "source": {
            "before_2024": f"vietnam-provinces {before['version']} "
            f"(data of {before['data_version']}), compared with {old['version']}",
            "old_era": f"vietnam-provinces {old['version']} (data of {old['data_version']})",
            "new_era": f"vietnam-provinces {new['version']}",
            "succession_2024": RESOLUTIONS["2024"]["citation"],
            "succession": f"vietnamadminunits {vau['version']}",
            "derived_by": "scripts/derive_admin_units.py",
        },
        "resolutions": RESOLUTIONS,
        "province": {
            "code": f"{old['province']['code']:02d}",
            "name": province_name,
            "short_name": province_short,
            "unit_type": split_name(province_name)[0],
        },
        "before_2024": before_era,
        "old_era": old_era,
        "new_era": new_era,
        "succession": succession,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    summarise(fixture, districts, report)
    print(f"Wrote {out}")


def summarise(fixture: JsonDict, districts: list[JsonDict], report: list[str]) -> None:
    before_era, new_era = fixture["before_2024"], fixture["new_era"]
    succession = fixture["succession"]
    later = [r for r in succession if r["resolution"] == "2025"]
    old_codes = [c["code"] for d in districts for c in d["communes"]]
    created = [c["code"] for d in districts for c in d["communes"] if "valid_from" in c]
    mapped = {r["old_code"] for r in later}
    split = sorted({r["old_code"] for r in later if not r["whole"]})
    new_types: dict[str, int] = defaultdict(int)
    for c in new_era["communes"]:
        new_types[c["unit_type"]] += 1
    print(f"Sources: {fixture['source']}")
    print(f"Districts: {len(districts)}")
    for d in districts:
        print(f"  {d['code']} {d['name']}: {len(d['communes'])} communes")
    ceased = [f"{c['code']} {c['name']}" for c in before_era["communes"]]
    print(f"Ended on {MERGER_DATE}: {len(ceased)} {ceased}")
    in_force = len(old_codes) - len(created) + len(ceased)
    print(f"Communes in force on {BEFORE_MERGER_VALID_TO}: {in_force}")
    print(f"Created on {MERGER_DATE}: {created}")
    print(f"Old communes (to {OLD_VALID_TO}): {len(old_codes)}")
    print(f"New communes: {len(new_era['communes'])} {dict(new_types)}")
    print(f"Succession rows {MERGER_DATE}: {len(succession) - len(later)}")
    print(f"Succession rows {NEW_VALID_FROM}: {len(later)}; split: {len(split)} {split}")
    unreached = sorted({c["code"] for c in new_era["communes"]} - {r["new_code"] for r in later})
    print(f"New communes with no predecessor: {unreached or 'none'}")
    unmapped = [c for c in old_codes if c not in mapped]
    print(f"Unmapped old communes: {unmapped or 'none'}")
    for line in report:
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract-old", help="run with a vietnam-provinces 0.x interpreter")
    sub.add_parser("extract-new", help="run with the vietnam-provinces 2025.x interpreter")
    sub.add_parser("extract-succession", help="run with the vietnamadminunits interpreter")
    build_parser = sub.add_parser("build", help="run the extractors and write the fixture")
    build_parser.add_argument("--before-merger-python", required=True)
    build_parser.add_argument("--old-python", required=True)
    build_parser.add_argument("--new-python", required=True)
    build_parser.add_argument("--succession-python", required=True)
    build_parser.add_argument("--out", default=str(DEFAULT_OUT))
    args = parser.parse_args()

    if args.command == "extract-old":
        extract_old()
    elif args.command == "extract-new":
        extract_new()
    elif args.command == "extract-succession":
        extract_succession()
    else:
        build(args)


if __name__ == "__main__":
    main()
