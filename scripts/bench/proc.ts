// Process CPU time and memory from /proc (Linux): wall-clock figures swing 2–3× with other load on
// a shared machine, CPU seconds much less. Chromium runs the extension in renderer processes flagged
// --extension-process, descendants of this one: one for the service worker and the offscreen
// document, and a second one once the document is cross-origin isolated (isolated pages get their
// own process). Figures are summed over all of them.
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

/** The extension's renderer processes under this Node process. */
export function extensionProcesses(root = process.pid): number[] {
  return descendants(root).filter((p) => cmdline(p).includes('--extension-process'));
}

/** Utime + stime of each extension process (all its threads), in seconds, by pid. */
export function cpuByPid(): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of extensionProcesses()) {
    const s = stat(pid);
    if (s) out.set(pid, (Number(s[11]) + Number(s[12])) / TICKS_PER_SECOND);
  }
  return out;
}

/** Utime + stime of this process (all its threads), in seconds. */
export function selfCpuS(): number {
  const s = stat(process.pid);
  return s ? (Number(s[11]) + Number(s[12])) / TICKS_PER_SECOND : NaN;
}

/** Proportional set size in MB (shared pages split among the processes that map them), summed
 * over the extension's processes. */
export function pssMb(): number {
  let kb = 0;
  for (const pid of extensionProcesses()) {
    try {
      kb += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited between listing and reading: it holds no memory any more
    }
  }
  return kb / 1024;
}

/** Samples PSS every `everyMs` while `f` runs: the peak and what `f` returned. */
export async function withPeakPss<T>(f: () => Promise<T>, everyMs = 100): Promise<{ value: T; peakMb: number }> {
  let peak = pssMb();
  const timer = setInterval(() => (peak = Math.max(peak, pssMb())), everyMs);
  try {
    const value = await f();
    return { value, peakMb: Math.max(peak, pssMb()) };
  } finally {
    clearInterval(timer);
  }
}

/** Wall and CPU seconds of one step in the extension's processes (one started during the step
 * counts from zero; one that ended during it is not counted). */
export async function measured<T>(f: () => Promise<T>): Promise<{ value: T; wallS: number; cpuS: number }> {
  const before = cpuByPid();
  const t = performance.now();
  const value = await f();
  const wallS = (performance.now() - t) / 1000;
  let cpuS = 0;
  for (const [pid, c] of cpuByPid()) cpuS += c - (before.get(pid) ?? 0);
  return { value, wallS, cpuS };
}
