#!/usr/bin/python3
"""Check an end-of-day workbook of loket with a reader other than excelize.

Usage: /usr/bin/python3 scripts/check_workbook.py laporan-pst-2026-11-26.xlsx

Needs openpyxl (Debian: apt-get install -y --no-install-recommends
python3-openpyxl). It checks the column contract of DOMAIN.md ("The
workbook's columns"): sheet names and order, headers in order and spelling,
cell types (numbers are numbers, dates are dates, no cell anywhere is a
formula, text that looks like a formula is a string), and that every figure
of Ringkasan can be recomputed from the rows of the other sheets: counts,
PNBP totals, each visit's payment against its paid product lines, NRR per
unsur, IKM (PermenPANRB 14/2017, two decimals, half up) and its mutu.

The workbook of an archive (loket gabung) may end Kunjungan and PNBP with
one more column, Loket (office/counter code, "1906/A"), after the
contract's columns and the extras; its Ringkasan then has a block per
counter ("Loket 1906/A: Jumlah kunjungan" …). Those blocks are recomputed
from the rows of their counter and must add up to the total; a workbook
without the column must have no block.

It prints a short report and exits 0 when all holds, 1 on any mismatch,
2 when the file cannot be read.
"""

import datetime
import re
import sys

try:
    import openpyxl
except ImportError:  # pragma: no cover
    sys.stderr.write("check_workbook: openpyxl tidak terpasang "
                     "(apt-get install -y --no-install-recommends python3-openpyxl)\n")
    sys.exit(2)

SHEETS = ["Ringkasan", "Kunjungan", "Produk", "PNBP", "SKM", "Pengaduan"]

CONTRACT = {
    "Ringkasan": ["Uraian", "Nilai"],
    "Kunjungan": ["ID Kunjungan", "No. Antrian", "Tanggal", "Jam Datang", "Jam Selesai", "Durasi (menit)",
                  "Status", "Langkah Terakhir", "Nama", "Jenis Identitas", "No. Identitas", "Jenis Kelamin",
                  "Pendidikan", "Pekerjaan", "Instansi", "Kategori Instansi", "Email", "No. HP", "Pemanfaatan",
                  "Petugas", "Jumlah Koreksi"],
    "Produk": ["ID Kunjungan", "Jenis Produk", "Kode Tarif", "Judul", "Jumlah Halaman", "Ukuran (byte)",
               "Jumlah Peta", "Tarif Nol Rupiah", "Nilai (Rp)"],
    "PNBP": ["ID Kunjungan", "No. Invoice", "No. Kuitansi", "Nama Wajib Bayar", "Metode", "Kode Billing", "NTPN",
             "NTB", "Waktu Bayar", "Jumlah (Rp)"],
    "SKM": ["ID Kunjungan", "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "Saran"],
    "Pengaduan": ["Tanggal", "Saluran", "Isi", "Status", "Tindak Lanjut"],
}

SUMMARY_LABELS = ["Periode", "Jumlah kunjungan", "Kunjungan selesai", "Kunjungan batal",
                  "Kunjungan dirujuk ke konsultasi", "Kunjungan berjalan", "Total PNBP (Rp)", "PNBP tunai (Rp)",
                  "PNBP bank (Rp)", "Rata-rata waktu layanan (menit)", "Kunjungan selesai <= 5 menit (%)",
                  "Jumlah responden SKM", "IKM", "Mutu pelayanan", "Jumlah pengaduan", "Kode integritas"]

# A Kode integritas (docs/reliability.md): counter, audit row number and 20
# Crockford base32 characters of the chain head in groups of five; one per
# counter, joined by "; ", or the note of a file without an audit trail.
KODE = re.compile(r"^[^\s;]+-[1-9][0-9]*(-[0-9A-HJKMNP-TV-Z]{5}){4}$")
NO_KODE = "belum ada jejak audit"

STATUSES = {"Selesai", "Batal", "Dirujuk ke konsultasi", "Berjalan"}

# The archive's column and Ringkasan blocks (docs/ekspor.md, "An archive's
# workbook").
LOKET = "Loket"
LOKET_SHEETS = ["Kunjungan", "PNBP"]
LOKET_VALUE = re.compile(r"^[0-9]{4}/[A-Z]$")
BLOCK_LABEL = re.compile(r"^Loket ([^:]+): (.+)$")
PER_COUNTER = "Rincian per loket (arsip gabungan)"
# Ringkasan figures that do not add up over counters.
NOT_ADDED = {"Rata-rata waktu layanan (menit)", "Kunjungan selesai <= 5 menit (%)", "IKM", "Mutu pelayanan"}

# Column kinds for the type checks: "date" must be a date, "int"/"num" a
# number (None allowed where "?" follows), "money" a whole number with a
# Rupiah format, "text" a string or empty.
KINDS = {
    "Kunjungan": {"Tanggal": "date", "Jam Datang": "date", "Jam Selesai": "date?", "Durasi (menit)": "num?",
                  "Langkah Terakhir": "int", "Jumlah Koreksi": "int"},
    "Produk": {"Jumlah Halaman": "int?", "Ukuran (byte)": "int?", "Jumlah Peta": "int?", "Nilai (Rp)": "money"},
    "PNBP": {"Waktu Bayar": "date", "Jumlah (Rp)": "money"},
    "SKM": {"U%d" % i: "int" for i in range(1, 10)},
    "Pengaduan": {"Tanggal": "date"},
}

MUTU = [(88.31, "A (Sangat Baik)"), (76.61, "B (Baik)"), (65.00, "C (Kurang Baik)"), (25.00, "D (Tidak Baik)")]


class Checker:
    def __init__(self):
        self.errors = []
        self.notes = []

    def fail(self, msg):
        self.errors.append(msg)

    def expect(self, ok, msg):
        if not ok:
            self.fail(msg)
        return ok


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def is_whole(v):
    return is_number(v) and float(v).is_integer()


def read_sheet(ws):
    """Return (header, rows) where rows are dicts header -> cell."""
    it = ws.iter_rows()
    try:
        head_cells = next(it)
    except StopIteration:
        return [], []
    header = [c.value for c in head_cells]
    while header and header[-1] is None:
        header.pop()
    rows = []
    for cells in it:
        row = {}
        for h, c in zip(header, cells):
            row[h] = c
        if any(c.value is not None for c in row.values()):
            rows.append(row)
    return header, rows


def check_cell_types(ck, name, header, rows):
    kinds = KINDS.get(name, {})
    looks_like_formula = 0
    for i, row in enumerate(rows, start=2):
        for h, c in row.items():
            where = "%s!%s%d (%s)" % (name, openpyxl.utils.get_column_letter(header.index(h) + 1), i, h)
            if c.data_type == "f":
                ck.fail("%s adalah rumus, bukan nilai: %r" % (where, c.value))
                continue
            v = c.value
            # Contract columns not typed above hold text; extra columns and
            # Ringkasan's Nilai may hold anything but a formula.
            kind = kinds.get(h, "text" if h in CONTRACT[name] and (name, h) != ("Ringkasan", "Nilai") else "any")
            optional = kind.endswith("?")
            kind = kind.rstrip("?")
            if v is None:
                if kind not in ("text", "any") and not optional:
                    ck.fail("%s kosong" % where)
                continue
            if kind == "date":
                ck.expect(isinstance(v, datetime.datetime), "%s bukan tanggal: %r" % (where, v))
            elif kind == "num":
                ck.expect(is_number(v), "%s bukan angka: %r" % (where, v))
            elif kind == "int":
                ck.expect(is_whole(v), "%s bukan bilangan bulat: %r" % (where, v))
            elif kind == "money":
                if ck.expect(is_whole(v), "%s bukan bilangan bulat Rupiah: %r" % (where, v)):
                    ck.expect('"Rp"' in (c.number_format or ""),
                              "%s tanpa format Rupiah (format %r)" % (where, c.number_format))
            elif kind == "any":
                if isinstance(v, str) and v[:1] in ("=", "+", "-", "@"):
                    looks_like_formula += 1
            elif kind == "text":
                if ck.expect(isinstance(v, str), "%s bukan teks: %r" % (where, v)):
                    ck.expect(c.data_type in ("s", "inlineStr", "str"),
                              "%s teks dengan tipe sel %r" % (where, c.data_type))
                    if v[:1] in ("=", "+", "-", "@"):
                        looks_like_formula += 1
    return looks_like_formula


def ikm_hundredths(total, n):
    """25 × Σ NRR / 9 in hundredths, rounded half up, in integers."""
    return (2500 * total * 2 + 9 * n) // (2 * 9 * n)


def mutu(ikm):
    for low, name in MUTU:
        if ikm >= low:
            return name
    return ""


def close(a, b, tol):
    return a is not None and b is not None and abs(a - b) <= tol + 1e-9


def check(path):
    ck = Checker()
    try:
        wb = openpyxl.load_workbook(path, read_only=True)
    except Exception as e:  # noqa: BLE001 - any reader error is a failed read
        sys.stderr.write("check_workbook: %s tidak dapat dibaca: %s\n" % (path, e))
        sys.exit(2)

    ck.expect(wb.sheetnames == SHEETS, "lembar %r, seharusnya %r" % (wb.sheetnames, SHEETS))
    data = {}
    text_formula_like = 0
    for name in SHEETS:
        if name not in wb.sheetnames:
            ck.fail("lembar %s tidak ada" % name)
            data[name] = ([], [])
            continue
        header, rows = read_sheet(wb[name])
        want = CONTRACT[name]
        ck.expect(header[:len(want)] == want,
                  "kolom %s %r, seharusnya diawali %r" % (name, header, want))
        ck.expect(all(isinstance(h, str) for h in header), "judul kolom %s bukan teks" % name)
        text_formula_like += check_cell_types(ck, name, header, rows)
        data[name] = (header, rows)

    summary = {}
    for row in data["Ringkasan"][1]:
        label = row.get("Uraian")
        if label is not None and label.value is not None:
            summary[label.value] = row["Nilai"].value if "Nilai" in row else None
    for label in SUMMARY_LABELS:
        ck.expect(label in summary, "Ringkasan tanpa baris %r" % label)
    kode = summary.get("Kode integritas")
    if kode is not None:
        ck.expect(isinstance(kode, str) and (kode == NO_KODE or all(KODE.match(k) for k in kode.split("; "))),
                  "Ringkasan 'Kode integritas' bukan kode ASAL-NOMOR-XXXXX-XXXXX-XXXXX-XXXXX: %r" % kode)

    def num(label):
        v = summary.get(label)
        if v is None:
            return None
        if not is_number(v):
            ck.fail("Ringkasan %r bukan angka: %r" % (label, v))
            return None
        return v

    visits = data["Kunjungan"][1]
    status = {}
    served, within = [], 0
    for v in visits:
        st = v["Status"].value
        ck.expect(st in STATUSES, "Status %r tidak dikenal" % st)
        status[st] = status.get(st, 0) + 1
        if st == "Selesai":
            d = v["Durasi (menit)"].value
            if ck.expect(is_number(d), "kunjungan selesai tanpa Durasi (menit)"):
                served.append(d)
                within += d <= 5
    ck.expect(num("Jumlah kunjungan") == len(visits),
              "Jumlah kunjungan %r, baris Kunjungan %d" % (summary.get("Jumlah kunjungan"), len(visits)))
    for label, st in [("Kunjungan selesai", "Selesai"), ("Kunjungan batal", "Batal"),
                      ("Kunjungan dirujuk ke konsultasi", "Dirujuk ke konsultasi"), ("Kunjungan berjalan", "Berjalan")]:
        ck.expect(num(label) == status.get(st, 0), "%s %r, baris berstatus %s: %d" % (label, summary.get(label), st,
                                                                                        status.get(st, 0)))
    if served:
        avg = sum(served) / len(served)
        ck.expect(close(num("Rata-rata waktu layanan (menit)"), avg, 0.005),
                  "Rata-rata waktu layanan %r, dihitung ulang %.4f" % (summary.get("Rata-rata waktu layanan (menit)"), avg))
        pct = 100.0 * within / len(served)
        ck.expect(close(num("Kunjungan selesai <= 5 menit (%)"), pct, 0.005),
                  "Kunjungan selesai <= 5 menit %r, dihitung ulang %.4f" % (summary.get("Kunjungan selesai <= 5 menit (%)"), pct))

    payments = data["PNBP"][1]
    total = {"Tunai": 0, "Bank": 0}
    for p in payments:
        m = p["Metode"].value
        a = p["Jumlah (Rp)"].value
        if ck.expect(m in total, "Metode %r bukan Tunai atau Bank" % m) and is_whole(a):
            total[m] += int(a)
    pnbp = total["Tunai"] + total["Bank"]
    ck.expect(num("Total PNBP (Rp)") == pnbp, "Total PNBP %r, jumlah lembar PNBP %d" % (summary.get("Total PNBP (Rp)"), pnbp))
    ck.expect(num("PNBP tunai (Rp)") == total["Tunai"], "PNBP tunai %r, dihitung %d" % (summary.get("PNBP tunai (Rp)"), total["Tunai"]))
    ck.expect(num("PNBP bank (Rp)") == total["Bank"], "PNBP bank %r, dihitung %d" % (summary.get("PNBP bank (Rp)"), total["Bank"]))

    # Each payment equals its visit's paid product lines, where the visit's
    # lines are in the workbook (a visit that arrived before the period is
    # not) and the Dibayar column says which lines were paid.
    item_header, items = data["Produk"]
    paid_lines, on_produk = {}, set()
    for it in items:
        ck.expect(it["Tarif Nol Rupiah"].value in ("Ya", "Tidak"), "Tarif Nol Rupiah %r" % it["Tarif Nol Rupiah"].value)
        vid = it["ID Kunjungan"].value
        on_produk.add(vid)
        if "Dibayar" in item_header and it["Dibayar"].value == "Ya" and is_whole(it["Nilai (Rp)"].value):
            paid_lines[vid] = paid_lines.get(vid, 0) + int(it["Nilai (Rp)"].value)
    matched = 0
    if "Dibayar" in item_header:
        for p in payments:
            vid = p["ID Kunjungan"].value
            if vid in on_produk:
                matched += 1
                ck.expect(paid_lines.get(vid, 0) == p["Jumlah (Rp)"].value,
                          "kunjungan %s membayar %r, baris produk dibayar berjumlah %d" % (vid, p["Jumlah (Rp)"].value,
                                                                                           paid_lines.get(vid, 0)))

    ratings = data["SKM"][1]
    sums = [0] * 9
    for r in ratings:
        for i in range(9):
            sc = r["U%d" % (i + 1)].value
            if ck.expect(is_whole(sc) and 1 <= sc <= 4, "nilai SKM %r bukan 1–4" % sc):
                sums[i] += int(sc)
    n = len(ratings)
    ck.expect(num("Jumlah responden SKM") == n, "Jumlah responden SKM %r, baris SKM %d" % (summary.get("Jumlah responden SKM"), n))
    ikm_text = "-"
    if n:
        h = ikm_hundredths(sum(sums), n)
        ikm = num("IKM")
        ck.expect(ikm is not None and round(ikm * 100) == h, "IKM %r, dihitung ulang dari lembar SKM %.2f" % (summary.get("IKM"), h / 100))
        ck.expect(summary.get("Mutu pelayanan") == mutu(h / 100),
                  "Mutu pelayanan %r, seharusnya %r" % (summary.get("Mutu pelayanan"), mutu(h / 100)))
        for i in range(9):
            for label, v in summary.items():
                if isinstance(label, str) and label.startswith("NRR U%d " % (i + 1)):
                    ck.expect(close(v, sums[i] / n, 1e-9), "%s %r, dihitung ulang %.4f" % (label, v, sums[i] / n))
        ikm_text = "%.2f (%s)" % (h / 100, mutu(h / 100))
    else:
        ck.expect(summary.get("IKM") is None, "IKM %r tanpa responden" % summary.get("IKM"))

    complaints = data["Pengaduan"][1]
    ck.expect(num("Jumlah pengaduan") == len(complaints),
              "Jumlah pengaduan %r, baris Pengaduan %d" % (summary.get("Jumlah pengaduan"), len(complaints)))

    counters = check_counters(ck, summary, data)

    print("Berkas   : %s" % path)
    print("Periode  : %s" % summary.get("Periode"))
    print("Lembar   : %s" % ", ".join(
        "%s %d baris" % (name, len(data[name][1])) for name in SHEETS))
    print("PNBP     : Rp%s (tunai Rp%s, bank Rp%s), %d pembayaran dicocokkan dengan baris produknya" % (
        format(pnbp, ",").replace(",", "."), format(total["Tunai"], ",").replace(",", "."),
        format(total["Bank"], ",").replace(",", "."), matched))
    print("SKM      : %d responden, IKM %s" % (n, ikm_text))
    if counters:
        print("Loket    : arsip gabungan, %d loket (%s): kolom Loket dan rincian Ringkasan per loket sesuai" % (
            len(counters), ", ".join(counters)) if not ck.errors else "Loket    : arsip gabungan, %d loket" % len(counters))
    print("Teks     : %d sel teks diawali = + - @ tetap teks, tidak ada rumus" % text_formula_like
          if not any("rumus" in e for e in ck.errors) else "Teks     : ada sel rumus")
    if ck.errors:
        print("GAGAL: %d ketidaksesuaian" % len(ck.errors))
        for e in ck.errors[:50]:
            print("  - " + e)
        if len(ck.errors) > 50:
            print("  … dan %d lagi" % (len(ck.errors) - 50))
        return 1
    print("OK: kontrak kolom, tipe sel dan semua angka Ringkasan sesuai")
    return 0


def check_counters(ck, summary, data):
    """An archive's Loket column and Ringkasan blocks; returns the counters.

    Without the column (a counter's own workbook) there must be no block.
    With it, it is the last column of Kunjungan and PNBP, each row names an
    office/counter code, every such code has a block, and each block's
    figures are those of its counter's rows, adding up to the total.
    """
    has = {}
    for name in LOKET_SHEETS:
        header = data[name][0]
        has[name] = LOKET in header
        if has[name]:
            ck.expect(header[-1] == LOKET and header.count(LOKET) == 1,
                      "kolom %s di lembar %s harus kolom terakhir (sesudah kolom kontrak dan tambahan)" % (LOKET, name))
    for name in SHEETS:
        if name not in LOKET_SHEETS:
            ck.expect(LOKET not in data[name][0], "lembar %s tidak semestinya berkolom %s" % (name, LOKET))
    blocks = {}
    for label, v in summary.items():
        m = BLOCK_LABEL.match(label) if isinstance(label, str) else None
        if m:
            blocks.setdefault(m.group(1), {})[m.group(2)] = v
    archive = any(has.values())
    if not archive:
        ck.expect(not blocks and PER_COUNTER not in summary,
                  "Ringkasan berisi rincian per loket (%s) tanpa kolom %s" % (", ".join(sorted(blocks)), LOKET))
        return []
    ck.expect(all(has.values()), "kolom %s ada di %s saja; seharusnya di Kunjungan dan PNBP" % (
        LOKET, ", ".join(n for n in LOKET_SHEETS if has[n])))
    ck.expect(PER_COUNTER in summary, "Ringkasan arsip tanpa baris %r" % PER_COUNTER)

    def loket_of(row, name):
        c = row.get(LOKET)
        v = c.value if c is not None else None
        ck.expect(isinstance(v, str) and LOKET_VALUE.match(v) is not None,
                  "%s: %s %r bukan kode kantor/loket seperti 1906/A" % (name, LOKET, v))
        return v

    visits = data["Kunjungan"][1]
    payments = data["PNBP"][1]
    visit_loket = {}
    for v in visits:
        visit_loket[v["ID Kunjungan"].value] = loket_of(v, "Kunjungan") if has["Kunjungan"] else None
    pay_loket = [loket_of(p, "PNBP") if has["PNBP"] else None for p in payments]
    for p, c in zip(payments, pay_loket):
        vid = p["ID Kunjungan"].value
        if vid in visit_loket:
            ck.expect(visit_loket[vid] == c, "pembayaran kunjungan %s: %s %r, kunjungannya %r" % (
                vid, LOKET, c, visit_loket[vid]))
    seen = set(visit_loket.values()) | set(pay_loket)
    seen.discard(None)
    for c in sorted(seen):
        ck.expect(c in blocks, "Ringkasan tanpa rincian loket %s, padahal ada barisnya" % c)

    for c, fig in sorted(blocks.items()):
        def get(label):
            v = fig.get(label)
            if not ck.expect(label in fig, "rincian loket %s tanpa baris %r" % (c, label)):
                return None
            return v
        mine = [v for v in visits if visit_loket.get(v["ID Kunjungan"].value) == c]
        ck.expect(get("Jumlah kunjungan") == len(mine), "Loket %s: Jumlah kunjungan %r, baris Kunjungan loket itu %d" % (
            c, fig.get("Jumlah kunjungan"), len(mine)))
        for label, st in [("Kunjungan selesai", "Selesai"), ("Kunjungan batal", "Batal"),
                          ("Kunjungan dirujuk ke konsultasi", "Dirujuk ke konsultasi"), ("Kunjungan berjalan", "Berjalan")]:
            n = sum(1 for v in mine if v["Status"].value == st)
            ck.expect(get(label) == n, "Loket %s: %s %r, dihitung %d" % (c, label, fig.get(label), n))
        served = [v["Durasi (menit)"].value for v in mine if v["Status"].value == "Selesai"]
        served = [d for d in served if is_number(d)]
        if served:
            avg = sum(served) / len(served)
            ck.expect(close(get("Rata-rata waktu layanan (menit)"), avg, 0.005),
                      "Loket %s: rata-rata waktu layanan %r, dihitung %.4f" % (c, fig.get("Rata-rata waktu layanan (menit)"), avg))
        tot = {"Tunai": 0, "Bank": 0}
        npay = 0
        for p, pc in zip(payments, pay_loket):
            if pc == c and p["Metode"].value in tot and is_whole(p["Jumlah (Rp)"].value):
                tot[p["Metode"].value] += int(p["Jumlah (Rp)"].value)
                npay += 1
        for label, want in [("Total PNBP (Rp)", tot["Tunai"] + tot["Bank"]), ("PNBP tunai (Rp)", tot["Tunai"]),
                            ("PNBP bank (Rp)", tot["Bank"]), ("Jumlah pembayaran", npay)]:
            ck.expect(get(label) == want, "Loket %s: %s %r, dihitung dari lembar PNBP %d" % (c, label, fig.get(label), want))
        # SKM rows carry no Loket: they are their visit's, when the visit
        # is on Kunjungan (a rating given in the period for a visit that
        # arrived before it is not, and its counter cannot be read here).
        ratings = data["SKM"][1]
        if all(r["ID Kunjungan"].value in visit_loket for r in ratings):
            mine_r = [r for r in ratings if visit_loket[r["ID Kunjungan"].value] == c]
            ck.expect(get("Jumlah responden SKM") == len(mine_r), "Loket %s: Jumlah responden SKM %r, dihitung %d" % (
                c, fig.get("Jumlah responden SKM"), len(mine_r)))
            if mine_r:
                total = sum(r["U%d" % i].value for r in mine_r for i in range(1, 10) if is_whole(r["U%d" % i].value))
                h = ikm_hundredths(total, len(mine_r))
                ikm = fig.get("IKM")
                ck.expect(is_number(ikm) and round(ikm * 100) == h, "Loket %s: IKM %r, dihitung %.2f" % (c, ikm, h / 100))

    # What adds up: each block's figure summed over the counters is the
    # total above them.
    added = 0
    for label, total in summary.items():
        if not isinstance(label, str) or label in NOT_ADDED or label.startswith("NRR ") or not is_whole(total):
            continue
        if BLOCK_LABEL.match(label) or label.startswith("Serah terima"):
            continue
        parts = sum(int(f.get(label) or 0) for f in blocks.values() if is_whole(f.get(label) or 0))
        ck.expect(parts == total, "%s: total %r, rincian per loket berjumlah %d" % (label, total, parts))
        added += 1
    ck.expect(added >= 10, "hanya %d angka Ringkasan dibandingkan dengan rincian per loket" % added)
    return sorted(blocks)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("pakai: check_workbook.py BERKAS.xlsx\n")
        return 2
    return check(argv[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
