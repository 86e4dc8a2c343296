// Internal to the public card pages: inline SVG icons (24×24, stroked with the current text colour).
import { trusted, type SafeHtml } from './html.js';

const icon = (body: string): SafeHtml =>
  trusted(`<svg class="icon" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`);

export const icons = {
  phone: icon('<rect x="7" y="2.5" width="10" height="19" rx="2.5"/><path d="M11 18.5h2"/>'),
  mail: icon('<rect x="3" y="5" width="18" height="14" rx="2.5"/><path d="m3.5 7 8.5 6 8.5-6"/>'),
  place: icon('<path d="M12 21s-7-6.1-7-11a7 7 0 0 1 14 0c0 4.9-7 11-7 11z"/><circle cx="12" cy="10" r="2.5"/>'),
  save: icon('<circle cx="9" cy="8" r="4"/><path d="M2.5 20.5a6.5 6.5 0 0 1 13 0M19 8v6M16 11h6"/>'),
};
