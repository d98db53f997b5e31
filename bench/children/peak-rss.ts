import { readFileSync } from 'node:fs';

/**
 * This process's peak resident memory, in MB. On Linux, from `VmHWM` (/proc/self/status): the
 * high-water mark of this process's own memory. `process.resourceUsage().maxRSS` is not: Linux
 * carries the parent's high-water mark over fork and exec, so a child of a bench process that had
 * built a 10-million-ticket dataset reported the parent's 2,407 MB whatever it did itself.
 */
export function peakRssMb(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (kb) return Math.round(Number(kb[1]) / 1024);
  } catch {
    // not Linux: below
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
