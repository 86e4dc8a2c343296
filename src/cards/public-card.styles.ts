// Internal to the public card pages: the page's only stylesheet, inlined and allowed by its CSP hash.
import type { Swatch } from './public-card.view.js';

const BASE = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;min-height:100vh;background:#eef1f5;color:#111827;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:inherit}
.card{max-width:420px;margin:0 auto;background:#fff;min-height:100vh;overflow:hidden}
@media (min-width:480px){.card{margin:32px auto;min-height:0;border-radius:24px;box-shadow:0 12px 40px rgba(17,24,39,.12)}}
.band{height:128px;padding:18px 20px;background:linear-gradient(135deg,var(--primary),var(--accent));color:var(--on-primary);display:flex;align-items:flex-start}
.band img{max-height:36px;max-width:60%;object-fit:contain}
.band .brand{font-weight:600;letter-spacing:.02em;opacity:.92}
.head{text-align:center;padding:0 24px}
.avatar{width:112px;height:112px;margin:-56px auto 12px;border-radius:50%;border:4px solid #fff;background:var(--accent);color:var(--on-accent);display:flex;align-items:center;justify-content:center;font-size:40px;font-weight:600;overflow:hidden;box-shadow:0 4px 14px rgba(17,24,39,.15)}
.avatar img{width:100%;height:100%;object-fit:cover}
h1{margin:0;font-size:1.6rem;line-height:1.2;font-weight:700;overflow-wrap:anywhere}
.role{margin:6px 0 0;font-size:1.05rem;color:#374151}
.org{margin:2px 0 0;color:#6b7280}
.actions{display:flex;gap:12px;justify-content:center;padding:22px 24px 6px;flex-wrap:wrap}
.action{flex:1 1 0;min-width:84px;max-width:120px;display:flex;flex-direction:column;align-items:center;gap:6px;padding:12px 8px;border-radius:16px;background:#f3f4f6;text-decoration:none;font-size:.85rem;font-weight:600;color:var(--primary-ink)}
.save{display:flex;align-items:center;justify-content:center;gap:10px;margin:12px 24px 4px;padding:14px;border-radius:14px;background:var(--accent);color:var(--on-accent);text-decoration:none;font-weight:600}
.icon{flex:none}
.details{list-style:none;margin:16px 0 0;padding:0 24px}
.details li{display:flex;gap:14px;align-items:flex-start;padding:12px 0;border-top:1px solid #eef0f3}
.details li:first-child{border-top:0}
.details .icon{color:var(--primary-ink);margin-top:2px}
.details a{text-decoration:none;overflow-wrap:anywhere}
.details .kind{display:block;font-size:.8rem;color:#6b7280;text-transform:capitalize}
.details address{font-style:normal}
.qr{margin:20px 24px 28px;padding:14px 18px 16px;border-radius:18px;border:1px solid #e5e7eb;text-align:center}
.qr svg{width:168px;height:168px;display:block;margin:0 auto}
.qr figcaption{margin:6px 0 0;font-size:.85rem;color:#6b7280}
.gone{max-width:420px;margin:18vh auto 0;padding:32px 24px;text-align:center;color:#374151}
.gone h1{font-size:1.35rem}
`.trim();

/** The stylesheet of a card page: the fixed rules plus the template's colours as custom properties. */
export function cardStyles(colors: { primary: Swatch; accent: Swatch }): string {
  // Text in the primary colour is only used when the primary is dark enough to read on white.
  const ink = colors.primary.on === '#ffffff' ? colors.primary.color : '#111827';
  const vars = `:root{--primary:${colors.primary.color};--on-primary:${colors.primary.on};--accent:${colors.accent.color};--on-accent:${colors.accent.on};--primary-ink:${ink}}`;
  return `${vars}\n${BASE}`;
}

/** The stylesheet of the minimal 404/410 pages. */
export const STATUS_STYLES = BASE;
