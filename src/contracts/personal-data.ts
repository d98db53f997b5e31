import { z } from 'zod';
import { Id } from './common.ts';

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
export const ErasureResult = z.object({ beneficiaryId: z.string(), erasedAt: z.string() });
export const PdfDocument = z.string().describe('Document PDF');
