#!/usr/bin/python3
"""Check an archive's workbook against the workbooks of its counters.

Usage: /usr/bin/python3 scripts/check_archive.py ARSIP.xlsx LOKET-A.xlsx [LOKET-B.xlsx …]

All workbooks are `loket export` of the same days: the first of the archive
made by `loket gabung` from the counters' databases, the others of each
counter's own database. With openpyxl it checks that the archive holds
exactly the counters' rows (Kunjungan, Produk, PNBP, SKM, Pengaduan), that
each Kunjungan and PNBP row's Loket names the counter whose workbook has
it, that each figure of Ringkasan that adds up (counts and Rupiah) is the
sum of the counters' figures, and that the archive's block of each counter
("Loket 1906/A: …") equals that counter's own Ringkasan figure by figure.
scripts/check_workbook.py checks each workbook on its own.

Exits 0 when all holds, 1 on a mismatch, 2 when a file cannot be read.
"""

import sys

try:
    import openpyxl
except ImportError:  # pragma: no cover
    sys.stderr.write("check_archive: openpyxl tidak terpasang "
                     "(apt-get install -y --no-install-recommends python3-openpyxl)\n")
    sys.exit(2)

KEYS = {"Kunjungan": "ID Kunjungan", "PNBP": "No. Kuitansi"}
ROWS = ["Kunjungan", "Produk", "PNBP", "SKM", "Pengaduan"]
# Ringkasan figures that do not add up over counters.
NOT_ADDED = {"Rata-rata waktu layanan (menit)", "Kunjungan selesai <= 5 menit (%)", "IKM", "Mutu pelayanan"}

problems = []


def fail(msg):
    problems.append(msg)


def load(path):
    try:
        return openpyxl.load_workbook(path, read_only=True)
    except Exception as e:  # noqa: BLE001 - any reader error is a failed read
        sys.stderr.write("check_archive: %s tidak dapat dibaca: %s\n" % (path, e))
        sys.exit(2)


def table(ws):
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    head = rows[0]
    return [dict(zip(head, r)) for r in rows[1:] if any(v is not None for v in r)]


def figures(ws):
    """Ringkasan's rows from Jumlah kunjungan up to the cash hand-overs."""
    out, on = [], False
    for r in ws.iter_rows(values_only=True):
        label = r[0]
        if not isinstance(label, str):
            continue
        if label == "Jumlah kunjungan":
            on = True
        elif on and label.startswith("Serah terima"):
            break
        if on:
            out.append((label, r[1] if len(r) > 1 else None))
    return out


def summary(ws):
    """Ringkasan as label -> value, every row."""
    return {r[0]: (r[1] if len(r) > 1 else None) for r in ws.iter_rows(values_only=True) if isinstance(r[0], str)}


def counter_of(wb):
    """The counter of a counter's own workbook, from its Kode integritas."""
    for r in wb["Ringkasan"].iter_rows(values_only=True):
        if r[0] == "Kode integritas" and isinstance(r[1], str) and "/" in r[1]:
            return r[1].split("-")[0]
    return None


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("pakai: check_archive.py ARSIP.xlsx LOKET.xlsx [LOKET.xlsx …]\n")
        return 2
    arc = load(argv[1])
    counters = []
    for path in argv[2:]:
        wb = load(path)
        c = counter_of(wb)
        if c is None:
            fail("%s: kode loket tidak terbaca dari Kode integritas" % path)
            continue
        counters.append((c, wb))

    # The archive's rows are the counters' rows, each named by its counter.
    for sheet in ROWS:
        got = len(table(arc[sheet]))
        want = sum(len(table(wb[sheet])) for _, wb in counters)
        if got != want:
            fail("%s: arsip %d baris, loket-loketnya %d" % (sheet, got, want))
    for sheet, key in KEYS.items():
        origin = {}
        for c, wb in counters:
            for r in table(wb[sheet]):
                origin[r[key]] = c
        for r in table(arc[sheet]):
            if r.get("Loket") != origin.get(r[key]):
                fail("%s %s: Loket %r, seharusnya %r" % (sheet, r[key], r.get("Loket"), origin.get(r[key])))

    # Ringkasan: the total is the counters' sum, each block the counter's own.
    full = summary(arc["Ringkasan"])
    own = {c: dict(figures(wb["Ringkasan"])) for c, wb in counters}
    added = 0
    for label, v in figures(arc["Ringkasan"]):
        if label.startswith("Loket ") or label in NOT_ADDED or label.startswith("NRR "):
            continue
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            parts = sum(f.get(label) or 0 for f in own.values())
            if parts != v:
                fail("Ringkasan %r: arsip %r, jumlah loket-loketnya %r" % (label, v, parts))
            added += 1
    if added < 10:
        fail("hanya %d angka Ringkasan dibandingkan" % added)
    compared = 0
    for c, fig in own.items():
        prefix = "Loket %s: " % c
        for label, v in fig.items():
            if prefix + label not in full or full[prefix + label] != v:
                fail("Ringkasan %r: arsip %r, ekspor loket itu %r" % (prefix + label, full.get(prefix + label), v))
            compared += 1

    print("Arsip    : %s" % argv[1])
    print("Loket    : %s" % ", ".join(c for c, _ in counters))
    print("Ringkasan: %d angka total = jumlah loket, %d angka rincian = ekspor loketnya" % (added, compared))
    if problems:
        print("GAGAL: %d ketidaksesuaian" % len(problems))
        for p in problems[:50]:
            print("  - " + p)
        return 1
    print("OK: arsip = gabungan loket-loketnya, baris demi baris dan angka demi angka")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
