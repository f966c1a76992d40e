import { describe, expect, it } from 'vitest'
import { createAuditGroups } from '../../../src/issuance/audit-groups.js'
import { createMemoryStore } from '../../../src/storage/memory/memory-store.js'
import { createSqliteStore } from '../../../src/storage/sqlite/sqlite-store.js'
import type { NewAuditEntry, Store } from '../../../src/storage/store.js'

/** A store whose appendAudit / appendAudits calls are recorded (size of each call). */
function counting(real: Store): { store: Store; calls: string[] } {
  const calls: string[] = []
  const store = Object.assign(Object.create(real) as Store, {
    appendAudit: (entry: NewAuditEntry) => {
      calls.push('one')
      return real.appendAudit(entry)
    },
    appendAudits: (entries: readonly NewAuditEntry[]) => {
      calls.push(`group of ${entries.length}`)
      return real.appendAudits(entries)
    },
  })
  return { store, calls }
}

const entry = (target: string, actor = 'key-1'): NewAuditEntry => ({ actor, action: 'credentials.issue', target })

describe('grouped audit entries', () => {
  it.each([
    ['memory', () => createMemoryStore()],
    ['SQLite', () => createSqliteStore({ filename: ':memory:' })],
  ])('writes the entries of one event-loop turn with one store call, in call order (%s)', async (_name, make) => {
    const real = make()
    await real.migrate()
    const { store, calls } = counting(real)
    const append = createAuditGroups(store)
    await Promise.all(['a', 'b', 'c'].map((x) => append(entry(`urn:x:${x}`))))
    expect(calls).toEqual(['group of 3'])
    expect((await real.listAudit()).items.map((e) => e.target)).toEqual(['urn:x:c', 'urn:x:b', 'urn:x:a'])
    // A later turn is a group of its own; one entry alone goes through appendAudit.
    await append(entry('urn:x:d'))
    expect(calls).toEqual(['group of 3', 'one'])
    await real.close()
  })

  it('when the group fails, appends each entry alone: only the caller at fault gets the error', async () => {
    const real = createMemoryStore()
    await real.migrate()
    const { store, calls } = counting(real)
    const append = createAuditGroups(store)
    const results = await Promise.allSettled([append(entry('urn:x:1')), append(entry('urn:x:2', '')), append(entry('urn:x:3'))])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'ERR_INPUT_INVALID' })
    expect(calls).toEqual(['group of 3', 'one', 'one', 'one'])
    expect((await real.listAudit()).items.map((e) => e.target)).toEqual(['urn:x:3', 'urn:x:1'])
  })
})
