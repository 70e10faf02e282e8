// Everything captured, as a list that stays fast at 10,000 products: only the rows in view are in
// the page (fixed row height, a spacer for the rest). Search, filter, delete one or many.
import { useMemo, useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';
import { formatPrice } from '../shared/format.ts';
import { t, tn, type MessageKey } from '../shared/i18n.ts';
import { EVENT_TYPES, type EventType } from '../shared/schemas.ts';
import { shopName } from '../shared/site.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { safeUrl } from '../shared/safe-url.ts';
import { Confirm } from './Confirm.tsx';

const ROW = 64;
const VIEW = 448;
const OVERSCAN = 4;

const NAMES: Record<EventType, MessageKey> = {
  view: 'evView', dwell: 'evDwell', click: 'evClick', cart: 'evCart', wishlist: 'evWishlist', purchase: 'evPurchase',
  impression: 'evImpression', like: 'evLike', dismiss: 'evDismiss', rec_click: 'evRecClick', rec_impression: 'evRecImpression',
};

export function HistoryCard(props: { version: number; onChange(): void }) {
  const [text, setText] = useState('');
  const [site, setSite] = useState('');
  const [type, setType] = useState<EventType | ''>('');
  // What the shopper did by default; products only shown to them (listings, picks) behind this.
  const [all, setAll] = useState(false);
  const [tick, setTick] = useState(0);
  const [list] = useLoad(() => ask({ type: 'history/list', text: text || undefined, site: site || undefined, eventType: type || undefined, engaged: !all }), [text, site, type, all, props.version, tick]);
  const [top, setTop] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const rows = list.state === 'ready' ? list.value.rows : [];
  const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
  const visible = useMemo(() => rows.slice(first, first + Math.ceil(VIEW / ROW) + 2 * OVERSCAN), [rows, first]);

  const remove = (ids: string[]) => {
    if (!ids.length) return;
    ask({ type: 'history/delete', itemIds: ids }).then((r) => {
      setMessage({ ok: true, text: t('historyDeleted', tn('nProducts', r.items), tn('nInteractions', r.events)) });
      setSelected(new Set());
      setTick((t) => t + 1);
      props.onChange();
    }, (e: unknown) => setMessage({ ok: false, text: t('historyDeleteFailed', e instanceof Error ? e.message : String(e)) }));
  };
  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (!next.delete(id)) next.add(id);
    return next;
  });

  return (
    <section class="card" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('historyHeading')}</h2>
      <div class="row">
        <input type="search" placeholder={t('historySearch')} aria-label={t('historySearchLabel')} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <select aria-label={t('historyFilterShop')} value={site} onChange={(e) => setSite(e.currentTarget.value)}>
          <option value="">{t('historyEveryShop')}</option>
          {list.state === 'ready' && list.value.sites.map((s) => <option key={s} value={s}>{shopName(s)}</option>)}
        </select>
        <select aria-label={t('historyFilterType')} value={type} onChange={(e) => setType(e.currentTarget.value as EventType | '')}>
          <option value="">{t('historyAnyType')}</option>
          {EVENT_TYPES.map((type) => <option key={type} value={type}>{t(NAMES[type])}</option>)}
        </select>
        <label><input type="checkbox" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} /> {t('historyShowShown')}</label>
        <Confirm danger disabled={!selected.size} label={t('historyDeleteSelected', selected.size)} question={selected.size === 1 ? t('historyDeleteOne') : t('historyDeleteMany', selected.size)} yes={t('historyDeleteYes')} onYes={() => remove([...selected])} />
      </div>
      {list.state === 'failed' && <p class="error" role="alert">{t('historyFailed', list.error)}</p>}
      {list.state === 'ready' && <p class="muted" data-testid="history-count">{t('historyCount', rows.length, list.value.total)}</p>}
      {list.state === 'ready' && !list.value.total && <p data-testid="history-empty">{t('historyEmpty')}</p>}
      <div class="history" style={{ height: `${Math.min(VIEW, Math.max(ROW, rows.length * ROW))}px` }} onScroll={(e) => setTop(e.currentTarget.scrollTop)} data-testid="history-list" tabIndex={0} role="region" aria-label={t('historyListLabel')}>
        <ul role="list" style={{ height: `${rows.length * ROW}px` }}>
          {visible.map((r, i) => (
            <li key={r.id} style={{ top: `${(first + i) * ROW}px`, height: `${ROW}px` }} data-item-id={r.id}>
              <input type="checkbox" checked={selected.has(r.id)} onChange={() => toggle(r.id)} aria-label={t('historySelect', r.title)} />
              {safeUrl(r.imageUrl) ? <img src={safeUrl(r.imageUrl)} alt="" loading="lazy" width={48} height={48} /> : <span class="thumb" />}
              <div class="what">
                <a href={safeUrl(r.url)} target="_blank" rel="noreferrer">{r.title}</a>
                <div class="muted">{shopName(r.site)} · {formatPrice(r.price, r.currency)} · {Object.entries(r.events).map(([type, n]) => `${t(NAMES[type as EventType])}${n > 1 ? ` ×${n}` : ''}`).join(', ') || t('historyNoInteractions')} · {t('historyLastSeen', new Date(r.lastSeen).toLocaleDateString())}</div>
              </div>
              <Confirm label={t('historyDelete')} ariaLabel={t('historyDeleteItem', r.title)} question={t('historyDeleteOne')} yes={t('historyDeleteYes')} onYes={() => remove([r.id])} />
            </li>
          ))}
        </ul>
      </div>
      {message && <p class={message.ok ? '' : 'error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </section>
  );
}
