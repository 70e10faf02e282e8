// Where a pick was before "Not for me": it says so, can be undone, and can go further ("show fewer
// like this"), as shoppers know it from Google and YouTube, instead of vanishing without a word.
import { t } from '../shared/i18n.ts';

export interface Hidden {
  /** Where the card stood, so the note stays in its place while the list re-ranks around it. */
  index: number;
  title: string;
  fewer: boolean;
}

export function HiddenPick(p: { id: string; hidden: Hidden; onUndo(id: string): void; onFewer(id: string): void }) {
  return (
    <li class="hidden-pick" data-hidden-id={p.id}>
      <p role="status">
        <span>{p.hidden.fewer ? t('sidebarFewerDone') : t('sidebarHidden')}</span>
        {' · '}
        <button aria-label={t('sidebarUndoLabel', p.hidden.title)} onClick={() => p.onUndo(p.id)}>{t('sidebarUndo')}</button>
        {!p.hidden.fewer && (
          <>
            {' · '}
            <button onClick={() => p.onFewer(p.id)}>{t('sidebarFewer')}</button>
          </>
        )}
      </p>
    </li>
  );
}
