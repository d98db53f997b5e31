/** What can be exported as a table (issue #7, item 3). */
export const DATASETS = ['beneficiaries', 'booklets', 'redemptions', 'claims', 'payments'] as const;
export type Dataset = (typeof DATASETS)[number];
export type ExportFormat = 'csv' | 'xlsx';
