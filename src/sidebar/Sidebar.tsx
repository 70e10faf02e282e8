// "Picked for you on <shop>": the ranked cards with a match bar, the reason, and actions. Text is
// rendered as text (Preact escapes it); nothing from the page is ever parsed as HTML. It is drawn in
// the sidebar's frame (frame.tsx), an extension page, never in the shop's document.
import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { RecCard, RecResult } from '../background/recommend.ts';
import type { SidebarState } from '../shared/schemas.ts';
import { formatPrice } from '../shared/format.ts';
import { t } from '../shared/i18n.ts';
import { safeThumb, safeUrl } from '../shared/safe-url.ts';

export interface SidebarProps {
  shop: string;
  result: RecResult | undefined;
  error?: string;
  state: SidebarState;
  liked: ReadonlySet<string>;
  onState(state: SidebarState): void;
  onAction(card: RecCard, action: 'click' | 'like' | 'dismiss'): void;
  /** Drawn above the footer (the catalogue offer and its progress). */
  extra?: ComponentChildren;
}

export function Sidebar(p: SidebarProps) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (p.state !== 'open') return;
    const onKey = (e: KeyboardEvent) => {
      // Escape folds it away when the focus is in the sidebar (the shop keeps its own Escape).
      if (e.key === 'Escape' && panel.current?.matches(':focus-within')) p.onState('collapsed');
    };
    panel.current?.addEventListener('keydown', onKey);
    const el = panel.current;
    return () => el?.removeEventListener('keydown', onKey);
  }, [p.state]);

  if (p.state === 'closed') return null;
  if (p.state === 'collapsed') {
    return (
      <div class="root">
        <button class="tab" aria-label={t('sidebarShowTabLabel', p.shop)} onClick={() => p.onState('open')}>{t('sidebarShowTab')}</button>
      </div>
    );
  }
  const r = p.result;
  return (
    <div class="root">
      <aside class="panel" ref={panel} aria-label={t('sidebarRegion', p.shop)} data-testid="carryover-sidebar">
        <header>
          <h2>{t('sidebarHeading', p.shop)}</h2>
          <div class="actions">
            <button aria-label={t('sidebarHideLabel')} onClick={() => p.onState('collapsed')}>{t('sidebarHide')}</button>
            <button aria-label={t('sidebarCloseLabel')} onClick={() => p.onState('closed')}>×</button>
          </div>
        </header>
        {p.error && <p role="alert">{t('sidebarFailed', p.error)}</p>}
        {!r && !p.error && <p class="muted">{t('sidebarRanking')}</p>}
        {r?.empty && <p class="muted">{r.empty}</p>}
        {r && r.pending > 0 && <p class="muted" role="status">{t('sidebarPending', r.pending)}</p>}
        {r && r.items.length > 0 && (
          <ol>
            {r.items.map((c, i) => (
              <li key={c.id} data-item-id={c.id} data-rank={i + 1}>
                {/* The thumbnail Carryover made when it first read the photo: showing a pick never asks the shop's image host for it. */}
                {safeThumb(c.thumb) ? <img src={safeThumb(c.thumb)} alt="" /> : <span class="nothumb" />}
                <div>
                  <p class="title">{c.title}</p>
                  {c.price !== undefined && <p class="price">{formatPrice(c.price, c.currency)}</p>}
                  <div class="bar" role="meter" aria-label={t('sidebarMatch')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(c.match * 100)}>
                    <span style={{ width: `${Math.round(c.match * 100)}%` }} />
                  </div>
                  {c.reason && <p class="reason">{c.reason}</p>}
                  <div class="actions">
                    <a class="open" href={safeUrl(c.url)} target="_top" rel="noreferrer" onClick={() => p.onAction(c, 'click')}>{t('sidebarOpen')}</a>
                    <button aria-pressed={p.liked.has(c.id)} onClick={() => p.onAction(c, 'like')}>{t('sidebarLike')}</button>
                    <button onClick={() => p.onAction(c, 'dismiss')}>{t('sidebarDismiss')}</button>
                  </div>
                </div>
              </li>
            ))}
          </ol>
        )}
        {p.extra}
        <p class="muted">{t('sidebarFooter')}</p>
      </aside>
    </div>
  );
}
