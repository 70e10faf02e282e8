// Process CPU time and memory from /proc (Linux): wall-clock figures swing 2–3× with other load on
// a shared machine, CPU seconds much less. Chromium runs the extension's service worker and its
// offscreen document in one renderer process (flag --extension-process), a descendant of this one.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function stat(pid: number): string[] | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' '); // fields from the 3rd on (the name may hold spaces)
  } catch {
    return undefined; // the process has exited
  }
}

export function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    const pid = Number(d);
    const s = Number.isInteger(pid) ? stat(pid) : undefined;
    if (s) parent.set(pid, Number(s[1]));
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [c, pp] of parent) if (pp === p) (out.push(c), walk(c));
  };
  walk(root);
  return out;
}

// Chromium's zygote children rewrite their command line into one space-separated string.
const cmdline = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
  } catch {
    return []; // the process has exited
  }
};

/** The extension's renderer process under this Node process, if Chromium has started it. */
export function extensionProcess(root = process.pid): number | undefined {
  return descendants(root).find((p) => cmdline(p).includes('--extension-process'));
}

/** Utime + stime of the process and all its threads, in seconds. */
export function cpuSeconds(pid: number): number {
  const s = stat(pid);
  if (!s) throw new Error(`process ${pid} is gone`);
  return (Number(s[11]) + Number(s[12])) / TICKS_PER_SECOND;
}

/** Proportional set size in MB (shared pages split among the processes that map them). */
export function pssMb(pid: number): number {
  const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
  if (!m) throw new Error(`no Pss line in /proc/${pid}/smaps_rollup`);
  return Number(m[1]) / 1024;
}

/** Samples PSS every `everyMs` while `f` runs: the peak and what `f` returned. */
export async function withPeakPss<T>(pid: number, f: () => Promise<T>, everyMs = 100): Promise<{ value: T; peakMb: number }> {
  let peak = pssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, pssMb(pid))), everyMs);
  try {
    const value = await f();
    return { value, peakMb: Math.max(peak, pssMb(pid)) };
  } finally {
    clearInterval(timer);
  }
}

/** Wall and CPU seconds of one step in process `pid`. */
export async function measured<T>(pid: number, f: () => Promise<T>): Promise<{ value: T; wallS: number; cpuS: number }> {
  const c = cpuSeconds(pid);
  const t = performance.now();
  const value = await f();
  return { value, wallS: (performance.now() - t) / 1000, cpuS: cpuSeconds(pid) - c };
}
