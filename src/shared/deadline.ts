// A bound on work that may never finish (a photo whose server never answers, a runtime that hangs):
// past the deadline the caller gets an error that says what took too long, and can go on. In English:
// a caller whose failure the shopper reads catches the DeadlineError and says it from _locales.

export class DeadlineError extends Error {}

export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms); // not shown to the shopper
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
