/**
 * @module delivery/offer-email
 * The message that tells a learner about an offer: plain text plus a simple HTML part with
 * the same words. No images, no remote content, no tracking: the only link is the claim link.
 */
export interface OfferEmailInput {
  issuerName: string
  achievementName: string
  claimUrl: string
  expiresAt: Date
}

export interface OfferEmail {
  subject: string
  text: string
  html: string
}

export function composeOfferEmail(input: OfferEmailInput): OfferEmail {
  const day = formatDay(input.expiresAt)
  const subject = `Your credential from ${input.issuerName}: ${input.achievementName}`
  const lines = [
    'Hello,',
    '',
    `${input.issuerName} has awarded you the credential "${input.achievementName}".`,
    '',
    `To receive it, open this link before ${day}:`,
    input.claimUrl,
    '',
    'The link works once. You can take the credential into a digital wallet (wallets that support OpenID for Verifiable Credential Issuance, or Learner Credential Wallet), or download it as a signed file (JSON) or as a badge image with the credential inside. Keep it: anyone you show it to can check it is genuine.',
    '',
    'Do not forward this message: whoever opens the link first receives the credential.',
    'If you did not expect this message, you can ignore it; nothing happens unless the link is opened.',
  ]
  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>' + escapeHtml(subject) + '</title></head>',
    '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
    `<p>Hello,</p>`,
    `<p>${escapeHtml(input.issuerName)} has awarded you the credential <strong>${escapeHtml(input.achievementName)}</strong>.</p>`,
    `<p>To receive it, open this link before ${escapeHtml(day)}:<br><a href="${escapeHtml(input.claimUrl)}">${escapeHtml(input.claimUrl)}</a></p>`,
    `<p>${escapeHtml(lines[7]!)}</p>`,
    `<p>${escapeHtml(lines[9]!)}<br>${escapeHtml(lines[10]!)}</p>`,
    '</body></html>',
  ].join('\n')
  return { subject, text: lines.join('\n') + '\n', html }
}

/** `3 March 2026` (UTC): unambiguous in every locale, unlike 03/04/2026. */
function formatDay(d: Date): string {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} (UTC)`
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}
