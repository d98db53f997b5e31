import { z } from 'zod';
import { REQUEST_CHANNELS, REQUEST_KINDS, REQUEST_STATUSES } from '../domain/personal-data-request.ts';
import { Id, IsoDate } from './common.ts';

export const BeneficiaryIdParams = z.object({ id: Id });

const s = z.string();
const ns = z.string().nullable();
export const PersonalDataCopy = z.object({
  produitLe: s,
  responsableDuTraitement: s,
  personne: z.object({
    identifiant: s, prenom: s, nomDeNaissance: s, nomDUsage: ns, dateDeNaissance: ns, trancheDAge: ns,
    commune: z.object({ codeInsee: s, nom: ns }), adresse: ns, telephone: ns, email: ns, accepteLesRappels: z.boolean(),
    nePlusRecevoirDeRappelsDepuis: ns, consentementEnregistreLe: s, publicPrioritaire: z.array(s), enregistrePar: s, enregistreLe: s,
    dernierContact: s, anonymiseeLe: ns,
  }),
  diagnostics: z.array(z.object({ type: s, date: s, profil: s, answers: z.array(z.object({ question: s, answer: s })), needs: z.array(s) })),
  carnets: z.array(z.object({ numero: s, campagne: s, etat: s, remisLe: ns, remisPar: ns })),
  tickets: z.array(z.object({ numero: s, carnet: s, etat: s, valableJusquAu: s, utiliseLe: ns, utiliseChez: ns, valeurEnCentimes: z.number().int() })),
  seancesSuivies: z.array(z.object({ date: s, structure: s, lieu: s, format: s, themes: z.array(s), dureeEnMinutes: z.number().int(), tickets: z.number().int() })),
  reservations: z.array(z.object({ seance: s, le: s, lieu: s, structure: s, reserveeLe: s, annuleeLe: ns })),
  messages: z.array(z.object({ type: s, canal: s, destinataire: s, objet: s, prepareLe: s, envoyeLe: ns })),
});

export const ErasureBody = z.object({
  reason: z
    .string()
    .trim()
    .min(3, 'indiquez le motif (par exemple « demande de la personne du 12 mars »)')
    .max(500)
    .describe('Motif, gardé au journal d’audit : n’y écrivez pas de nom'),
});
export const ErasureResult = z.object({ beneficiaryId: z.string(), erasedAt: z.string(), requestId: z.string().describe('La demande du registre close par cet effacement') });
export const PdfDocument = z.string().describe('Document PDF');

// The register of personal-data requests (RGPD articles 15, 16, 17, 21).
const Kind = z.enum(REQUEST_KINDS);
const Channel = z.enum(REQUEST_CHANNELS);
export const PersonalDataRequestParams = z.object({ id: Id });
export const RecordPersonalDataRequestBody = z.object({
  beneficiaryId: Id.nullable().optional().describe('La personne, si elle est retrouvée'),
  requesterName: z.string().trim().max(200).nullable().optional().describe('Sinon, son nom tel qu’elle l’a écrit'),
  kind: Kind.describe('accès (art. 15), rectification (16), effacement (17), opposition (21)'),
  channel: Channel,
  receivedOn: IsoDate.describe('Date de réception de la demande : le délai d’un mois court à partir d’elle'),
});
export const PersonalDataRequestsQuery = z.object({
  status: z.enum(['open', 'all']).optional().describe('open (par défaut) : les demandes en cours, la plus urgente d’abord'),
  beneficiaryId: Id.optional(),
});
export const ExtendPersonalDataRequestBody = z.object({
  reason: z.string().trim().min(3, 'indiquez pourquoi la demande est complexe').max(500).describe('Motif de la prolongation, communiqué à la personne'),
});
export const ClosePersonalDataRequestBody = z.object({
  outcome: z.enum(['answered', 'refused']),
  note: z.string().trim().max(500).nullable().optional().describe('Réponse donnée, ou motif du refus (obligatoire) : n’y écrivez pas de nom'),
});
export const PersonalDataRequest = z.object({
  id: z.string(), kind: Kind, kindLabel: s, channel: Channel, channelLabel: s, beneficiaryId: ns, personName: s, nameAsWritten: z.boolean(),
  organisationName: ns, receivedOn: s, dueOn: s, status: z.enum(REQUEST_STATUSES), statusLabel: s, late: z.boolean(), dueSoon: z.boolean(),
  daysLeft: z.number().int().nullable(), mayExtend: z.boolean(), extensionReason: ns, closingNote: ns, answeredOn: ns, recordedBy: ns, closedBy: ns,
  copyPdfUrl: ns,
});
export const PersonalDataRequestList = z.object({ today: s, late: z.number().int(), dueSoon: z.number().int(), requests: z.array(PersonalDataRequest) });
