// One pick: photo, title, price (the sale's crossed-out price kept), how well it matches (a number
// beside the bar), the reason (always another product), and what the shopper can do with it.
import type { RecCard } from '../background/recommend.ts';
import { formatPrice } from '../shared/format.ts';
import { t } from '../shared/i18n.ts';
import { safeThumb, safeUrl } from '../shared/safe-url.ts';

export type PickAction = 'click' | 'like' | 'dismiss';

export function PickCard(p: { card: RecCard; rank: number; liked: boolean; onAction(card: RecCard, action: PickAction): void }) {
  const c = p.card;
  const pct = Math.round(c.match * 100);
  return (
    <li data-item-id={c.id} data-rank={p.rank}>
      {/* The thumbnail Carryover made when it first read the photo: showing a pick never asks the shop's image host for it. */}
      {safeThumb(c.thumb) ? <img src={safeThumb(c.thumb)} alt="" /> : <span class="nothumb" />}
      <div>
        <p class="title">{c.title}</p>
        {c.price !== undefined && (
          <p class="price">
            {c.listPrice !== undefined && (
              <>
                {/* Screen readers do not announce strike-through: the word says it. */}
                <span class="sr-only">{t('sidebarWasPrice')} </span>
                <s class="was">{formatPrice(c.listPrice, c.currency)}</s>{' '}
                <span class="sr-only">{t('sidebarNowPrice')} </span>
              </>
            )}
            <span class={c.listPrice !== undefined ? 'sale' : undefined}>{formatPrice(c.price, c.currency)}</span>
          </p>
        )}
        <div class="match">
          <div class="bar" role="meter" aria-label={t('sidebarMatch')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={t('sidebarMatchPct', pct)}>
            <span style={{ width: `${pct}%` }} />
          </div>
          <span class="pct" aria-hidden="true">{t('sidebarMatchPct', pct)}</span>
        </div>
        {c.reason && <p class="reason">{c.reason}</p>}
        <div class="actions">
          <a class="open" href={safeUrl(c.url)} target="_top" rel="noreferrer" onClick={() => p.onAction(c, 'click')}>{t('sidebarOpen')}</a>
          <button class="like" aria-pressed={p.liked} onClick={() => p.onAction(c, 'like')}>{p.liked ? t('sidebarLiked') : t('sidebarLike')}</button>
          <button onClick={() => p.onAction(c, 'dismiss')}>{t('sidebarDismiss')}</button>
        </div>
      </div>
    </li>
  );
}
