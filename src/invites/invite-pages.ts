import type { InviteView } from '../domain/cards/invites.service.js';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>
  body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f4f6f9;
    font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2933}
  main{max-width:420px;margin:24px;padding:32px;background:#fff;border-radius:12px;box-shadow:0 4px 24px rgba(31,41,51,.08);text-align:center}
  h1{font-size:22px;margin:0 0 12px}p{line-height:1.5;margin:0 0 20px;color:#52606d}
  button,a.button{display:inline-block;border:0;border-radius:8px;background:#2f80ed;color:#fff;font:600 16px/1 inherit;
    padding:14px 28px;cursor:pointer;text-decoration:none}
</style></head>
<body><main>${body}</main></body></html>`;
}

/** The page behind an accept link: one button that POSTs, or the confirmation once accepted. */
export function invitePage(invite: InviteView, publicUrl: string): string {
  const org = escapeHtml(invite.organizationName);
  const name = invite.displayName ? `, ${escapeHtml(invite.displayName)}` : '';
  if (invite.status === 'accepted') {
    const card = invite.cardSlug ? `<a class="button" href="${escapeHtml(`${publicUrl}/c/${invite.cardSlug}`)}">View your card</a>` : '';
    return page('Invitation accepted', `<h1>You're all set${name}</h1><p>You accepted the invitation of ${org}. Your digital business card is ready to share.</p>${card}`);
  }
  // A form, not a plain link: mail scanners (e.g. Microsoft Defender Safe Links) open every GET link in a mail,
  // which must not accept the invite on the user's behalf.
  return page(
    `Invitation from ${invite.organizationName}`,
    `<h1>Welcome${name}</h1><p>${org} has created a digital business card for you.</p><form method="post"><button type="submit">Accept invitation</button></form>`,
  );
}

/** Unknown, mistyped or removed links. */
export function unknownInvitePage(): string {
  return page('Invitation not found', `<h1>Invitation not found</h1><p>This link is not valid. Check that you opened the whole link from the e-mail, or ask your administrator to send the invitation again.</p>`);
}
