"""Derive the administrative-unit master data of Lạng Sơn province (code 20).

Writes ``apps/tiep_cong_dan/fixtures/admin_units_lang_son.json`` with both eras:

* old era (valid to 2025-06-30): 11 district-level units and their commune-level
  units, from ``vietnam-provinces`` 0.6.x;
* new era (valid from 2025-07-01): commune-level units directly under the province,
  from ``vietnam-provinces`` 2025.x;
* succession old commune -> new commune(s), from the old->new conversion tables of
  ``vietnamadminunits``, matched to the ``vietnam-provinces`` codes.

The three sources cannot share one environment (both ``vietnam-provinces`` releases
use the same import name), so each one is read by this same script running inside its
own virtualenv, and the results are combined with the standard library only.

Usage (one-off, kept for provenance; the app loads the JSON, it does not run this)::

    python3 -m venv /tmp/vp06 && /tmp/vp06/bin/pip install "vietnam-provinces==0.6.*"
    python3 -m venv /tmp/vp25 && /tmp/vp25/bin/pip install "vietnam-provinces==2025.10.1"
    python3 -m venv /tmp/vau && /tmp/vau/bin/pip install "vietnamadminunits==1.0.4"
    python3 scripts/derive_admin_units.py build \\
        --old-python /tmp/vp06/bin/python --new-python /tmp/vp25/bin/python \\
        --succession-python /tmp/vau/bin/python

``build`` runs the ``extract-old``, ``extract-new`` and ``extract-succession``
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
    """Run inside the vietnam-provinces 0.6.x venv: province, districts and communes."""
    import vietnam_provinces as vp

    with open(vp.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as fh:
        provinces = json.load(fh)
    province = next(p for p in provinces if p["code"] == PROVINCE_CODE)
    dump(
        {
            "version": vp.__version__,
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


def build_old_era(old: JsonDict) -> tuple[JsonDict, list[JsonDict]]:
    districts = []
    for d in sorted(old["districts"], key=lambda d: d["code"]):
        district = unit(f"{d['code']:03d}", d["name"])
        communes = [unit(f"{w['code']:05d}", w["name"]) for w in d["wards"]]
        district["communes"] = sorted(communes, key=lambda c: c["code"])
        districts.append(district)
    return {"valid_to": OLD_VALID_TO, "districts": districts}, districts


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
        split_codes.add(old_code)

    rows = []
    for old_code in sorted(targets):
        new_codes = sorted(targets[old_code])
        if old_code in split_codes and len(new_codes) == 1:
            report.append(f"NOTE: {old_code} listed as split but has one target")
        for new_code in new_codes:
            rows.append({"old_code": old_code, "new_code": new_code, "whole": len(new_codes) == 1})
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
        kept += [{"old_code": old_code, "new_code": n, "whole": w} for n, w in targets]
    return sorted(kept, key=lambda r: (r["old_code"], r["new_code"]))


def build(args: argparse.Namespace) -> None:
    old = run_extractor(args.old_python, "extract-old")
    new = run_extractor(args.new_python, "extract-new")
    vau = run_extractor(args.succession_python, "extract-succession")
    report: list[str] = []

    province_name = old["province"]["name"]
    old_era, districts = build_old_era(old)
    new_era = build_new_era(new)
    succession = apply_corrections(
        build_succession(vau, districts, new_era["communes"], report), report
    )
    _, province_short = split_name(province_name)

    fixture = {
        "source": {
            "old_era": f"vietnam-provinces {old['version']}",
            "new_era": f"vietnam-provinces {new['version']}",
            "succession": f"vietnamadminunits {vau['version']}",
            "derived_by": "scripts/derive_admin_units.py",
        },
        "province": {
            "code": f"{old['province']['code']:02d}",
            "name": province_name,
            "short_name": province_short,
            "unit_type": split_name(province_name)[0],
        },
        "old_era": old_era,
        "new_era": new_era,
        "succession": succession,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    # Summary.
    old_codes = [c["code"] for d in districts for c in d["communes"]]
    mapped = {r["old_code"] for r in succession}
    split = sorted({r["old_code"] for r in succession if not r["whole"]})
    new_types: dict[str, int] = defaultdict(int)
    for c in new_era["communes"]:
        new_types[c["unit_type"]] += 1
    print(f"Sources: {fixture['source']}")
    print(f"Districts: {len(districts)}")
    for d in districts:
        print(f"  {d['code']} {d['name']}: {len(d['communes'])} communes")
    print(f"Old communes: {len(old_codes)}")
    print(f"New communes: {len(new_era['communes'])} {dict(new_types)}")
    print(f"Succession rows: {len(succession)}; split old communes: {len(split)} {split}")
    unreached = sorted(
        {c["code"] for c in new_era["communes"]} - {r["new_code"] for r in succession}
    )
    print(f"New communes with no predecessor: {unreached or 'none'}")
    unmapped = [c for c in old_codes if c not in mapped]
    print(f"Unmapped old communes: {unmapped or 'none'}")
    for line in report:
        print(line)
    print(f"Wrote {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract-old", help="run with the vietnam-provinces 0.6.x interpreter")
    sub.add_parser("extract-new", help="run with the vietnam-provinces 2025.x interpreter")
    sub.add_parser("extract-succession", help="run with the vietnamadminunits interpreter")
    build_parser = sub.add_parser("build", help="run the extractors and write the fixture")
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
