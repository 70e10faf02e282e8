// Your data: export everything as one file, import it back (streamed in checked chunks, with progress;
// merge or replace), or
// delete everything.
import { useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';
import { t, tn } from '../shared/i18n.ts';
import { importFile, type Progress } from './import-file.ts';
import { Confirm } from './Confirm.tsx';
import { useUndo } from './Undo.tsx';
import { namesOf, NO_NAMES, shopText } from './shop-label.tsx';

/** What an action did, in words. */
type Sentence = Promise<string>;

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
  const [progress, setProgress] = useState<Progress>();
  const undo = useUndo();
  // An export, an import or a wipe sees a deletion still waiting for its Undo as done: it is done first.
  const run = (make: () => Sentence) => {
    setBusy(true);
    setMessage(undefined);
    undo.flush().then(make).then((text) => setMessage({ ok: true, text }), (e: unknown) => setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) }))
      .finally(() => {
        setBusy(false);
        props.onChange();
      });
  };

  const exportAll = () => run(() => ask({ type: 'data/export', vectors }).then((file) => {
    save(`carryover-export-${new Date().toISOString().slice(0, 10)}.json`, JSON.stringify(file));
    return t(vectors ? 'dataExportedVectors' : 'dataExported', file.stores.items?.length ?? 0, file.stores.events?.length ?? 0);
  }));

  // "Replace what is here" deletes what is here: the file waits for a yes in the page first.
  const [replacing, setReplacing] = useState<File>();
  const importChosen = (input: HTMLInputElement) => {
    const f = input.files?.[0];
    input.value = '';
    if (!f) return;
    if (mode === 'replace') setReplacing(f);
    else importNow(f);
  };
  const importNow = (f: File) => {
    setReplacing(undefined);
    run(() => f.text().then((text) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        // A file too big for memory fails here as well as one that is not JSON; say which.
        throw new Error(e instanceof RangeError ? t('dataFileTooBig', f.name, e.message) : t('dataNotJson', f.name));
      }
      return importFile(ask, parsed, mode, setProgress);
    }).then(async (r) => {
      const done = r.vectors ? t('dataImportedVectors', tn('nProducts', r.items), tn('nInteractions', r.events), tn('nShops', r.sites), tn('nVectors', r.vectors)) : t('dataImported', tn('nProducts', r.items), tn('nInteractions', r.events), tn('nShops', r.sites));
      if (!r.reask.length) return done;
      // By the names the file brought with the shops (the import is written by now).
      // Without them the hosts name the shops; the import itself is done either way.
      const names = await ask({ type: 'sites/list' }).then(namesOf, (e: unknown) => {
        console.warn('Carryover: the shops\' names after an import', e);
        return NO_NAMES;
      });
      return `${done} ${t('dataImportReask', r.reask.map((s) => shopText(s, names)).join(', '))}`;
    }).finally(() => setProgress(undefined)));
  };

  const wipe = () => run(() => ask({ type: 'data/wipe' }).then(() => t('dataWiped')));

  return (
    <section class="card" aria-labelledby="data-heading">
      <h2 id="data-heading">{t('dataHeading')}</h2>
      <div class="row">
        <button onClick={exportAll} disabled={busy}>{t('dataExport')}</button>
        <label><input type="checkbox" checked={vectors} onChange={(e) => setVectors(e.currentTarget.checked)} /> {t('dataIncludeVectors')}</label>
      </div>
      <fieldset class="row" disabled={busy}>
        <legend>{t('dataImportLegend')}</legend>
        <label><input type="radio" name="import-mode" checked={mode === 'merge'} onChange={() => setMode('merge')} /> {t('dataMerge')}</label>
        <label><input type="radio" name="import-mode" checked={mode === 'replace'} onChange={() => setMode('replace')} /> {t('dataReplace')}</label>
        <label>{t('dataFile')} <input type="file" accept="application/json,.json" onChange={(e) => importChosen(e.currentTarget)} /></label>
      </fieldset>
      {replacing && (
        <p class="confirm" role="group" aria-label={t('dataReplaceAsk', replacing.name)}>
          <span>{t('dataReplaceAsk', replacing.name)}</span>{' '}
          <button class="danger" onClick={() => importNow(replacing)}>{t('dataReplaceYes')}</button>{' '}
          <button onClick={() => setReplacing(undefined)}>{t('confirmCancel')}</button>
        </p>
      )}
      <p>
        <label>
          {t('dataKeepFor')}{' '}
          <select value={String(props.retentionDays ?? 'forever')} disabled={busy} onChange={(e) => {
            const value = e.currentTarget.value;
            const days = value === 'forever' ? null : (Number(value) as 30 | 90 | 180 | 365);
            run(() => ask({ type: 'settings/retention', days }).then((r) => days === null
              ? t('dataKeptForever')
              : t('dataPruned', days, r.events, r.items)));
          }}>
            <option value="forever">{t('dataUntilDeleted')}</option>
            {[30, 90, 180, 365].map((d) => <option key={d} value={String(d)}>{t('dataDays', d)}</option>)}
          </select>
        </label>
      </p>
      <p><Confirm danger label={t('dataWipe')} question={t('dataWipeConfirm')} yes={t('dataWipeYes')} disabled={busy} onYes={wipe} /></p>
      {progress && (
        <p role="status" data-testid="import-progress">
          <progress value={progress.done} max={Math.max(progress.total, 1)} /> {tn('dataImporting', progress.total, progress.done)}
        </p>
      )}
      {message && <p class={message.ok ? '' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="data-message">{message.text}</p>}
    </section>
  );
}
