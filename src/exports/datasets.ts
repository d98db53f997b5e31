import { CLAIM_STATUS_LABELS, formatStatementNumber, LINE_STATUS_LABELS, periodLabel, type ClaimLineStatus, type ClaimStatus } from '../domain/claims.ts';
import { PRIORITY_MARKERS } from '../domain/person.ts';
import { SERVICE_FORMAT_LABELS, themeLabel } from '../domain/themes.ts';
import type {
  BeneficiaryExportRow, BookletExportRow, ClaimLineExportRow, PaymentExportRow, RedemptionExportRow,
} from '../repositories/read-models/exports.ts';
import type { Column } from './tabular.ts';

// The columns of each export, in French, for people who open them in a spreadsheet.

const MARKERS = new Map<string, string>(PRIORITY_MARKERS.map((m) => [m.id, m.label]));
const BOOKLET_STATUS: Record<string, string> = { in_stock: 'En stock', issued: 'Remis', cancelled: 'Annulé', replaced: 'Remplacé' };

function list(json: string, label: (id: string) => string): string {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.map((x) => label(String(x))).join(', ') : '';
  } catch {
    return '';
  }
}

export const BENEFICIARY_COLUMNS: Column<BeneficiaryExportRow>[] = [
  { header: 'Identifiant', value: (r) => r.id, width: 38 },
  { header: 'Prénom', value: (r) => r.first_name },
  { header: 'Nom de naissance', value: (r) => r.birth_name, width: 20 },
  { header: 'Nom d’usage', value: (r) => r.usage_name },
  { header: 'Date de naissance', kind: 'date', value: (r) => r.birth_date },
  { header: 'Code INSEE', value: (r) => r.commune_insee },
  { header: 'Commune', value: (r) => r.commune_name },
  { header: 'Adresse', value: (r) => r.address, width: 30 },
  { header: 'Téléphone', kind: 'phone', value: (r) => r.phone, width: 16 },
  { header: 'E-mail', value: (r) => r.email, width: 26 },
  { header: 'Accepte les rappels', value: (r) => (r.contact_consent ? 'oui' : 'non') },
  { header: 'Ne veut plus de rappels depuis le', kind: 'instant', value: (r) => r.opted_out_at },
  { header: 'Public prioritaire', value: (r) => list(r.priority_markers, (id) => MARKERS.get(id) ?? id), width: 30 },
  { header: 'Organisation', value: (r) => r.organisation_name, width: 24 },
  { header: 'Enregistré le', kind: 'instant', value: (r) => r.created_at },
  { header: 'Dernier contact le', kind: 'instant', value: (r) => r.last_contact_at },
];

export const BOOKLET_COLUMNS: Column<BookletExportRow>[] = [
  { header: 'Numéro de carnet', value: (r) => r.serial, width: 22 },
  { header: 'Campagne', value: (r) => r.campaign_name, width: 20 },
  { header: 'Code INSEE', value: (r) => r.commune_insee },
  { header: 'Commune', value: (r) => r.commune_name },
  { header: 'État', value: (r) => BOOKLET_STATUS[r.status] ?? r.status },
  { header: 'Organisation', value: (r) => r.organisation_name, width: 24 },
  { header: 'Remis le', kind: 'instant', value: (r) => r.issued_at },
  { header: 'Tickets', kind: 'int', value: (r) => r.tickets },
  { header: 'Tickets utilisés', kind: 'int', value: (r) => r.used },
  { header: 'Valable jusqu’au', kind: 'date', value: (r) => r.valid_until },
];

export const REDEMPTION_COLUMNS: Column<RedemptionExportRow>[] = [
  { header: 'Date', kind: 'instant', value: (r) => r.redeemed_at },
  { header: 'Numéro de ticket', value: (r) => r.ticket_serial, width: 24 },
  { header: 'Numéro de carnet', value: (r) => r.booklet_serial, width: 22 },
  { header: 'Campagne', value: (r) => r.campaign_name, width: 20 },
  { header: 'Structure', value: (r) => r.structure_name, width: 28 },
  { header: 'SIRET', value: (r) => r.structure_siret, width: 16 },
  { header: 'Lieu', value: (r) => r.site_name, width: 24 },
  { header: 'Format', value: (r) => SERVICE_FORMAT_LABELS[r.format as keyof typeof SERVICE_FORMAT_LABELS] ?? r.format },
  { header: 'Thèmes', value: (r) => list(r.themes, themeLabel), width: 36 },
  { header: 'Durée (minutes)', kind: 'int', value: (r) => r.duration_minutes },
  { header: 'Valeur (€)', kind: 'cents', value: (r) => r.face_value_cents },
  { header: 'État', value: (r) => (r.undone_at ? 'Annulée' : 'Valide') },
  { header: 'Annulée le', kind: 'instant', value: (r) => r.undone_at },
  { header: 'Motif d’annulation', value: (r) => r.undo_reason, width: 28 },
];

export const CLAIM_COLUMNS: Column<ClaimLineExportRow>[] = [
  { header: 'Demande', value: (r) => r.claim_id, width: 38 },
  { header: 'Structure', value: (r) => r.structure_name, width: 28 },
  { header: 'SIRET', value: (r) => r.structure_siret, width: 16 },
  { header: 'Campagne', value: (r) => r.campaign_name, width: 20 },
  { header: 'Mois', value: (r) => (/^\d{4}-\d{2}$/.test(r.period) ? periodLabel(r.period) : r.period) },
  { header: 'État de la demande', value: (r) => CLAIM_STATUS_LABELS[r.claim_status as ClaimStatus] ?? r.claim_status, width: 24 },
  { header: 'Transmise le', kind: 'instant', value: (r) => r.submitted_at },
  { header: 'Examinée le', kind: 'instant', value: (r) => r.reviewed_at },
  { header: 'Numéro de ticket', value: (r) => r.ticket_serial, width: 24 },
  { header: 'Utilisé le', kind: 'instant', value: (r) => r.redeemed_at },
  { header: 'Montant (€)', kind: 'cents', value: (r) => r.amount_cents },
  { header: 'État de la ligne', value: (r) => LINE_STATUS_LABELS[r.status as ClaimLineStatus] ?? r.status },
  { header: 'Motif de rejet', value: (r) => r.reject_reason, width: 28 },
];

export const PAYMENT_COLUMNS: Column<PaymentExportRow>[] = [
  { header: 'N° de bordereau', value: (r) => formatStatementNumber(r.year, r.number), width: 16 },
  { header: 'Structure', value: (r) => r.structure_name, width: 28 },
  { header: 'SIRET', value: (r) => r.structure_siret, width: 16 },
  { header: 'IBAN', value: (r) => r.iban, width: 30 },
  { header: 'BIC', value: (r) => r.bic },
  { header: 'Titulaire du compte', value: (r) => r.account_holder, width: 24 },
  { header: 'Montant (€)', kind: 'cents', value: (r) => r.amount_cents },
  { header: 'Tickets', kind: 'int', value: (r) => r.tickets },
  { header: 'Ordre de paiement du', kind: 'instant', value: (r) => r.order_created_at },
  { header: 'Date d’exécution', kind: 'date', value: (r) => r.execution_date },
  { header: 'Payé le', kind: 'date', value: (r) => r.payment_date ?? r.paid_at },
  { header: 'Référence du paiement', value: (r) => r.payment_reference, width: 22 },
];
