import type { z } from 'zod';
import type { EvaluationDashboard, FunnelDashboard, MoneyDashboard, PeopleDashboard } from '../contracts/dashboards.ts';
import { frenchNumber, frenchPercent, funnelSteps, halfOfPeopleWithin } from '../domain/dashboard-words.ts';
import { formatEuros } from '../domain/money.ts';
import { frenchDate } from '../domain/paris-time.ts';
import { frenchTypography } from './booklet-pdf.ts';
import { footerPages, newPdf, pdfBuffer, table, type Column } from './pdf-kit.ts';

export interface DashboardReport {
  territoryName: string;
  /** What the figures cover: the territory, an organisation or a structure (the screen's words). */
  scopeLabel: string;
  campaignName: string | null;
  from: string | null;
  to: string | null;
  /** Paris calendar day the report is made (AAAA-MM-JJ). */
  day: string;
  funnel: z.infer<typeof FunnelDashboard> | null;
  people: z.infer<typeof PeopleDashboard>;
  money: z.infer<typeof MoneyDashboard>;
  evaluation: z.infer<typeof EvaluationDashboard>;
}

const WIDTH = 499; // A4 less the 48 pt margins
const n = frenchNumber;
const hidden = (v: number | null) => (v === null ? 'moins de 5' : n(v));

/** What the report covers, in one line: the campaign (or all) and the period, if any. */
export function reportCoverage(r: Pick<DashboardReport, 'campaignName' | 'from' | 'to'>): string {
  const campaign = r.campaignName ? `Campagne « ${r.campaignName} »` : 'Toutes les campagnes';
  const period = r.from && r.to ? ` — du ${frenchDate(r.from)} au ${frenchDate(r.to)}` : r.from ? ` — depuis le ${frenchDate(r.from)}` : r.to ? ` — jusqu’au ${frenchDate(r.to)}` : '';
  return campaign + period;
}

/**
 * The dashboards as a report for a council: the same figures and words as the screen, each chart
 * given as its data table (a table prints and reads the same everywhere).
 */
export async function renderDashboardReportPdf(r: DashboardReport): Promise<Buffer> {
  const title = 'Rapport du pass numérique';
  const doc = await newPdf(`${title} — ${r.territoryName}`, r.territoryName);
  // The embedded font has the no-break spaces: a colon or a percent sign never starts a line.
  const t = (text: string, opts?: PDFKit.Mixins.TextOptions) => doc.text(frenchTypography(text), opts);
  const h = (text: string) => {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12);
    t(text);
    doc.font('Helvetica').fontSize(10).moveDown(0.3);
  };
  const sub = (text: string) => {
    if (doc.y > doc.page.height - 120) doc.addPage();
    doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10);
    t(text);
    doc.font('Helvetica').fontSize(10).moveDown(0.2);
  };
  const twoColumns = (head: [string, string], rows: string[][]) =>
    table(doc, [{ title: head[0], width: 340 }, { title: head[1], width: WIDTH - 340, align: 'right' }], rows);

  doc.font('Helvetica-Bold').fontSize(16);
  t(title);
  doc.font('Helvetica').fontSize(11);
  t(`Territoire : ${r.territoryName}`);
  t(`Ce que couvrent ces chiffres : ${r.scopeLabel}`);
  t(reportCoverage(r));
  t(`Rapport établi le ${frenchDate(r.day)}`);

  const f = r.funnel;
  if (f) {
    h('Carnets remis et utilisés');
    const steps = funnelSteps(f.totals);
    table(doc, [{ title: 'Étape', width: 200 }, { title: 'Carnets', width: 90, align: 'right' }, { title: 'Taux', width: WIDTH - 290 }],
      steps.map((s) => [s.label, n(s.count), s.of ? `${frenchPercent(s.percent)} ${s.of}` : '—']));
    for (const s of steps) t(`• ${s.sentence}`);
    doc.moveDown(0.3);
    t(halfOfPeopleWithin(f.timeToFirstUse.medianDays));
    if (f.timeToFirstUse.bands.length) {
      sub(`Délai entre la remise du carnet et le premier ticket utilisé (${n(f.timeToFirstUse.people)} personnes)`);
      twoColumns(['Délai', 'Personnes'], f.timeToFirstUse.bands.map((b) => [b.label, n(b.people)]));
    }
    const communes = f.byCommune.filter((c) => c.quota > 0 || c.handedOut > 0);
    if (communes.length) {
      sub('Par commune');
      const cols: Column[] = [
        { title: 'Commune', width: 150 }, { title: 'Quota', width: 55, align: 'right' }, { title: 'Remis', width: 95, align: 'right' },
        { title: 'Au moins un ticket utilisé', width: 100, align: 'right' }, { title: 'Tous utilisés', width: WIDTH - 400, align: 'right' },
      ];
      table(doc, cols, communes.map((c) => [
        c.name, n(c.quota), c.quota > 0 ? `${n(c.handedOut)} (${frenchPercent(Math.round((c.handedOut / c.quota) * 1000) / 10)})` : n(c.handedOut),
        `${n(c.firstUsed)} (${frenchPercent(c.firstUsedPercent)})`, `${n(c.allUsed)} (${frenchPercent(c.allUsedPercent)})`,
      ]));
    }
  }

  const p = r.people;
  h('Personnes formées');
  const trained = p.priorityPublic.trained;
  twoColumns(['Indicateur', 'Nombre'], [
    ['Personnes formées (au moins une séance)', n(p.trainedPeople)],
    ...(p.handedOutPeople !== null ? [['Personnes ayant reçu un carnet', n(p.handedOutPeople)], ['Part des personnes formées parmi elles', frenchPercent(p.trainedPercent)]] : []),
    ['Séances', n(p.sessions.sessions)],
    ['Tickets utilisés pour ces séances', n(p.sessions.tickets)],
    ['Personnes formées du public prioritaire', `${n(trained.priorityPeople)} (${frenchPercent(trained.priorityPercent)})`],
    ['Revues au diagnostic de suivi', n(p.autonomy.peopleWithFollowup)],
    ['… plus autonomes qu’au départ', n(p.autonomy.improved)],
    ['… aussi autonomes', n(p.autonomy.same)],
    ['… moins autonomes', n(p.autonomy.declined)],
  ]);
  if (p.sessions.byTheme.length) {
    sub('Séances par thématique');
    twoColumns(['Thématique', 'Séances'], p.sessions.byTheme.map((x) => [x.label, n(x.sessions)]));
  }
  if (trained.byMarker.length) {
    sub('Personnes formées du public prioritaire, par critère');
    twoColumns(['Critère', 'Personnes'], trained.byMarker.map((x) => [x.label, n(x.people)]));
  }

  const m = r.money;
  h('L’argent');
  t(`Tickets utilisés : ${frenchPercent(m.redeemedPercentOfIssued)} de la valeur remise.`);
  const euros = (label: string, cents: number) => [label, formatEuros(cents)];
  twoColumns(['Poste', 'Montant'], [
    ...(m.budgetCents !== null ? [euros('Budget des campagnes', m.budgetCents)] : []),
    euros('Valeur des tickets remis', m.issuedCents),
    ...(m.notIssuedCents !== null ? [euros('Budget non engagé en carnets', m.notIssuedCents)] : []),
    euros('Valeur des tickets utilisés', m.redeemedCents),
    euros('Remis, pas encore utilisés (encore valables)', m.unusedValidCents),
    euros('Remis, expirés sans avoir servi', m.unusedExpiredCents),
  ]);
  if (m.amounts) {
    sub('Tickets utilisés : où en est leur remboursement');
    twoColumns(['État', 'Montant'], [
      ...m.amounts.parts.map((x) => euros(x.label, x.amountCents)),
      euros(m.scope.level === 'structure' ? 'Reste dû à la structure' : 'Reste dû aux structures', m.amounts.stillPayable.amountCents),
    ]);
  }

  const e = r.evaluation;
  h('Évaluation : les personnes ont-elles progressé ?');
  t('Les effectifs de moins de 5 personnes ne sont pas donnés, pour que personne ne puisse être reconnu.');
  twoColumns(['Indicateur', 'Nombre'], [
    ['Personnes ayant fait un premier diagnostic', hidden(e.peopleWithBaseline)],
    ['… revues lors d’un diagnostic de suivi', `${hidden(e.peopleWithFollowup)} (${frenchPercent(e.followupPercent)})`],
    ['Personnes ayant des besoins au départ', hidden(e.needs.peopleWithNeeds)],
    ['… qui font seules au moins un de ces besoins au suivi', `${hidden(e.needs.peopleDoneAlone)} (${frenchPercent(e.needs.peopleDoneAlonePercent)})`],
  ]);
  if (e.areas.length) {
    sub('Progrès par domaine (mêmes personnes, même questionnaire)');
    table(doc, [{ title: 'Domaine', width: 260 }, { title: 'Personnes', width: 90, align: 'right' }, { title: 'Ont progressé', width: WIDTH - 350, align: 'right' }],
      e.areas.map((a) => [a.label, hidden(a.people), `${hidden(a.progressed)} (${frenchPercent(a.progressedPercent)})`]));
  }

  doc.moveDown(1).font('Helvetica-Oblique').fontSize(8.5);
  t('D’où viennent ces chiffres : des carnets remis par les mairies, des tickets enregistrés par les structures à chaque séance, des diagnostics et des demandes de remboursement, tels qu’enregistrés dans passnum le jour du rapport.');
  footerPages(doc, `${title} — ${r.territoryName} — ${frenchDate(r.day)}`);
  return pdfBuffer(doc);
}
