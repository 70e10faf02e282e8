// Your data: export everything as one file, import it back (checked first; merge or replace), or
// delete everything.
import { useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';

function save(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function DataCard(props: { retentionDays: number | null; onChange(): void }) {
  const [vectors, setVectors] = useState(true);
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const run = (p: Promise<string>) => {
    setBusy(true);
    setMessage(undefined);
    p.then((text) => setMessage({ ok: true, text }), (e: unknown) => setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) }))
      .finally(() => {
        setBusy(false);
        props.onChange();
      });
  };

  const exportAll = () => run(ask({ type: 'data/export', vectors }).then((file) => {
    save(`carryover-export-${new Date().toISOString().slice(0, 10)}.json`, JSON.stringify(file));
    return `Exported ${file.stores.items.length} products and ${file.stores.events.length} interactions${vectors ? ' with their vectors' : ''}.`;
  }));

  const importFile = (input: HTMLInputElement) => {
    const f = input.files?.[0];
    if (!f) return;
    run(f.text().then((text) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error(`${f.name} is not a JSON file, so it is not a Carryover export. Nothing was changed.`);
      }
      return ask({ type: 'data/import', file: parsed, mode });
    }).then((r) => `Imported ${r.items} products, ${r.events} interactions, ${r.sites} shops${r.vectors ? ` and ${r.vectors} vectors` : ''}. Shops are read again only where this browser still allows Carryover.`));
    input.value = '';
  };

  const wipe = () => {
    if (!confirm('Delete everything Carryover knows: every shop\'s products, your interactions, your picks\' history, and its access to the shops? This cannot be undone.')) return;
    run(ask({ type: 'data/wipe' }).then(() => 'Everything was deleted, and Carryover no longer reads any shop.'));
  };

  return (
    <section class="card" aria-labelledby="data-heading">
      <h2 id="data-heading">Your data</h2>
      <div class="row">
        <button onClick={exportAll} disabled={busy}>Export everything</button>
        <label><input type="checkbox" checked={vectors} onChange={(e) => setVectors(e.currentTarget.checked)} /> include the image model's vectors (larger file; otherwise they are made again)</label>
      </div>
      <fieldset class="row" disabled={busy}>
        <legend>Import an export</legend>
        <label><input type="radio" name="import-mode" checked={mode === 'merge'} onChange={() => setMode('merge')} /> add to what is here</label>
        <label><input type="radio" name="import-mode" checked={mode === 'replace'} onChange={() => setMode('replace')} /> replace what is here</label>
        <label>File <input type="file" accept="application/json,.json" onChange={(e) => importFile(e.currentTarget)} /></label>
      </fieldset>
      <p>
        <label>
          Keep interactions for{' '}
          <select value={String(props.retentionDays ?? 'forever')} disabled={busy} onChange={(e) => {
            const value = e.currentTarget.value;
            const days = value === 'forever' ? null : (Number(value) as 30 | 90 | 180 | 365);
            run(ask({ type: 'settings/retention', days }).then((r) => days === null
              ? 'Interactions are kept until you delete them.'
              : `Interactions older than ${days} days are deleted every day; ${r.events} interactions and ${r.items} products were deleted now.`));
          }}>
            <option value="forever">until I delete them</option>
            {[30, 90, 180, 365].map((d) => <option key={d} value={String(d)}>{d} days</option>)}
          </select>
        </label>
      </p>
      <p><button class="danger" onClick={wipe} disabled={busy}>Delete everything</button></p>
      {message && <p class={message.ok ? '' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="data-message">{message.text}</p>}
    </section>
  );
}
