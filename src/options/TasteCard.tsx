// "Your taste" as boards: each interest named by the words its products share, with their kept
// photos, and "Forget this interest". The map is the second view: each product a dot placed by what
// it looks like (the first two principal components of its vector), coloured by interest.
import { useState } from 'preact/hooks';
import type { TasteMap, TastePoint } from '../background/taste.ts';
import { ask } from '../shared/connector.ts';
import { t, tn } from '../shared/i18n.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { safeThumb, safeUrl } from '../shared/safe-url.ts';
import { Confirm } from './Confirm.tsx';
import { useUndo } from './Undo.tsx';
import { shopText, type ShopNames } from './shop-label.tsx';

const COLOURS = ['#2f6f5e', '#c0552f', '#3b5fc0', '#a33d8f', '#b58a12', '#5b6661'];
const W = 520;
const H = 320;
const PAD = 24;

function scale(points: TastePoint[]) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return (p: TastePoint) => [PAD + ((p.x - x0) / (x1 - x0 || 1)) * (W - 2 * PAD), PAD + ((p.y - y0) / (y1 - y0 || 1)) * (H - 2 * PAD)] as const;
}

export function TasteCard(props: { version: number; names: ShopNames }) {
  const [map] = useLoad(() => ask({ type: 'taste/map' }), [props.version]);
  const [hover, setHover] = useState<TastePoint>();
  const undo = useUndo();
  const { names } = props;
  // Forgetting waits a few seconds for an Undo; the interest is hidden meanwhile. The reload after
  // it comes through the page's version (the undo bar bumps it once the interactions are gone).
  const forget = (m: TasteMap['interests'][number]) => undo.defer({
    text: t('undoForgetting', m.name),
    // By product, not by the interest's number: the map is drawn again after it, numbered anew.
    keys: m.members.map((id) => `taste:${id}`),
    commit: () => ask({ type: 'taste/forget', itemIds: m.members }).then(
      (n) => t('tasteForgotten', m.name, tn('nInteractions', n)),
      (e: unknown) => { throw new Error(t('tasteForgetFailed', e instanceof Error ? e.message : String(e))); },
    ),
  });
  const kept = (id: string) => !undo.hidden.has(`taste:${id}`);
  return (
    <section class="card" aria-labelledby="taste-heading">
      <h2 id="taste-heading">{t('tasteHeading')}</h2>
      {map.state === 'loading' && <p class="muted">{t('tasteDrawing')}</p>}
      {map.state === 'failed' && <p class="error" role="alert">{t('tasteFailed', map.error)}</p>}
      {map.state === 'ready' && !map.value.points.length && <p class="muted">{t('tasteNothing')}</p>}
      {map.state === 'ready' && map.value.points.length > 0 && (() => {
        const at = scale(map.value.points);
        return (
          <div class="taste" data-testid="taste-map">
            {/* Boards first: each interest by the words its products share, with their photos. */}
            <ol class="interests boards">
              {map.value.interests.filter((m) => m.members.every(kept)).map((m) => (
                <li key={m.index} class="board">
                  <h3>
                    <span class="swatch" style={{ background: COLOURS[m.index % COLOURS.length] }} />
                    {m.name} <span class="muted">{t('tasteInterestShare', Math.round(m.importance * 100), tn('nProducts', m.members.length))}</span>
                  </h3>
                  {m.photos.length > 0 && (
                    <ul class="photos">
                      {m.photos.map((p) => <li key={p.id}><img src={safeThumb(p.thumb)} alt={p.title} title={p.title} width={72} height={72} /></li>)}
                    </ul>
                  )}
                  <Confirm label={t('tasteForget')} question={tn('tasteForgetConfirm', m.members.length, m.name)} yes={t('tasteForgetYes')} onYes={() => forget(m)} />
                </li>
              ))}
            </ol>
            <details class="map">
              <summary>{t('tasteMapShow')}</summary>
              <svg width={W} height={H} role="img" aria-label={t('tasteMapLabel', map.value.points.length, map.value.interests.length)}>
                <rect width={W} height={H} rx="8" class="taste-bg" />
                {map.value.points.filter((p) => kept(p.id)).map((p) => {
                  const [x, y] = at(p);
                  return (
                    <circle key={p.id} cx={x} cy={y} r={hover?.id === p.id ? 9 : 6} fill={COLOURS[p.interest % COLOURS.length]} tabIndex={0}
                      onMouseEnter={() => setHover(p)} onFocus={() => setHover(p)} onMouseLeave={() => setHover(undefined)}>
                      <title>{p.title} · {shopText(p.site, names)}</title>
                    </circle>
                  );
                })}
                {hover && safeUrl(hover.imageUrl) && (() => {
                  const [x, y] = at(hover);
                  return <image href={safeUrl(hover.imageUrl)} x={Math.min(x + 10, W - 90)} y={Math.max(y - 90, 4)} width="80" height="80" />;
                })()}
              </svg>
              <p class="muted">{t('tasteExplained')}</p>
            </details>
          </div>
        );
      })()}
    </section>
  );
}
