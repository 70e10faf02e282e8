// "Picked for you on <shop>", signed by Carryover: the ranked cards, what their order and bars mean,
// and what each control does. Text is rendered as text (Preact escapes it); nothing from the page is
// ever parsed as HTML. It is drawn in the sidebar's frame (frame.tsx), an extension page, never in
// the shop's document.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RecCard, RecResult } from '../background/recommend.ts';
import type { SidebarState } from '../shared/schemas.ts';
import { t, tn } from '../shared/i18n.ts';
import { HiddenPick, type Hidden } from './HiddenPick.tsx';
import { Logo } from './Logo.tsx';
import { PickCard, type PickAction } from './PickCard.tsx';

export interface SidebarProps {
  shop: string;
  result: RecResult | undefined;
  error?: string;
  state: SidebarState;
  liked: ReadonlySet<string>;
  /** Picks the shopper said "Not for me" to, by id. */
  hidden?: ReadonlyMap<string, Hidden>;
  onState(state: SidebarState): void;
  onAction(card: RecCard, action: PickAction): void;
  onUndo?(id: string): void;
  onFewer?(id: string): void;
  /** Drawn above the footer (the catalogue offer and its progress). */
  extra?: ComponentChildren;
}

export function Sidebar(p: SidebarProps) {
  const panel = useRef<HTMLElement>(null);
  const [confirmClose, setConfirmClose] = useState(false);
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
        <button class="tab" aria-label={t('sidebarShowTabLabel', p.shop)} title={t('sidebarShowTabLabel', p.shop)} onClick={() => p.onState('open')}>
          <Logo />
          <span>{t('sidebarShowTab')}</span>
        </button>
      </div>
    );
  }
  const r = p.result;
  const hidden = p.hidden ?? new Map<string, Hidden>();
  const shown = r?.items.filter((c) => !hidden.has(c.id)) ?? [];
  // The hidden notes keep their places; the other picks fill in around them in rank order.
  const rows: ComponentChildren[] = shown.map((c, i) => <PickCard key={c.id} card={c} rank={i + 1} liked={p.liked.has(c.id)} onAction={p.onAction} />);
  for (const [id, h] of [...hidden].sort((a, b) => a[1].index - b[1].index)) {
    rows.splice(Math.min(h.index, rows.length), 0, <HiddenPick key={`hidden-${id}`} id={id} hidden={h} onUndo={(x) => p.onUndo?.(x)} onFewer={(x) => p.onFewer?.(x)} />);
  }
  return (
    <div class="root">
      <aside class="panel" ref={panel} aria-label={t('sidebarRegion', p.shop)} data-testid="carryover-sidebar">
        <header>
          <div class="brand">
            <Logo />
            <span class="name">{t('brand')}</span>
          </div>
          <div class="actions">
            <button aria-label={t('sidebarHideLabel')} title={t('sidebarHideHint')} onClick={() => p.onState('collapsed')}>{t('sidebarHide')}</button>
            <button aria-label={t('sidebarCloseLabel', p.shop)} title={t('sidebarCloseLabel', p.shop)} aria-expanded={confirmClose} onClick={() => setConfirmClose(!confirmClose)}>×</button>
          </div>
        </header>
        <p class="byline">{t('sidebarByline', p.shop)}</p>
        {confirmClose && (
          <div class="confirm" role="group" aria-label={t('sidebarCloseLabel', p.shop)}>
            <p>{t('sidebarCloseAsk', p.shop)}</p>
            <div class="actions">
              <button class="primary" onClick={() => p.onState('closed')}>{t('sidebarCloseConfirm')}</button>
              <button onClick={() => setConfirmClose(false)}>{t('sidebarCloseCancel')}</button>
            </div>
          </div>
        )}
        <h2>{t('sidebarHeading', p.shop)}</h2>
        {p.error && <p role="alert">{t('sidebarFailed', p.error)}</p>}
        {!r && !p.error && <p class="muted">{t('sidebarRanking')}</p>}
        {r?.empty && <p class="muted">{r.empty}</p>}
        {r && r.pending > 0 && <p class="muted" role="status">{t('sidebarPending', tn('nProducts', r.pending))}</p>}
        {rows.length > 0 && (
          <>
            <p class="muted legend">{t('sidebarLegend')}</p>
            <ol>{rows}</ol>
          </>
        )}
        {p.extra}
        <p class="muted">{t('sidebarFooter')}</p>
      </aside>
    </div>
  );
}
