import type { MailMessage } from './mail-transport.js';

export interface InviteMailInput {
  to: string;
  displayName: string | null;
  organizationName: string;
  acceptUrl: string;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The invite e-mail: plain text for every client, HTML with one obvious button, both with the same link. */
export function renderInviteMail(input: InviteMailInput): MailMessage {
  const greeting = input.displayName ? `Hello ${input.displayName},` : 'Hello,';
  const org = input.organizationName;
  const subject = `${org} invites you to your digital business card`;
  const text = [
    greeting,
    '',
    `${org} has created a digital business card for you. Open the link below to accept the invitation;`,
    'afterwards you can share your card and edit the details your company lets you change.',
    '',
    input.acceptUrl,
    '',
    'If you did not expect this e-mail, you can ignore it.',
    '',
    '— cardbridge',
  ].join('\r\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f6f9;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2933">
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
    <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:520px;background:#ffffff;border-radius:12px;padding:32px">
      <tr><td>
        <p style="margin:0 0 16px;font-size:16px">${escapeHtml(greeting)}</p>
        <p style="margin:0 0 24px;font-size:16px;line-height:1.5"><strong>${escapeHtml(org)}</strong> has created a digital business card for you.
          Accept the invitation to share your card and edit the details your company lets you change.</p>
        <p style="margin:0 0 24px" align="center"><a href="${escapeHtml(input.acceptUrl)}" style="display:inline-block;background:#2f80ed;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 24px;border-radius:8px">Accept invitation</a></p>
        <p style="margin:0 0 8px;font-size:13px;color:#52606d">Or open this link: <a href="${escapeHtml(input.acceptUrl)}" style="color:#2f80ed;word-break:break-all">${escapeHtml(input.acceptUrl)}</a></p>
        <p style="margin:16px 0 0;font-size:13px;color:#7b8794">If you did not expect this e-mail, you can ignore it.</p>
      </td></tr>
    </table>
  </td></tr></table>
</body></html>`;
  return { to: input.to, subject, text, html };
}
