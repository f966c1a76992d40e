/**
 * @module delivery/mailer
 * Sends one message through SMTP (nodemailer), configured by an `smtp://` or `smtps://` URL.
 * The only outgoing connection besides the HTTP server, and only when SMTP_URL is set.
 * Failure texts are scrubbed of the URL's credentials and of the message's secrets before
 * anyone stores or logs them.
 */
import nodemailer from 'nodemailer'
import { MicrocredError } from '../core/index.js'
import type { OfferEmail } from './offer-email.js'

export interface Mailer {
  send(to: string, message: OfferEmail, secrets: readonly string[]): Promise<void>
  close(): void
}

export interface SmtpSettings {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  url: string
  /** The From address, e.g. `Badges <badges@example.edu>`. */
  from: string
  /** Connection, greeting and socket timeouts in ms (default 30 000). */
  timeoutMs?: number
}

export function parseSmtpUrl(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new MicrocredError('ERR_CONFIG_INVALID', 'SMTP_URL is not a URL (expected smtp://user:pass@host:587 or smtps://…)')
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new MicrocredError('ERR_CONFIG_INVALID', 'SMTP_URL must start with smtp:// or smtps://')
  if (url.hostname === '') throw new MicrocredError('ERR_CONFIG_INVALID', 'SMTP_URL has no host')
  return url
}

export function createSmtpMailer(settings: SmtpSettings): Mailer {
  const url = parseSmtpUrl(settings.url)
  const timeout = settings.timeoutMs ?? 30_000
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port === '' ? (url.protocol === 'smtps:' ? 465 : 587) : Number(url.port),
    secure: url.protocol === 'smtps:',
    ...(url.username === '' ? {} : { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // A message per connection: nothing is kept open between worker passes.
    pool: false,
  })
  const urlSecrets = [url.username, url.password, decodeURIComponent(url.username), decodeURIComponent(url.password)].filter((s) => s.length > 0)
  return {
    async send(to, message, secrets) {
      try {
        await transport.sendMail({ from: settings.from, to, subject: message.subject, text: message.text, html: message.html })
      } catch (e) {
        throw new Error(scrub(e instanceof Error ? e.message : String(e), [...urlSecrets, to, ...secrets]))
      }
    },
    close() {
      transport.close()
    },
  }
}

/** The text with every secret replaced, longest first (a token inside a URL goes with the URL). */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of [...secrets].filter((x) => x.length >= 3).sort((a, b) => b.length - a.length)) out = out.split(s).join('[redacted]')
  return out
}
