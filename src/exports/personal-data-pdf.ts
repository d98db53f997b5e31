import type { PersonalDataCopy } from '../usecases/intake/personal-data.ts';
import { decimalComma } from '../domain/money.ts';
import { newPdf, pdfBuffer, pdfText } from './pdf-kit.ts';

const dayFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' });
const when = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso.split('-').reverse().join('/');
  return dayFmt.format(new Date(iso));
};
const orDash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/** A person's copy of their data as a readable document: large type, one section per kind of data. */
export async function renderPersonalDataPdf(c: PersonalDataCopy): Promise<Buffer> {
  const doc = await newPdf('Vos données personnelles — pass numérique', 'passnum');
  const h1 = (t: string) => doc.font('Helvetica-Bold').fontSize(20).text(pdfText(t)).moveDown(0.5);
  const h2 = (t: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(15).text(pdfText(t)).moveDown(0.3);
  const line = (label: string, value: string) => doc.font('Helvetica-Bold').fontSize(12).text(pdfText(`${label} : `), { continued: true }).font('Helvetica').text(pdfText(value));
  const para = (t: string) => doc.font('Helvetica').fontSize(12).text(pdfText(t));
  const p = c.personne;

  h1('Vos données personnelles');
  para(`Document produit le ${when(c.produitLe)}. Il contient tout ce que le pass numérique enregistre à votre sujet.`);
  para(c.responsableDuTraitement);

  h2('Qui vous êtes');
  line('Prénom', orDash(p.prenom));
  line('Nom de naissance', orDash(p.nomDeNaissance));
  if (p.nomDUsage) line('Nom d’usage', p.nomDUsage);
  line('Date de naissance', p.dateDeNaissance ? when(p.dateDeNaissance) : orDash(p.trancheDAge));
  line('Commune', `${orDash(p.commune.nom)} (${p.commune.codeInsee})`);
  line('Adresse', orDash(p.adresse));
  line('Téléphone', orDash(p.telephone));
  line('E-mail', orDash(p.email));
  line('Public prioritaire', p.publicPrioritaire.length ? p.publicPrioritaire.join(', ') : 'non');
  line('Enregistré par', `${p.enregistrePar}, le ${when(p.enregistreLe)}`);
  line('Dernier contact', when(p.dernierContact));

  h2('Vos accords');
  line('Consentement au traitement', `enregistré le ${when(p.consentementEnregistreLe)}`);
  line('Rappels par SMS, e-mail ou courrier', p.accepteLesRappels && !p.nePlusRecevoirDeRappelsDepuis ? 'oui' : 'non');
  if (p.nePlusRecevoirDeRappelsDepuis) line('Plus de rappels depuis le', when(p.nePlusRecevoirDeRappelsDepuis));

  h2('Vos diagnostics');
  if (!c.diagnostics.length) para('Aucun diagnostic enregistré.');
  for (const d of c.diagnostics) {
    doc.font('Helvetica-Bold').fontSize(12).text(pdfText(`${d.type[0].toUpperCase()}${d.type.slice(1)} du ${when(d.date)} — profil : ${d.profil}`));
    for (const a of d.answers) para(`• ${a.question} ${a.answer}`);
    if (d.needs.length) para(`Besoins : ${d.needs.join(', ')}`);
    doc.moveDown(0.3);
  }

  h2('Vos carnets et vos tickets');
  if (!c.carnets.length) para('Aucun carnet.');
  for (const b of c.carnets) para(`Carnet ${b.numero} (${b.campagne}) : ${b.etat}, remis le ${when(b.remisLe)} par ${orDash(b.remisPar)}.`);
  for (const t of c.tickets) {
    para(`Ticket ${t.numero} (${decimalComma(t.valeurEnCentimes)} €) : ${t.etat}${t.utiliseLe ? ` le ${when(t.utiliseLe)} chez ${orDash(t.utiliseChez)}` : `, valable jusqu’au ${when(t.valableJusquAu)}`}.`);
  }

  h2('Les séances que vous avez suivies');
  if (!c.seancesSuivies.length) para('Aucune séance.');
  for (const s of c.seancesSuivies) para(`${when(s.date)} — ${s.structure} (${s.lieu}) : ${s.format}, ${s.dureeEnMinutes} minutes, ${s.themes.join(', ')}.`);
  if (c.reservations.length) {
    h2('Vos réservations');
    for (const r of c.reservations) para(`${r.seance}, le ${when(r.le)} — ${r.lieu}${r.annuleeLe ? ' (annulée)' : ''}.`);
  }

  h2('Les messages qui vous ont été envoyés');
  if (!c.messages.length) para('Aucun message.');
  for (const m of c.messages) para(`${when(m.prepareLe)} — ${m.type} par ${m.canal}${m.envoyeLe ? `, envoyé le ${when(m.envoyeLe)}` : ', pas encore envoyé'}.`);

  h2('Vos droits');
  para('Vous pouvez demander la correction ou l’effacement de ces données, ou vous opposer aux rappels, auprès de la mairie qui vous a remis le carnet. Vos données sont conservées deux ans après votre dernier contact, puis rendues anonymes. Vous pouvez aussi saisir la CNIL (www.cnil.fr).');
  return pdfBuffer(doc);
}
