/**
 * @module verifier/context
 * What every check receives. Built once per verification by `verifyCredential`.
 */
import type { DocumentLoader } from '../contexts/document-loader.js'
import type { CryptoProvider } from '../suites/crypto-provider.js'
import type { Canonize } from '../suites/eddsa-rdfc-2022-proof.js'
import type { StatusResolver } from './status-resolver.js'

export interface CheckContext {
  /** The credential exactly as received (never modified). */
  credential: unknown
  documentLoader: DocumentLoader
  now: Date
  clockSkewSeconds: number
  statusResolver: StatusResolver | undefined
  crypto: CryptoProvider
  canonize: Canonize
}
