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

    print("Berkas   : %s" % path)
    print("Periode  : %s" % summary.get("Periode"))
    print("Lembar   : %s" % ", ".join(
        "%s %d baris" % (name, len(data[name][1])) for name in SHEETS))
    print("PNBP     : Rp%s (tunai Rp%s, bank Rp%s), %d pembayaran dicocokkan dengan baris produknya" % (
        format(pnbp, ",").replace(",", "."), format(total["Tunai"], ",").replace(",", "."),
        format(total["Bank"], ",").replace(",", "."), matched))
    print("SKM      : %d responden, IKM %s" % (n, ikm_text))
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


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("pakai: check_workbook.py BERKAS.xlsx\n")
        return 2
    return check(argv[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
