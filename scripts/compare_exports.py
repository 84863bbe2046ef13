#!/usr/bin/python3
"""Compare two loket export workbooks cell by cell, for an upgrade.

Usage: /usr/bin/python3 scripts/compare_exports.py OLD.xlsx NEW.xlsx

OLD is a workbook the older binary exported from a database before
`loket upgrade`, NEW the same period exported by this binary from the
upgraded copy. With openpyxl (a reader other than the excelize that wrote
them) it compares the sheet names, the rows per sheet and every non-empty
cell of every sheet, as TestUpgradeKeptV1FileKeepsEveryExportFigure
(cmd/loket/upgrade_test.go) does for the kept v1 file:

- Ringkasan's "Kode integritas" row (schema 3; a v1 workbook has none) is
  left out and the rows after it compared as if it were not there; it is
  printed;
- the value of "Dibuat pada (WIB)" (when the workbook was made) is printed
  and not compared.

Every other difference is printed (the first 20) and counted. Exits 0 when
there is none, 1 otherwise.
"""

import sys

import openpyxl

MADE_AT = "Dibuat pada (WIB)"
CODE = "Kode integritas"


def cells(path):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    out, rows, skipped = {}, {}, []
    for ws in wb.worksheets:
        r = -1
        for row in ws.iter_rows(values_only=True):
            vals = list(row)
            if ws.title == "Ringkasan" and vals and vals[0] == CODE:
                skipped.append(vals[1] if len(vals) > 1 else None)
                continue
            r += 1
            for c, v in enumerate(vals):
                if v is not None and v != "":
                    out[(ws.title, r, c)] = v
        rows[ws.title] = r + 1
    names = [ws.title for ws in wb.worksheets]
    wb.close()
    return out, rows, skipped, names


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    old, new = sys.argv[1], sys.argv[2]
    a, rows_a, code_a, names_a = cells(old)
    b, rows_b, code_b, names_b = cells(new)
    diffs = []
    if names_a != names_b:
        diffs.append(f"sheets: {names_a} / {names_b}")
    if rows_a != rows_b:
        diffs.append(f"rows per sheet: {rows_a} / {rows_b}")
    made = []
    for k, v in a.items():
        if k[2] == 1 and a.get((k[0], k[1], 0)) == MADE_AT:
            made.append((v, b.get(k)))
            continue
        if b.get(k) != v:
            diffs.append(f"{k[0]} row {k[1] + 1} column {k[2] + 1}: {v!r} / {b.get(k)!r}")
    for k, v in b.items():
        if k not in a:
            diffs.append(f"{k[0]} row {k[1] + 1} column {k[2] + 1}: new {v!r}")
    for d in diffs[:20]:
        print("differs:", d)
    print(f"{old} / {new}: {len(a)} cells in {len(names_a)} sheets, rows {rows_a}; "
          f"{len(diffs)} differences; {CODE}: {code_a or 'none'} / {code_b or 'none'}; "
          f"{MADE_AT}: {made}")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
