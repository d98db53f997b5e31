// Helpers for the staff screens' browser tests (mediator, structure manager, admin, finance):
// a booklet issued through the agent's API (the agent's UI has its own test), a fake camera
// video (Y4M) showing a QR code, keyboard navigation and axe checks.
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { login } from '../helpers/app.ts';
import { answersAt } from '../helpers/given-issuance.ts';
import { loadCurrentModel } from '../../src/usecases/support/diagnostic-model.ts';
import { axeViolations, type Harness } from './harness.ts';

export interface IssuedForTest {
  bookletId: string;
  serial: string;
  firstName: string;
  codes: string[];
}

/** The Lens agent registers and diagnoses a person, then issues a booklet of the open campaign. */
export async function issueBookletThroughApi(h: Harness, person: { firstName: string; birthName: string; birthDate: string }): Promise<IssuedForTest> {
  const agent = await login(h.app, 'agent.lens@demo.passnum.fr');
  const created = await agent.post('/api/beneficiaries', { ...person, communeInsee: '62498', consent: true });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const model = await loadCurrentModel(h.tdb.deps.db);
  const diag = await agent.post(`/api/beneficiaries/${id}/diagnostics`, { version: model.version, answers: answersAt(model, 'avec_aide'), needs: ['caf'] });
  expect(diag.statusCode, diag.body).toBe(201);
  const campaigns = (await agent.get('/api/campaigns?status=open')).json() as { id: string }[];
  const issued = await agent.post('/api/booklets', { beneficiaryId: id, campaignId: campaigns[0].id });
  expect(issued.statusCode, issued.body).toBe(201);
  const b = issued.json().booklet as { id: string; serial: string; tickets: { code: string }[] };
  return { bookletId: b.id, serial: b.serial, firstName: person.firstName, codes: b.tickets.map((t) => t.code) };
}

/**
 * A YUV4MPEG2 (C420) video of a few identical frames showing `text` as a QR code, black modules
 * on white with a quiet zone, for Chromium's --use-file-for-fake-video-capture.
 */
export function writeQrVideo(file: string, text: string, width = 640, height = 480, frames = 5): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const quiet = 4;
  const scale = Math.floor((Math.min(width, height) * 0.9) / (n + 2 * quiet));
  const side = (n + 2 * quiet) * scale;
  const x0 = Math.floor((width - side) / 2);
  const y0 = Math.floor((height - side) / 2);
  const y = Buffer.alloc(width * height, 235);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!modules.get(r, c)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = y0 + (r + quiet) * scale + dy;
        y.fill(16, row * width + x0 + (c + quiet) * scale, row * width + x0 + (c + quiet + 1) * scale);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

export async function expectNoAxeViolation(page: Page, where: string): Promise<void> {
  expect(await axeViolations(page), where).toEqual([]);
}

/** Presses Tab until the element has the focus (keyboard only: no click). */
export async function tabTo(page: Page, target: Locator, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${String(target)} with Tab`);
}

/** No horizontal scrolling: nothing wider than the screen. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Waits until the page's h1 is the expected one (after a click that navigates). */
export async function waitForHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: typeof name === 'string' ? new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : name }).waitFor();
}
