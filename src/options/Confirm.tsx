// A confirmation in the page, where the shopper clicked: the question, what it will do, and a
// second button that does it (a native confirm() blocks the page, cannot be styled or translated
// with the page, and is a dialog a shopper learns to click through).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../shared/i18n.ts';

export function Confirm(props: {
  /** The first button. */
  label: ComponentChildren;
  ariaLabel?: string;
  question: string;
  /** The button that does it. */
  yes: string;
  danger?: boolean;
  disabled?: boolean;
  onYes(): void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return <button class={props.danger ? 'danger' : undefined} aria-label={props.ariaLabel} disabled={props.disabled} onClick={() => setAsking(true)}>{props.label}</button>;
  }
  return (
    <span class="confirm" role="group" aria-label={props.question}>
      <span>{props.question}</span>{' '}
      <button class={props.danger ? 'danger' : 'primary'} onClick={() => { setAsking(false); props.onYes(); }}>{props.yes}</button>{' '}
      <button onClick={() => setAsking(false)}>{t('confirmCancel')}</button>
    </span>
  );
}
