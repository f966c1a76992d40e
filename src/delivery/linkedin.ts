/**
 * @module delivery/linkedin
 * LinkedIn's "Add to profile" link for a certification. LinkedIn documents it as
 * `https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME` with `name`,
 * `organizationId` (LinkedIn's numeric company id) or `organizationName`, `issueYear`,
 * `issueMonth` (1–12), `expirationYear`, `expirationMonth`, `certUrl` and `certId`.
 *
 * No Node built-ins: the claim page bundles it too. The credential URL is only given when the
 * learner made the credential's page public — a private credential has no page to link to.
 */
export const LINKEDIN_ADD_TO_PROFILE = 'https://www.linkedin.com/profile/add'

export interface LinkedInCertification {
  name: string
  /** The issuing organisation's name (used when no LinkedIn organisation id is known). */
  organizationName: string
  /** LinkedIn's numeric id of the issuing organisation, when the issuer configured one. */
  organizationId?: string | undefined
  /** When it was issued (ISO 8601); year and month are sent, in UTC. */
  issued?: string | undefined
  /** When it stops being valid (ISO 8601), if ever. */
  expires?: string | undefined
  /** The public credential page, only when the learner made it public. */
  certUrl?: string | undefined
  /** The credential's identifier. */
  certId?: string | undefined
}

function yearMonth(iso: string | undefined): [string, string] | undefined {
  if (iso === undefined) return undefined
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? undefined : [String(d.getUTCFullYear()), String(d.getUTCMonth() + 1)]
}

export function linkedInAddToProfileUrl(c: LinkedInCertification): string {
  const params = new URLSearchParams({ startTask: 'CERTIFICATION_NAME', name: c.name })
  if (c.organizationId !== undefined && /^\d+$/.test(c.organizationId)) params.set('organizationId', c.organizationId)
  else params.set('organizationName', c.organizationName)
  const issued = yearMonth(c.issued)
  if (issued !== undefined) {
    params.set('issueYear', issued[0])
    params.set('issueMonth', issued[1])
  }
  const expires = yearMonth(c.expires)
  if (expires !== undefined) {
    params.set('expirationYear', expires[0])
    params.set('expirationMonth', expires[1])
  }
  if (c.certUrl !== undefined) params.set('certUrl', c.certUrl)
  if (c.certId !== undefined) params.set('certId', c.certId)
  return `${LINKEDIN_ADD_TO_PROFILE}?${params.toString()}`
}
