/** Internal to the admin portal: the small HTML pages the server itself answers with (errors in plain words). */
import type { Context } from 'koa';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function sendHtml(ctx: Context, status: number, title: string, main: string, head = ''): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} · cardbridge</title>${head}</head>
<body>
<main>
<h1>${escape(title)}</h1>
${main}
</main>
</body>
</html>
`;
}

const paragraphs = (sentences: string[]) => sentences.map((s) => `<p>${escape(s)}</p>`).join('\n');

/** A page with a title and a few sentences; no script, no style sheet (the CSP allows neither inline). */
export function sendPortalPage(ctx: Context, status: number, title: string, sentences: string[]): void {
  sendHtml(ctx, status, title, paragraphs(sentences));
}

/** The id of the link page's form, which LINK_SCRIPT submits. */
export const LINK_FORM_ID = 'portal-link';

/**
 * The page a portal link answers a GET with: a form that POSTs to `action` (which uses the link up) and its
 * button; the external script at `script` (the CSP allows no inline script) submits it in a browser, so the admin
 * sees no extra click, and without JavaScript the button does. Not for search engines or previews to keep.
 */
export function sendLinkPage(ctx: Context, action: string, script: string): void {
  sendHtml(
    ctx,
    200,
    'Opening the admin portal',
    `${paragraphs(['If the admin portal does not open by itself, continue with the button below.'])}
<form id="${LINK_FORM_ID}" method="post" action="${escape(action)}"><button type="submit">Continue to the portal</button></form>`,
    `<meta name="robots" content="noindex, nofollow"><script src="${escape(script)}" defer></script>`,
  );
}

export const LINK_GONE = ['This link has expired or was already used. Ask your administrator for a new link.'];
export const LINK_CROSS_SITE = ['This link can only be opened from its own page. Open it again from your email or chat, or ask your administrator for a new link.'];
export const LINK_UNKNOWN = ['This link is not valid. Check that you copied all of it, or ask your administrator for a new link.'];
