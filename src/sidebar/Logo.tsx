// Carryover's mark, drawn inline (the frame's CSP loads no image but the kept thumbnails): a bag
// with an arrow carried across, so the sidebar reads as Carryover's, never as the shop's own widget.
export function Logo() {
  return (
    <svg class="logo" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="22" height="22" rx="6" fill="currentColor" />
      <path d="M7 9h10l-1 9H8z" fill="none" class="ink" stroke-width="1.6" stroke-linejoin="round" />
      <path d="M9.5 9V7.5a2.5 2.5 0 0 1 5 0V9" fill="none" class="ink" stroke-width="1.6" />
      <path d="M9.5 13.5h5m-1.8-1.8 1.8 1.8-1.8 1.8" fill="none" class="ink" stroke-width="1.4" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
