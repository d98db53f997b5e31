import type { ReactNode } from 'react';
import { BarChart, type BarChartSpec } from '../../components/BarChart.tsx';
import { Table } from '../finance/parts.tsx';
import './dashboards.css';

const NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** 1234 → "1 234" (French grouping); null → "—". */
export function nombre(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : NUMBER.format(n);
}

/** Key figures as a list of labelled values. */
export function Figures({ label, items }: { label: string; items: { label: string; value: ReactNode }[] }) {
  return (
    <ul className="chiffres" aria-label={label}>
      {items.map((i) => (
        <li key={i.label}>
          <span className="chiffres__valeur">{i.value}</span>
          {i.label}
        </li>
      ))}
    </ul>
  );
}

export interface CountRow {
  id: string;
  label: string;
  n: number;
}

/**
 * A count per category (theme, format, duration, priority criterion) as bars across, with its
 * table: the same labels and figures.
 */
export function CountChart({
  id,
  caption,
  head,
  unit,
  rows,
}: {
  id: string;
  caption: string;
  head: string;
  unit: string;
  rows: CountRow[];
}) {
  if (!rows.length) return null;
  const total = rows.reduce((s, r) => s + r.n, 0);
  const top = rows.reduce((a, b) => (b.n > a.n ? b : a));
  const spec: BarChartSpec = {
    horizontal: true,
    labels: rows.map((r) => r.label),
    series: [{ label: unit, values: rows.map((r) => r.n), display: rows.map((r) => nombre(r.n)) }],
  };
  return (
    <BarChart
      id={`graphique-${id}`}
      caption={caption}
      summary={`Graphique en barres : ${caption.toLowerCase()}. ${total ? `En tête : ${top.label}, ${nombre(top.n)} ${unit.toLowerCase()}.` : 'Aucune pour l’instant.'} Les chiffres sont dans le tableau qui suit.`}
      spec={spec}
      table={
        <Table id={id} caption={`Données du graphique : ${caption.toLowerCase()}`}>
          <thead>
            <tr>
              <th scope="col">{head}</th>
              <th scope="col" className="montant">
                {unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.label}</th>
                <td className="montant">{nombre(r.n)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      }
    />
  );
}
