// Benchmark parameters: dataset sizes per scale, scenario names, and the secrets the bench uses
// for its synthetic data (the server child gets the same ones, so the codes it minted verify).

export const SCENARIOS = ['redemption', 'check', 'issuance', 'dashboards', 'exports', 'scale-out'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
export type DbKind = 'sqlite' | 'postgresql';

/** What the synthetic national dataset holds. Every count is exact (the builder reports it). */
export interface DatasetSize {
  /** Territories (EPCI), each with its communes, mairies, one open campaign and its structures. */
  territories: number;
  communesPerTerritory: number;
  structuresPerTerritory: number;
  /** Booklets of history (5 tickets each), spread evenly over the territories. */
  booklets: number;
  ticketsPerBooklet: number;
  /** Live redemptions among those tickets (a share of them claimed and paid). */
  redemptions: number;
  /** Extra issued booklets in territory 0 whose codes the bench keeps in clear (load generator):
   *  enough that the redemption load never hands out a code twice (warm-up + measurement). */
  hotBooklets: number;
}

export interface ScaleParams {
  name: string;
  dataset: DatasetSize;
  /** Seconds of load per HTTP measurement (after a warm-up of `warmup` seconds). */
  duration: number;
  warmup: number;
  connections: number;
  /** Issuance: booklets through the issuance path, booklets rendered to PDF, print batch size. */
  issuanceBooklets: number;
  pdfBooklets: number;
  printBatchBooklets: number;
  /** Exports: rows streamed to CSV and to XLSX. */
  exportRows: number;
  /** Dashboards: iterations per query and scope (capped by `dashboardSeconds` per query). */
  dashboardIterations: number;
  dashboardSeconds: number;
}

export const SCALES: Record<'smoke' | 'million' | 'full', ScaleParams> = {
  smoke: {
    name: 'smoke',
    dataset: { territories: 2, communesPerTerritory: 3, structuresPerTerritory: 2, booklets: 300, ticketsPerBooklet: 5, redemptions: 600, hotBooklets: 2_000 },
    duration: 1,
    warmup: 0.3,
    connections: 10,
    issuanceBooklets: 200,
    pdfBooklets: 4,
    printBatchBooklets: 20,
    exportRows: 500,
    dashboardIterations: 2,
    dashboardSeconds: 5,
  },
  // At least one million tickets: the HTTP redemption and check figures.
  million: {
    name: 'million',
    dataset: { territories: 10, communesPerTerritory: 36, structuresPerTerritory: 10, booklets: 200_000, ticketsPerBooklet: 5, redemptions: 400_000, hotBooklets: 40_000 },
    duration: 20,
    warmup: 3,
    connections: 50,
    issuanceBooklets: 100_000,
    pdfBooklets: 1_000,
    printBatchBooklets: 10_000,
    exportRows: 1_000_000,
    dashboardIterations: 20,
    dashboardSeconds: 20,
  },
  // The national scale: 10 M tickets, 2 M booklets, 4 M redemptions, 100 territories.
  full: {
    name: 'full',
    dataset: { territories: 100, communesPerTerritory: 36, structuresPerTerritory: 10, booklets: 2_000_000, ticketsPerBooklet: 5, redemptions: 4_000_000, hotBooklets: 40_000 },
    duration: 20,
    warmup: 3,
    connections: 50,
    issuanceBooklets: 100_000,
    pdfBooklets: 1_000,
    printBatchBooklets: 10_000,
    exportRows: 1_000_000,
    dashboardIterations: 20,
    dashboardSeconds: 20,
  },
};

/** Secrets of the synthetic data (never production ones): the bench server uses the same. */
export const BENCH_SECRETS = {
  PASSNUM_CODE_SECRET: 'passnum-bench-code-secret-synthetic-data-only',
  PASSNUM_SESSION_SECRET: 'passnum-bench-session-secret-synthetic-data-only',
};

/** Where the bench creates its PostgreSQL databases (trust auth, user postgres, on loopback). */
export function pgAdminUrl(): string {
  return process.env.PASSNUM_BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function pgUrlFor(database: string): string {
  const u = new URL(pgAdminUrl());
  u.pathname = `/${database}`;
  return u.toString();
}
