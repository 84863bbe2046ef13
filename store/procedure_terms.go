package store

import (
	"context"
	"database/sql"

	"loket/store/valid"
)

// This file is the procedure's terms and documents: the PNBP terms and the
// documents required (step 6), the agreement (7), the document check (8)
// and the invoice (9).

// ConfirmTerms records step 6: the officer has told the tariff per line with
// its legal basis and the documents required; the required documents are
// put on the visit's checklist.
func (s *Store) ConfirmTerms(ctx context.Context, actor, visitID string) error {
	return s.visitStep(ctx, actor, visitID, StepTerms, func(tx *sql.Tx, v *Visit) error {
		want := map[DocKind]bool{}
		for _, k := range RequiredDocuments(v) {
			want[k] = true
		}
		for _, kind := range []DocKind{DocLetter, DocAbstraksi, DocSPPD} {
			need, has := want[kind], v.Document(kind) != nil
			switch {
			case need && !has:
				if _, err := s.cached(tx).ExecContext(ctx, `INSERT INTO documents (id, visit_id, kind, updated_at) VALUES (?,?,?,?)`,
					s.newID(), v.ID, kind, fmtTime(s.at(tx))); err != nil {
					return err
				}
			case !need && has:
				if _, err := s.cached(tx).ExecContext(ctx, `DELETE FROM documents WHERE visit_id = ? AND kind = ?`, v.ID, kind); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// AgreementInput is step 7: the visitor's answer to the PNBP terms and the
// documents handed in.
type AgreementInput struct {
	Agreed    bool
	Reason    string // why not, when Agreed is false
	Abstraksi bool   // abstraksi penggunaan data handed in
	Variables string // variables the abstraksi names
	Letter    bool   // surat permohonan handed in
}

// RecordAgreement records step 7. A refusal ends the visit Batal with the
// reason. Agreeing requires the documents the request needs.
func (s *Store) RecordAgreement(ctx context.Context, actor, visitID string, in AgreementInput) error {
	return s.visitStep(ctx, actor, visitID, StepAgreement, func(tx *sql.Tx, v *Visit) error {
		a := s.auditor(ctx, tx, actor, "visit", v.ID)
		if !in.Agreed {
			reason, err := valid.Text("Alasan", in.Reason, 500, true)
			if err != nil {
				return err
			}
			if v.Paid() {
				return refuse(ErrPaid, "Kunjungan sudah dibayar; persetujuan tidak dapat ditarik")
			}
			if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET agreed = 0 WHERE id = ?`, v.ID); err != nil {
				return err
			}
			if err := s.setStep(ctx, tx, v, StepAgreement, StateDone, "", actor); err != nil {
				return err
			}
			return s.close(ctx, tx, v, actor, VisitCanceled, "tidak menyetujui ketentuan PNBP: "+reason)
		}
		if v.Document(DocAbstraksi) != nil && !in.Abstraksi {
			return refuse(ErrDocuments, "Abstraksi penggunaan data wajib diserahkan untuk data mikro atau peta")
		}
		if v.Document(DocLetter) != nil && !in.Letter {
			return refuse(ErrDocuments, "Surat permohonan wajib diserahkan untuk tarif nol rupiah; tanpa surat, ubah permintaan (langkah 4) agar tarif biasa berlaku")
		}
		vars, err := valid.Text("Variabel dalam abstraksi", in.Variables, 2000, false)
		if err != nil {
			return err
		}
		now := fmtTime(s.at(tx))
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE documents SET received = 1, variables = ?, updated_at = ?
			WHERE visit_id = ? AND kind = 'abstraksi'`, vars, now, v.ID); err != nil {
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE documents SET received = 1, updated_at = ?
			WHERE visit_id = ? AND kind = 'surat_permohonan'`, now, v.ID); err != nil {
			return err
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET agreed = 1 WHERE id = ?`, v.ID); err != nil {
			return err
		}
		if v.Agreed != nil { // a first answer is step 7's own record (visit_seal.go)
			a.change("agreed", v.Agreed != nil && *v.Agreed, true)
		}
		return a.err
	})
}

// RecordDocumentCheck records step 8: the documents are complete and the
// abstraksi matches the variables requested. A mismatch refers the visitor
// to consultation and ends the visit with that outcome.
func (s *Store) RecordDocumentCheck(ctx context.Context, actor, visitID string, matches bool, note string) error {
	note, err := valid.Text("Catatan pemeriksaan", note, 1000, !matches)
	if err != nil {
		return err
	}
	return s.visitStep(ctx, actor, visitID, StepDocCheck, func(tx *sql.Tx, v *Visit) error {
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE documents SET checked = 1, matches = ?, note = ?, updated_at = ?
			WHERE visit_id = ? AND kind IN ('abstraksi','surat_permohonan')`, matches, note, fmtTime(s.at(tx)), v.ID); err != nil {
			return err
		}
		if matches {
			return nil
		}
		if v.Paid() {
			return refuse(ErrPaid, "Kunjungan sudah dibayar; tidak dapat dirujuk ke konsultasi")
		}
		if err := s.setStep(ctx, tx, v, StepDocCheck, StateDone, "", actor); err != nil {
			return err
		}
		return s.close(ctx, tx, v, actor, VisitReferred, note)
	})
}

// InvoiceInput is step 9: what the officer hands over besides the invoice.
type InvoiceInput struct {
	SampleGiven bool // contoh data mikro
	SPPDGiven   bool // SPPD form handed to the visitor
}

// IssueInvoice records step 9: an invoice with the next number when the
// total is above Rp0, and for microdata or maps the SPPD form handed over.
func (s *Store) IssueInvoice(ctx context.Context, actor, visitID string, in InvoiceInput) error {
	return s.visitStep(ctx, actor, visitID, StepInvoice, func(tx *sql.Tx, v *Visit) error {
		if v.NeedsAgreement() && !in.SPPDGiven {
			return refuse(ErrDocuments, "Dokumen perjanjian (SPPD) wajib diserahkan kepada pengguna layanan untuk data mikro atau peta")
		}
		if _, err := s.cached(tx).ExecContext(ctx, `UPDATE visits SET sample_given = ?, sppd_given = ? WHERE id = ?`,
			in.SampleGiven, in.SPPDGiven, v.ID); err != nil {
			return err
		}
		if v.Total > 0 && v.ActiveInvoice(KindInvoice) == nil {
			if _, err := s.newInvoice(ctx, tx, actor, v, KindInvoice, v.Total); err != nil {
				return err
			}
		}
		return nil
	})
}
