// Everything captured, as a list that stays fast at 10,000 products: only the rows in view are in
// the page (fixed row height, a spacer for the rest). Search, filter, delete one or many.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';
import { formatPrice } from '../shared/format.ts';
import { t, tn, type MessageKey } from '../shared/i18n.ts';
import { EVENT_TYPES, type EventType } from '../shared/schemas.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { safeThumb, safeUrl } from '../shared/safe-url.ts';
import { Confirm } from './Confirm.tsx';
import { useUndo } from './Undo.tsx';
import { Shop, shopText, type ShopNames } from './shop-label.tsx';
import { HISTORY_ORDERS, sortHistory, type HistoryOrder } from './history-sort.ts';

const ROW = 64;
const VIEW = 448;
const OVERSCAN = 4;

const ORDER_NAMES: Record<HistoryOrder, MessageKey> = {
  newest: 'historySortNewest', oldest: 'historySortOldest', most: 'historySortMost', title: 'historySortTitle', shop: 'historySortShop',
};

const NAMES: Record<EventType, MessageKey> = {
  view: 'evView', dwell: 'evDwell', click: 'evClick', cart: 'evCart', wishlist: 'evWishlist', purchase: 'evPurchase',
  impression: 'evImpression', like: 'evLike', dismiss: 'evDismiss', rec_click: 'evRecClick', rec_impression: 'evRecImpression',
};

export function HistoryCard(props: { version: number; names: ShopNames }) {
  const [text, setText] = useState('');
  const [site, setSite] = useState('');
  const [type, setType] = useState<EventType | ''>('');
  // What the shopper did by default; products only shown to them (listings, picks) behind this.
  const [all, setAll] = useState(false);
  // The products read from shops' catalogues, instead of the history: candidates, never shown.
  const [catalogue, setCatalogue] = useState(false);
  const [order, setOrder] = useState<HistoryOrder>('newest');
  const [list] = useLoad(() => ask({ type: 'history/list', text: text || undefined, site: site || undefined, eventType: type || undefined, engaged: !all, catalogue: catalogue || undefined }), [text, site, type, all, catalogue, props.version]);
  const [top, setTop] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const undo = useUndo();
  const { names } = props;
  // What waits for its Undo (or is deleted) is out of the list already, and so is a shop whose data
  // is being deleted; a shop only while it is (it may be visited again, and its new products shown).
  const rows = useMemo(() => sortHistory((list.state === 'ready' ? list.value.rows : []).filter((r) => !undo.hidden.has(`item:${r.id}`) && !undo.going.has(`site:${r.site}`)), order, undefined, (s) => names.get(s) ?? s), [list, undo.hidden, undo.going, order, names]);
  // Still counted in the total the background gave until it is deleted.
  const going = [...undo.going].filter((k) => k.startsWith('item:')).length;
  const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
  const visible = useMemo(() => rows.slice(first, first + Math.ceil(VIEW / ROW) + 2 * OVERSCAN), [rows, first]);
  // The rows' photos are the thumbnails Carryover kept, asked for as rows come into view: the page
  // never fetches a photo from a shop's image server (null: none kept, a plain square instead).
  const [thumbs, setThumbs] = useState<ReadonlyMap<string, string | null>>(new Map());
  useEffect(() => {
    const missing = visible.map((r) => r.id).filter((id) => !thumbs.has(id));
    if (!missing.length) return;
    let live = true;
    ask({ type: 'items/thumbs', itemIds: missing }).then((found) => {
      if (live) setThumbs((had) => new Map([...had, ...missing.map((id) => [id, found[id] ?? null] as const)]));
    }, (e: unknown) => console.warn('Carryover: the history\'s thumbnails', e));
    return () => { live = false; };
  }, [visible, thumbs]);

  const remove = (ids: string[]) => {
    if (!ids.length) return;
    setSelected(new Set());
    // Deleted when the Undo has had its seconds; the list reloads then through the page's version.
    undo.defer({
      text: t('undoDeletingProducts', tn('nProducts', ids.length)),
      keys: ids.map((id) => `item:${id}`),
      commit: () => ask({ type: 'history/delete', itemIds: ids }).then(
        (r) => t('historyDeleted', tn('nProducts', r.items), tn('nInteractions', r.events)),
        (e: unknown) => { throw new Error(t('historyDeleteFailed', e instanceof Error ? e.message : String(e))); },
      ),
    });
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
          {list.state === 'ready' && list.value.sites.map((s) => <option key={s} value={s}>{shopText(s, names)}</option>)}
        </select>
        <select aria-label={t('historyFilterType')} value={type} disabled={catalogue} onChange={(e) => setType(e.currentTarget.value as EventType | '')}>
          <option value="">{t('historyAnyType')}</option>
          {EVENT_TYPES.map((type) => <option key={type} value={type}>{t(NAMES[type])}</option>)}
        </select>
        <select aria-label={t('historySortLabel')} value={order} onChange={(e) => setOrder(e.currentTarget.value as HistoryOrder)}>
          {HISTORY_ORDERS.map((o) => <option key={o} value={o}>{t(ORDER_NAMES[o])}</option>)}
        </select>
        <label><input type="checkbox" checked={all} disabled={catalogue} onChange={(e) => setAll(e.currentTarget.checked)} /> {t('historyShowShown')}</label>
        <label><input type="checkbox" checked={catalogue} onChange={(e) => setCatalogue(e.currentTarget.checked)} /> {t('historyShowCatalogue')}</label>
        <Confirm danger disabled={!selected.size} label={t('historyDeleteSelected', selected.size)} question={selected.size === 1 ? t('historyDeleteOne') : t('historyDeleteMany', selected.size)} yes={t('historyDeleteYes')} onYes={() => remove([...selected])} />
      </div>
      {list.state === 'failed' && <p class="error" role="alert">{t('historyFailed', list.error)}</p>}
      {list.state === 'ready' && <p class="muted" data-testid="history-count">{tn('historyCount', list.value.total - going, rows.length)}</p>}
      {list.state === 'ready' && !list.value.total && <p data-testid="history-empty">{t(catalogue ? 'historyCatalogueEmpty' : 'historyEmpty')}</p>}
      <div class="history" style={{ height: `${Math.min(VIEW, Math.max(ROW, rows.length * ROW))}px` }} onScroll={(e) => setTop(e.currentTarget.scrollTop)} data-testid="history-list" tabIndex={0} role="region" aria-label={t('historyListLabel')}>
        <ul role="list" style={{ height: `${rows.length * ROW}px` }}>
          {visible.map((r, i) => (
            <li key={r.id} style={{ top: `${(first + i) * ROW}px`, height: `${ROW}px` }} data-item-id={r.id}>
              <input type="checkbox" checked={selected.has(r.id)} onChange={() => toggle(r.id)} aria-label={t('historySelect', r.title)} />
              {safeThumb(thumbs.get(r.id)) ? <img src={safeThumb(thumbs.get(r.id))} alt="" width={48} height={48} /> : <span class="thumb" />}
              <div class="what">
                <a href={safeUrl(r.url)} target="_blank" rel="noreferrer">{r.title}</a>
                <div class="muted"><Shop site={r.site} names={names} /> · {formatPrice(r.price, r.currency)} · {r.catalogue
                  ? t('historyFromCatalogue', new Date(r.lastSeen).toLocaleDateString())
                  : <>{Object.entries(r.events).map(([type, n]) => `${t(NAMES[type as EventType])}${n > 1 ? ` ×${n}` : ''}`).join(', ') || t('historyNoInteractions')} · {t('historyLastSeen', new Date(r.lastSeen).toLocaleDateString())}</>}</div>
              </div>
              {/* One product goes at once, with an Undo; many are asked about first (above). */}
              <button aria-label={t('historyDeleteItem', r.title)} onClick={() => remove([r.id])}>{t('historyDelete')}</button>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
