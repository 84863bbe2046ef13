#!/usr/bin/python3
"""Check a period recap of loket against the range export of the same days.

Usage: /usr/bin/python3 scripts/check_report.py rekap-pst-….xlsx laporan-pst-FROM_TO.xlsx

Both workbooks must cover the same days, and the range must start on or
before the first day with data (so that every payment's visit is on the
export's Kunjungan sheet). With openpyxl, a reader other than the excelize
that wrote them, it checks the recap's sheets and headers, and recomputes
from the export's rows: Ringkasan (equal to the export's, row for row),
Rekap Harian (per day and the total row), Rekap PNBP (per tariff code, per
method, per kategori instansi) and Laporan SKM (sums, NRR, IKM, mutu,
population, Krejcie–Morgan sample, every Saran as a string cell); that no
cell is a formula; and that the Grafik sheet holds its native charts
(openpyxl drops charts on reading, so the zip's xl/charts/*.xml are read).

Exits 0 when all holds, 1 on a mismatch, 2 when a file cannot be read.
"""

import collections
import datetime
import html
import math
import re
import sys
import zipfile

try:
    import openpyxl
except ImportError:  # pragma: no cover
    sys.stderr.write("check_report: openpyxl tidak terpasang "
                     "(apt-get install -y --no-install-recommends python3-openpyxl)\n")
    sys.exit(2)

SHEETS = ["Ringkasan", "Rekap Harian", "Rekap PNBP", "Laporan SKM", "Statistik Pengunjung", "Pengaduan",
          "Register Kuitansi", "Grafik"]
HEADERS = {
    "Rekap Harian": ["Tanggal", "Kunjungan", "Selesai", "Batal", "Dirujuk", "PNBP Tunai (Rp)", "PNBP Bank (Rp)",
                     "Total PNBP (Rp)", "Tunai Diserahkan (Rp)", "Selisih Serah Terima (Rp)",
                     "Rata-rata Waktu Layanan (menit)", "Selesai <= 5 menit (%)"],
    "Rekap PNBP": ["Kode Tarif", "Uraian", "Jumlah Baris", "Baris Tarif Nol Rupiah", "Jumlah (Rp)"],
    "Laporan SKM": ["Unsur", "Jumlah Nilai", "Jumlah Jawaban", "NRR", "NRR Tertimbang"],
}

problems = []


def fail(msg):
    problems.append(msg)


def close(a, b, tol=0.0101):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol


def round2(x):
    return math.floor(x * 100 + 0.5) / 100


def rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def table(ws):
    """The sheet as dicts keyed by its header row."""
    rs = rows(ws)
    head = rs[0]
    return [dict(zip(head, r)) for r in rs[1:]]


def sample_size(n):
    if n <= 0:
        return 0
    num = 3841 * 400 * n
    den = 4000 * (n - 1) + 3841 * 400
    return (2 * num + den) // (2 * den)


def no_formulas(wb, name):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    fail("%s %s!%s adalah rumus" % (name, ws.title, c.coordinate))


def main(recap_path, export_path):
    try:
        rec = openpyxl.load_workbook(recap_path)
        exp = openpyxl.load_workbook(export_path)
    except Exception as e:  # noqa: BLE001 - any read failure is the answer
        sys.stderr.write("check_report: tidak dapat membaca: %s\n" % e)
        return 2
    if rec.sheetnames != SHEETS:
        fail("lembar %s, seharusnya %s" % (rec.sheetnames, SHEETS))
        return 1
    for name, head in HEADERS.items():
        got = [c.value for c in rec[name][1]][:len(head)]
        if got != head:
            fail("%s: kepala kolom %s, seharusnya %s" % (name, got, head))
    no_formulas(rec, "rekap")

    # Ringkasan: the export's figures, row for row, from Jumlah kunjungan on.
    def figures(ws):
        rs = rows(ws)
        start = next(i for i, r in enumerate(rs) if r[0] == "Jumlah kunjungan")
        return [(r[0], r[1]) for r in rs[start:]]
    if figures(rec["Ringkasan"]) != figures(exp["Ringkasan"]):
        a, b = figures(rec["Ringkasan"]), figures(exp["Ringkasan"])
        diff = [(x, y) for x, y in zip(a, b) if x != y][:3]
        fail("Ringkasan berbeda dari ekspor rentang: %s" % diff)

    visits = table(exp["Kunjungan"])
    pays = table(exp["PNBP"])
    items = table(exp["Produk"])
    skm = table(exp["SKM"])
    first = min((v["Tanggal"] for v in visits), default=None)
    visit_of = {v["ID Kunjungan"]: v for v in visits}
    for p in pays:
        if p["ID Kunjungan"] not in visit_of:
            fail("pembayaran %s: kunjungannya sebelum rentang; mulai rentang dari hari pertama data"
                 % p["No. Kuitansi"])
            return 1

    # Rekap Harian.
    day = collections.defaultdict(lambda: collections.Counter())
    served = collections.defaultdict(list)
    for v in visits:
        d = v["Tanggal"].date()
        day[d]["visits"] += 1
        st = v["Status"]
        key = {"Selesai": "done", "Batal": "canceled", "Dirujuk ke konsultasi": "referred"}.get(st)
        if key:
            day[d][key] += 1
        if st == "Selesai":
            served[d].append(v["Durasi (menit)"])
    for p in pays:
        d = p["Waktu Bayar"].date()
        day[d]["cash" if p["Metode"] == "Tunai" else "bank"] += p["Jumlah (Rp)"]
    hand = re.compile(r"Serah terima \d+ \(hari (\d\d)-(\d\d)-(\d{4})\): (uang dihitung|selisih) \(Rp\)")
    for r in rows(exp["Ringkasan"]):
        m = hand.match(str(r[0] or ""))
        if m:
            d = datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            day[d]["handed" if m.group(4) == "uang dihitung" else "diff"] += r[1]
    harian = rows(rec["Rekap Harian"])[1:]
    total = harian[-1]
    if total[0] != "Jumlah":
        fail("Rekap Harian: baris terakhir bukan Jumlah")
    sums = [0] * 10
    all_served = []
    for r in harian[:-1]:
        d = r[0].date()
        c = day[d]
        want = [c["visits"], c["done"], c["canceled"], c["referred"], c["cash"], c["bank"], c["cash"] + c["bank"],
                c["handed"], c["diff"]]
        if list(r[1:10]) != want:
            fail("Rekap Harian %s: %s, seharusnya %s" % (d, r[1:10], want))
        s = served[d]
        all_served += s
        avg = round2(sum(s) / len(s)) if s else None
        within = round2(100 * sum(1 for x in s if x <= 5.0) / len(s)) if s else None
        if not close(r[10], avg) or not close(r[11], within):
            fail("Rekap Harian %s: waktu layanan %s/%s, seharusnya %s/%s" % (d, r[10], r[11], avg, within))
        for i in range(9):
            sums[i] += r[1 + i]
    if list(total[1:10]) != sums[:9]:
        fail("Rekap Harian: baris Jumlah %s, seharusnya %s" % (total[1:10], sums[:9]))
    days_with_data = [d for d in day if day[d]["visits"] or day[d]["cash"] or day[d]["bank"]]
    shown = {r[0].date() for r in harian[:-1]}
    missing = [d for d in days_with_data if d not in shown]
    if missing:
        fail("Rekap Harian: hari %s tidak ada" % missing[:3])
    if first is not None and len(shown) != (max(shown) - min(shown)).days + 1:
        fail("Rekap Harian: tidak setiap hari kalender punya baris")

    # Rekap PNBP: product lines count on their payment's day.
    paid = {p["ID Kunjungan"] for p in pays}
    code = collections.defaultdict(lambda: [0, 0, 0])
    for it in items:
        if it["ID Kunjungan"] in paid and it.get("Tersedia") != "Tidak":
            c = code[it["Kode Tarif"]]
            c[0] += 1
            c[1] += it["Tarif Nol Rupiah"] == "Ya"
            c[2] += it["Nilai (Rp)"] or 0
    pnbp = rows(rec["Rekap PNBP"])
    got = {}
    i = 1
    while pnbp[i][0] != "Jumlah":
        got[pnbp[i][0]] = [pnbp[i][2], pnbp[i][3], pnbp[i][4]]
        i += 1
    if got != dict(code):
        fail("Rekap PNBP per kode tarif: %s, seharusnya %s" % (got, dict(code)))
    if pnbp[i][4] != sum(p["Jumlah (Rp)"] for p in pays):
        fail("Rekap PNBP: jumlah %s bukan jumlah PNBP %s" % (pnbp[i][4], sum(p["Jumlah (Rp)"] for p in pays)))

    def section(title):
        start = next(j for j, r in enumerate(pnbp) if r[0] == title) + 1
        out = {}
        while pnbp[start][0] != "Jumlah":
            out[pnbp[start][0]] = (pnbp[start][2], pnbp[start][4])
            start += 1
        return out
    method, cat = collections.Counter(), collections.Counter()
    mcount, ccount = collections.Counter(), collections.Counter()
    for p in pays:
        method[p["Metode"]] += p["Jumlah (Rp)"]
        mcount[p["Metode"]] += 1
        k = visit_of[p["ID Kunjungan"]]["Kategori Instansi"] or "(belum diisi)"
        cat[k] += p["Jumlah (Rp)"]
        ccount[k] += 1
    if section("Metode") != {k: (mcount[k], method[k]) for k in method}:
        fail("Rekap PNBP per metode: %s" % section("Metode"))
    if section("Kategori Instansi") != {k: (ccount[k], cat[k]) for k in cat}:
        fail("Rekap PNBP per kategori instansi: %s" % section("Kategori Instansi"))

    # Laporan SKM.
    lap = rows(rec["Laporan SKM"])
    n = len(skm)
    ikm = 0.0
    for u in range(9):
        s = sum(r["U%d" % (u + 1)] for r in skm)
        r = lap[1 + u]
        nrr = s / n if n else None
        if r[1] != s or r[2] != n or not close(r[3], nrr, 1e-9) or not close(r[4], nrr / 9 if n else None, 1e-9):
            fail("Laporan SKM U%d: %s, seharusnya %s %s %s" % (u + 1, r[1:5], s, n, nrr))
        ikm += (nrr or 0) / 9
    label = {r[0]: r[1] for r in lap if r[0]}
    exp_sum = {r[0]: r[1] for r in rows(exp["Ringkasan"])}
    if n and not close(label.get("IKM"), ikm, 1e-9):
        fail("Laporan SKM IKM %s, seharusnya %s" % (label.get("IKM"), ikm))
    if label.get("IKM Konversi") != exp_sum.get("IKM"):
        fail("Laporan SKM IKM Konversi %s, ekspor %s" % (label.get("IKM Konversi"), exp_sum.get("IKM")))
    if n and not exp_sum.get("Mutu pelayanan", "").startswith(str(label.get("Mutu Pelayanan")) + " ("):
        fail("Laporan SKM mutu %s, ekspor %s" % (label.get("Mutu Pelayanan"), exp_sum.get("Mutu pelayanan")))
    if "1/9" not in str(label.get("Bobot per unsur")):
        fail("Laporan SKM: bobot 1/9 tidak dinyatakan")
    pop = sum(1 for v in visits if v["Status"] == "Selesai")
    if label.get("Jumlah Responden") != n or label.get("Populasi") != pop or label.get("Sampel Minimal") != sample_size(pop):
        fail("Laporan SKM responden/populasi/sampel %s %s %s, seharusnya %s %s %s" % (
            label.get("Jumlah Responden"), label.get("Populasi"), label.get("Sampel Minimal"), n, pop,
            sample_size(pop)))
    ws = rec["Laporan SKM"]
    start = next(j for j, r in enumerate(lap) if r[0] == "Saran") + 1
    saran = [r["Saran"] for r in skm if r.get("Saran")]
    got = [r[0] for r in lap[start:] if r[0] != "(tidak ada saran pada periode ini)"]
    if got != saran:
        fail("Laporan SKM: saran %d, seharusnya %d (urutan sama)" % (len(got), len(saran)))
    for j in range(start + 1, ws.max_row + 1):
        c = ws.cell(j, 1)
        if c.value is not None and c.data_type != "s":
            fail("Laporan SKM!A%d bukan teks (%s)" % (j, c.data_type))

    # Money cells carry the Rupiah format, dates are dates.
    ws = rec["Rekap Harian"]
    for j in range(2, ws.max_row + 1):
        if j < ws.max_row and not hasattr(ws.cell(j, 1).value, "year"):
            fail("Rekap Harian!A%d bukan tanggal" % j)
        for col in range(6, 11):
            c = ws.cell(j, col)
            if not isinstance(c.value, int) or "Rp" not in c.number_format:
                fail("Rekap Harian!%s bukan uang (%r, %s)" % (c.coordinate, c.value, c.number_format))
                break

    # The charts: openpyxl does not load them, so read the package.
    with zipfile.ZipFile(recap_path) as z:
        charts = [n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)]
        want = 4
        if len(charts) < want:
            fail("Grafik: %d grafik, seharusnya %d" % (len(charts), want))
        refs = " ".join(html.unescape(z.read(c).decode()) for c in charts)
        for ref in ["'Rekap Harian'!$B$2", "'Rekap Harian'!$F$2", "'Rekap Harian'!$G$2"]:
            if ref not in refs:
                fail("Grafik: tidak ada seri yang merujuk %s" % ref)

    print("%s: %d hari, %d kunjungan, %d pembayaran, %d responden, %d grafik; %s" % (
        recap_path, len(harian) - 1, len(visits), len(pays), n, len(charts),
        "OK" if not problems else "%d masalah" % len(problems)))
    for p in problems:
        print("  - " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
