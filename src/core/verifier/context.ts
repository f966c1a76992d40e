/**
 * @module verifier/context
 * What every check receives. Built once per verification by `verifyCredential`.
 */
import type { DocumentLoader } from '../contexts/document-loader.js'
import type { CryptoProvider } from '../suites/crypto-provider.js'
import type { Canonize } from '../suites/eddsa-rdfc-2022-proof.js'
import type { StatusResolver } from './status-resolver.js'
import type { SchemaValidator } from './checks/schema-validators/achievement.js'

export interface CheckContext {
  /** The credential exactly as received (never modified). */
  credential: unknown
  documentLoader: DocumentLoader
  now: Date
  clockSkewSeconds: number
  statusResolver: StatusResolver | undefined
  crypto: CryptoProvider
  canonize: Canonize
  /** The precompiled JSON Schema validators (checks/schema.ts); their ES modules when undefined. */
  schemaValidators?: SchemaValidatorSource | undefined
}

/** Which precompiled validator a credential is checked with. */
export type SchemaKind = 'achievement' | 'endorsement' | 'clr'

/**
 * Where the validators come from (a port, like the document loader). The default imports the
 * ES module of each; the Node CLI passes one that loads them with V8's code cache
 * (cli/code-cached-validators.ts), since a one-credential `microcred verify` spends much of
 * its time parsing the OB 3.0 validator. A source is asked once per kind and process.
 */
export type SchemaValidatorSource = (kind: SchemaKind) => Promise<SchemaValidator>
