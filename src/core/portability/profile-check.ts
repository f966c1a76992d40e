/**
 * @module portability/profile-check
 * The portability verdict: one `profile:<id>` entry per requested framework profile, with
 * every element's result in `details.elements`. Reported beside authenticity, never
 * changing it. Where a profile asks for credits in a system the credential does not use,
 * the value is converted with the credit table (ECTS → UK credits for uk-qaa, by the
 * full-time-year method) and the conversion is reported; the issuer's value is never
 * replaced in the credential. Facts and the QA assessment are computed once and shared.
 */
import { fail, pass, type Check } from '../verifier/result.js'
import { convertCredits, normalizeCreditSystem, type ConvertedCredits } from './credits.js'
import { readCredentialFacts, type CredentialFacts } from './facts.js'
import { evaluateProfile, type FrameworkProfile } from './profile.js'
import { assessQualityAssurance, type QaAssessment, type VerifyFn } from './qa.js'
import type { TrustList } from './trust-list.js'

export interface ProfileCheckOptions {
  trustList?: TrustList
  endorsements?: readonly unknown[]
  /** Verifies endorsements (the caller's verifier, same loader and clock). */
  verify: VerifyFn
  /** Reuse a QA assessment already made for this credential. */
  qa?: QaAssessment
}

/**
 * Framework profiles reported against one credential. Never affects `verified`. Callers may
 * add stacking pathways beside them (the CLI's `verify --pathway` adds `pathways`, the
 * `PathwayResult` of `evaluatePathway`, which verifies by itself and so is not run here).
 */
export interface PortabilityReport {
  /** One `profile:<id>` entry per profile asked for: `pass` when met, `fail` (with the elements) when not. */
  profiles: Check[]
}

export async function checkProfiles(credential: unknown, profiles: readonly FrameworkProfile[], options: ProfileCheckOptions): Promise<Check[]> {
  if (profiles.length === 0) return []
  const facts = readCredentialFacts(credential)
  let qa = options.qa
  if (qa === undefined && facts.qualityAssurance.length > 0 && profiles.some((p) => p.elements.some((e) => e.fact === 'qualityAssurance'))) {
    qa = await assessQualityAssurance(facts, {
      verify: options.verify,
      ...(options.trustList !== undefined ? { trustList: options.trustList } : {}),
      ...(options.endorsements !== undefined ? { endorsements: options.endorsements } : {}),
    })
  }
  const checks: Check[] = []
  for (const profile of profiles) {
    const { facts: used, conversion } = convertedFor(profile, facts)
    const result = await evaluateProfile(profile, credential, { facts: used, ...(qa !== undefined ? { qa } : {}) })
    if (conversion !== undefined) {
      // Met only through a conversion: say so (a warning), so nobody mistakes it for the issuer's own value.
      const note = `converted from ${conversion.from.value} ${conversion.from.system} to ${round(conversion.value)} ${conversion.system} by ${conversion.method}${conversion.estimated ? ' (estimated)' : ''}`
      for (const e of result.elements) {
        if (!creditElementIds(profile).includes(e.id)) continue
        e.message = `${e.message} (${note})`
        if (e.outcome === 'pass' || e.outcome === 'warn') {
          e.outcome = 'warn'
          e.warnings = [...(e.warnings ?? []), { rule: `credits in ${wantedSystems(profile, e.id).join(' or ')}`, value: conversion.from, message: note }]
        }
      }
      result.summary.warnings = result.elements.filter((e) => e.outcome === 'warn').length
    }
    const id = `profile:${profile.id}`
    const details = { profile: result.profile, summary: result.summary, elements: result.elements, ...(conversion !== undefined ? { conversions: [conversion] } : {}) }
    const warned = result.elements.filter((e) => e.outcome === 'warn')
    if (result.met) {
      const note = warned.length > 0 ? `; warnings: ${warned.map((e) => `${e.id} (${e.warnings?.map((w) => w.message).join('; ')})`).join(', ')}` : ''
      checks.push(pass(id, `meets ${profile.name}: all ${result.summary.required} required elements present${note}`, details))
    } else {
      const failed = result.elements.filter((e) => e.outcome === 'fail')
      checks.push(fail(id, 'ERR_PROFILE_NOT_MET', `does not meet ${profile.name}: ${failed.map((e) => `${e.id} ${e.status.replace(/-/g, ' ')}${e.rule && e.status !== 'missing' ? ` (needs ${e.rule})` : ''}`).join('; ')}`, details))
    }
  }
  return checks
}

/** Ids of the profile's elements that read credits and ask for particular systems. */
function creditElementIds(profile: FrameworkProfile): string[] {
  return profile.elements.filter((e) => (e.fact === 'credits' || e.fact === 'workload') && wantedSystems(profile, e.id).length > 0).map((e) => e.id)
}

/** The credit systems a profile element accepts (its `oneOf` rule on `system`), canonical ids, in order. */
function wantedSystems(profile: FrameworkProfile, elementId: string): string[] {
  const element = profile.elements.find((e) => e.id === elementId)
  const rule = element?.rules?.find((r) => r.kind === 'oneOf' && r.field === 'system')
  if (rule === undefined || rule.kind !== 'oneOf') return []
  return rule.values.map((v) => (typeof v === 'string' ? normalizeCreditSystem(v) : undefined)).filter((v): v is NonNullable<typeof v> => v !== undefined)
}

/**
 * The facts as the profile reads them: when it wants credits in other systems than the
 * credential's and the table converts between them, the converted value (first wanted
 * system that converts) stands in; otherwise the facts unchanged.
 */
function convertedFor(profile: FrameworkProfile, facts: CredentialFacts): { facts: CredentialFacts; conversion?: ConvertedCredits } {
  const credits = facts.credits
  if (credits?.system === undefined) return { facts }
  const element = profile.elements.find((e) => e.fact === 'credits' && wantedSystems(profile, e.id).length > 0)
  if (element === undefined) return { facts }
  const wanted = wantedSystems(profile, element.id)
  if (wanted.includes(credits.system)) return { facts }
  for (const target of wanted) {
    const converted = convertCredits({ value: credits.value, system: credits.system }, target, 'fte-year')
    if (converted === undefined) continue
    const value = { value: round(converted.value), system: converted.system, ...(credits.declaredSystem !== undefined ? { declaredSystem: credits.declaredSystem } : {}) }
    return { facts: { ...facts, credits: value, ...(facts.workload !== undefined ? { workload: { ...facts.workload, credits: value } } : {}) }, conversion: converted }
  }
  return { facts }
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
