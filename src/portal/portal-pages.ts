/** Internal to the admin portal: the small HTML pages the server itself answers with (errors in plain words). */
import type { Context } from 'koa';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A page with a title and a few sentences; no script, no style sheet (the CSP allows neither inline). */
export function sendPortalPage(ctx: Context, status: number, title: string, sentences: string[]): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} · cardbridge</title></head>
<body>
<main>
<h1>${escape(title)}</h1>
${sentences.map((s) => `<p>${escape(s)}</p>`).join('\n')}
</main>
</body>
</html>
`;
}

export const LINK_GONE = ['This link has expired or was already used. Ask your administrator for a new link.'];
export const LINK_UNKNOWN = ['This link is not valid. Check that you copied all of it, or ask your administrator for a new link.'];
